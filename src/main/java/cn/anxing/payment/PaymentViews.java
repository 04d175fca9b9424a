package cn.anxing.payment;

import cn.anxing.accident.facts.CaseFacts;
import cn.anxing.accident.facts.PartyFacts;
import cn.anxing.payment.AdvancePayments.DisbursementReceipt;
import cn.anxing.payment.AdvancePayments.PaymentReceipt;
import cn.anxing.payment.AdvancePayments.ReversalReceipt;
import cn.anxing.payment.PaymentQueries.Application;
import cn.anxing.payment.PaymentQueries.BillSummary;
import cn.anxing.payment.PaymentQueries.Hospital;
import cn.anxing.payment.PaymentQueries.Instruction;
import cn.anxing.payment.PaymentQueries.NamedPayer;
import cn.anxing.payment.PaymentQueries.Notification;
import cn.anxing.payment.PaymentQueries.OverdueNotice;
import cn.anxing.payment.PaymentQueries.OverdueReview;
import cn.anxing.payment.PaymentQueries.Payer;
import cn.anxing.payment.PaymentQueries.TimelineEntry;
import cn.anxing.payment.PaymentReads.ApplicationDetail;
import cn.anxing.payment.PaymentReads.OverdueWork;
import cn.anxing.payment.PaymentReads.ReconciliationDay;
import cn.anxing.payment.PaymentService.BilledApplication;
import cn.anxing.payment.PaymentService.RegisteredPayer;
import cn.anxing.payment.rules.AdvanceCommand;
import cn.anxing.payment.rules.AdvanceDecision;
import cn.anxing.payment.rules.AdvanceOutcome;
import cn.anxing.payment.rules.Fen;
import cn.anxing.payment.rules.Posting;
import cn.anxing.payment.rules.Reconciliation;
import cn.anxing.payment.rules.TimelineEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The JSON of the payment API, written once: what each answer holds and under which name (times
 * as ISO instants in UTC, money as integer fen, absent values as {@code null}), and the orders
 * sent to payers' systems. {@link PaymentRoutes} answers with these; nothing else builds
 * payment JSON.
 */
public final class PaymentViews {

    private PaymentViews() {
    }

    // ---- applications -----------------------------------------------------------------------

    public static JsonObject application(ApplicationDetail d) {
        return summary(d.application())
                .put("overdue", new JsonObject().put("policeNotice", d.noticeOverdue())
                        .put("fundReview", d.reviewOverdue()))
                .put("payers", array(d.payers(), PaymentViews::payer))
                .put("bills", array(d.bills(), PaymentViews::bill))
                .put("payments", array(d.payments(), PaymentViews::instruction))
                .put("timeline", array(d.timeline(), PaymentViews::timelineEntry))
                .put("accidentCase", d.accidentCase().map(PaymentViews::accidentCase)
                        .orElse(null));
    }

    public static JsonObject billed(BilledApplication b) {
        return application(b.application()).put("billId", b.billId().toString());
    }

    public static JsonArray applications(List<Application> list) {
        return array(list, PaymentViews::summary);
    }

    static JsonObject summary(Application a) {
        return new JsonObject()
                .put("id", a.id().toString())
                .put("caseId", a.caseId())
                .put("injuredPersonId", a.injuredPersonId())
                .put("injuredRelation", a.relation().map(Enum::name).orElse(null))
                .put("injuredIdNumber", a.idNumber().orElse(null))
                .put("hospitalId", a.hospitalId())
                .put("hospitalName", a.hospitalName())
                .put("accidentAt", a.accidentAt().toString())
                .put("state", a.state().name())
                .put("appliedBy", text(a.appliedBy()))
                .put("applicantPhone", a.applicantPhone().orElse(null))
                .put("appliedAt", a.appliedAt().toString())
                .put("noticeDueAt", a.noticeDueAt().toString())
                .put("updatedAt", a.updatedAt().toString());
    }

    static JsonObject payer(NamedPayer p) {
        return new JsonObject()
                .put("payerId", p.payerId())
                .put("kind", p.kind().name())
                .put("name", p.name())
                .put("liabilityState", p.liabilityState().name())
                .put("fundGrounds", new JsonArray(List.copyOf(p.fundGrounds())))
                .put("noticedAt", p.noticedAt().toString())
                .put("advancedFen", p.advancedFen())
                .put("capFen", p.capFen().orElse(null));
    }

    static JsonObject bill(BillSummary b) {
        return new JsonObject()
                .put("id", b.id().toString())
                .put("hospitalId", b.hospitalId())
                .put("totalFen", b.totalFen())
                .put("submittedAt", b.submittedAt().toString())
                .put("reviewDueAt", b.reviewDueAt().toString())
                .put("unpaidFen", b.unpaidFen())
                .put("items", b.items());
    }

    static JsonObject instruction(Instruction i) {
        return new JsonObject()
                .put("id", i.id().toString())
                .put("idempotencyKey", i.idempotencyKey())
                .put("payerId", i.payerId())
                .put("billId", text(i.billId()))
                .put("requestedFen", i.requestedFen())
                .put("paidFen", i.paidFen().orElse(null))
                .put("excessFen", i.excessFen().orElse(null))
                .put("excessHandling", i.excessHandling().map(Enum::name).orElse(null))
                .put("postingId", text(i.postingId()))
                .put("createdAt", i.createdAt().toString())
                .put("disbursedAt", text(i.disbursedAt()))
                .put("reversedAt", text(i.reversedAt()));
    }

    static JsonObject timelineEntry(TimelineEntry t) {
        TimelineEvent e = t.event();
        return new JsonObject()
                .put("id", t.id())
                .put("at", e.at().toString())
                .put("what", e.what())
                .put("actorRole", e.by().name())
                .put("actorId", e.actorId())
                .put("actorName", t.actorName().orElse(null))
                .put("textZh", e.textZh())
                .put("textEn", e.textEn());
    }

    /** The accident case of Anxing an application names, as the accident feature tells it. */
    static JsonObject accidentCase(CaseFacts c) {
        return new JsonObject()
                .put("id", c.id())
                .put("caseNo", c.caseNumber())
                .put("occurredAt", c.occurredAt().toString())
                .put("state", c.state())
                .put("parties", array(c.parties(), PaymentViews::party));
    }

    private static JsonObject party(PartyFacts p) {
        return new JsonObject()
                .put("label", p.label())
                .put("plate", p.plate().orElse(null))
                .put("insurerCode", p.insurerCode().orElse(null));
    }

    public static JsonArray notifications(List<Notification> list) {
        return array(list, n -> new JsonObject()
                .put("id", n.id())
                .put("applicationId", n.applicationId().toString())
                .put("caseId", n.caseId())
                .put("at", n.at().toString())
                .put("what", n.what())
                .put("actorRole", n.actorRole().name())
                .put("textZh", n.textZh())
                .put("textEn", n.textEn()));
    }

    public static JsonObject overdue(OverdueWork w) {
        return new JsonObject()
                .put("at", w.at().toString())
                .put("policeNotices", array(w.policeNotices(), PaymentViews::overdueNotice))
                .put("fundReviews", array(w.fundReviews(), PaymentViews::overdueReview));
    }

    private static JsonObject overdueNotice(OverdueNotice n) {
        return new JsonObject()
                .put("applicationId", n.applicationId().toString())
                .put("caseId", n.caseId())
                .put("injuredPersonId", n.injuredPersonId())
                .put("appliedAt", n.appliedAt().toString())
                .put("dueAt", n.dueAt().toString());
    }

    private static JsonObject overdueReview(OverdueReview r) {
        return new JsonObject()
                .put("applicationId", r.applicationId().toString())
                .put("caseId", r.caseId())
                .put("billId", r.billId().toString())
                .put("payerId", r.payerId())
                .put("submittedAt", r.submittedAt().toString())
                .put("dueAt", r.dueAt().toString());
    }

    // ---- money ------------------------------------------------------------------------------

    public static JsonObject payment(PaymentReceipt receipt) {
        AdvanceOutcome o = receipt.outcome();
        AdvanceCommand c = receipt.command();
        AdvanceDecision d = o.decision();
        return new JsonObject()
                .put("instructionId", o.instructionId().toString())
                .put("applicationId", c.applicationId().toString())
                .put("payerId", c.payerId())
                .put("requestedFen", c.requested().value())
                .put("paidFen", d.payNow().value())
                .put("excessFen", d.excess().value())
                .put("excessHandling", d.excessHandling().name())
                .put("postingId", text(o.postingId()))
                .put("replayed", o.replayed())
                .put("limitFen", c.limit().cap().map(Fen::value).orElse(null))
                .put("limitBasis", c.limit().basis());
    }

    public static JsonObject disbursement(DisbursementReceipt r) {
        return new JsonObject()
                .put("instructionId", r.instructionId().toString())
                .put("applicationId", r.applicationId().toString())
                .put("postingId", r.disbursement().postingId().toString())
                .put("amountFen", r.disbursement().amount().value())
                .put("repeated", r.disbursement().repeated());
    }

    /** The answer to a reversal: what the cancel order to the payer's system says. */
    public static JsonObject reversal(ReversalReceipt r) {
        return cancelOrder(r.instructionId(), r.reversal());
    }

    public static JsonObject reconciliation(ReconciliationDay day) {
        Reconciliation.Report report = day.report();
        return new JsonObject().put("date", day.day().toString())
                .put("zone", Reconciliation.REPORT_ZONE.getId())
                .put("postings", day.postings())
                .put("balanced", report.isBalanced())
                .put("lines", array(report.lines(), l -> new JsonObject()
                        .put("payerId", l.payerId()).put("debitFen", l.debitFen())
                        .put("creditFen", l.creditFen()).put("differenceFen", l.differenceFen())
                        .put("balanced", l.isBalanced())))
                .put("imbalances", array(report.imbalances(), i -> new JsonObject()
                        .put("postingId", i.postingId()).put("problem", i.problem())));
    }

    // ---- registration -----------------------------------------------------------------------

    public static JsonArray hospitals(List<Hospital> list) {
        return array(list, PaymentViews::hospital);
    }

    public static JsonObject hospital(Hospital h) {
        return new JsonObject().put("id", h.id()).put("name", h.name()).put("active", h.active());
    }

    public static JsonArray payers(List<Payer> list) {
        return array(list, p -> new JsonObject().put("id", p.id()).put("kind", p.kind().name())
                .put("name", p.name()));
    }

    public static JsonObject registeredPayer(RegisteredPayer p) {
        return new JsonObject().put("id", p.id()).put("kind", p.kind().name())
                .put("name", p.name()).put("webhookUrl", p.webhookUrl());
    }

    // ---- what payers' systems receive (through the outbox) ----------------------------------

    /** The order to a payer's system to transfer an approved advance to the hospital. */
    static JsonObject disbursementOrder(AdvanceOutcome outcome, AdvanceCommand c) {
        return new JsonObject()
                .put("instructionId", outcome.instructionId().toString())
                .put("idempotencyKey", c.key().value())
                .put("payerId", c.payerId())
                .put("hospitalId", c.hospitalId())
                .put("applicationId", c.applicationId().toString())
                .put("billId", text(c.billId()))
                .put("caseId", c.caseId())
                .put("injuredPersonId", c.injuredPersonId())
                .put("amountFen", outcome.decision().payNow().value());
    }

    /** The order that cancels the disbursement of a reversed advance. */
    static JsonObject cancelOrder(UUID instructionId, Posting reversal) {
        return new JsonObject()
                .put("instructionId", instructionId.toString())
                .put("reversalPostingId", reversal.id())
                .put("amountFen", reversal.amount().value());
    }

    private static <T> JsonArray array(List<T> items, Function<T, JsonObject> view) {
        JsonArray out = new JsonArray();
        items.forEach(item -> out.add(view.apply(item)));
        return out;
    }

    /** An optional id or time as text, or null. */
    private static String text(Optional<?> value) {
        return value.map(Object::toString).orElse(null);
    }
}
