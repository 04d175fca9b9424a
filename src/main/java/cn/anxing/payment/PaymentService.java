package cn.anxing.payment;

import cn.anxing.auth.Role;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.outbox.Outbox;
import cn.anxing.outbox.OutboxMessage;
import cn.anxing.payment.rules.ActorRole;
import cn.anxing.payment.rules.AdvanceApplication;
import cn.anxing.payment.rules.AdvanceCommand;
import cn.anxing.payment.rules.AdvanceDecision;
import cn.anxing.payment.rules.AdvanceOutcome;
import cn.anxing.payment.rules.ApplicationState;
import cn.anxing.payment.rules.ApplicationTransitions;
import cn.anxing.payment.rules.Bill;
import cn.anxing.payment.rules.BillCheck;
import cn.anxing.payment.rules.Deadline;
import cn.anxing.payment.rules.DeadlineKind;
import cn.anxing.payment.rules.ExcessHandling;
import cn.anxing.payment.rules.Fen;
import cn.anxing.payment.rules.FundEligibility;
import cn.anxing.payment.rules.FundGround;
import cn.anxing.payment.rules.FundRules;
import cn.anxing.payment.rules.IdempotencyKey;
import cn.anxing.payment.rules.LedgerEntry;
import cn.anxing.payment.rules.LiabilityState;
import cn.anxing.payment.rules.LimitSchedule;
import cn.anxing.payment.rules.PayerKind;
import cn.anxing.payment.rules.PayerLimit;
import cn.anxing.payment.rules.PayerLimitRule;
import cn.anxing.payment.rules.PaymentError;
import cn.anxing.payment.rules.Reconciliation;
import cn.anxing.payment.rules.RequestFingerprint;
import cn.anxing.payment.rules.TimelineEvent;
import cn.anxing.payment.rules.Vehicle;
import cn.anxing.payment.rules.WorkingCalendar;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The medical advance payment (医疗垫付) use cases: an injured person or their family (or the
 * officer) applies, the police issue the notice naming the payers, the hospital bills, the payer
 * pays within its limit, the payer's bank confirms the transfer. Every step is a timeline event
 * that is also the applicant's notification (their page polls {@link #notifications}).
 *
 * <p>Money moves in {@link PaymentRepository#recordAdvance}; this class works out the limit from
 * the schedule and the vehicle's liability, and adds in the same transaction the state move, the
 * timeline and the disbursement order in the shared outbox.
 */
public final class PaymentService {

    /** Topic of the disbursement order sent to a payer's system. */
    public static final String DISBURSE_TOPIC = "payment.disburse";
    /** Topic of the order that cancels a disbursement whose advance was reversed. */
    public static final String CANCEL_TOPIC = "payment.disburse.cancel";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Set<Role> STAFF = EnumSet.of(Role.POLICE, Role.HOSPITAL, Role.INSURER,
            Role.FUND, Role.ADMIN);

    /** Who acts: the signed-in account and its roles. */
    public record Actor(UUID accountId, Set<Role> roles) {

        boolean is(Role role) {
            return roles.contains(role);
        }
    }

    /** An application as the applicant or the officer submits it. */
    public record ApplyRequest(String caseId, String injuredPersonId, String hospitalId,
            Optional<Instant> accidentAt, Optional<String> applicantPhone) {
    }

    /** A payment as a payer sends it; {@code fingerprint} is of the whole request body. */
    public record PayRequest(UUID applicationId, IdempotencyKey key, RequestFingerprint fingerprint,
            String payerId, UUID billId, Fen amount) {
    }

    private final PaymentRepository payments;
    private final Outbox outbox;
    private final Runnable wakeRelay;
    private final LimitSchedule schedule;
    private final WorkingCalendar calendar;
    private final Clock clock;

    public PaymentService(PaymentRepository payments, Outbox outbox, Runnable wakeRelay,
            LimitSchedule schedule, WorkingCalendar calendar, Clock clock) {
        this.payments = payments;
        this.outbox = outbox;
        this.wakeRelay = wakeRelay;
        this.schedule = schedule;
        this.calendar = calendar;
        this.clock = clock;
    }

    private Pool pool() {
        return payments.pool();
    }

    // ---- the steps -------------------------------------------------------------------------

    /**
     * Opens an application; the police notice is due within 3 working days. An applicant names
     * an accident case of Anxing (its case number or id), whose time is the accident's; an
     * officer may also open one for a case handled outside Anxing, giving its time.
     */
    public Future<JsonObject> apply(Actor actor, ApplyRequest r) {
        requireId(r.caseId(), "caseId");
        requireId(r.injuredPersonId(), "injuredPersonId");
        r.applicantPhone().ifPresent(phone -> {
            if (!PHONE.matcher(phone).matches()) {
                throw PaymentError.PHONE_INVALID.error("applicantPhone",
                        "applicantPhone must be an 11-digit mainland mobile number");
            }
        });
        boolean police = actor.is(Role.POLICE);
        return payments.accidentCase(r.caseId()).compose(accident -> {
            if (accident.isEmpty() && !police) {
                throw PaymentError.UNKNOWN_CASE.error("caseId", "Anxing has no"
                        + " accident case '" + r.caseId() + "'; apply from your case, or ask the"
                        + " officer handling it to open the application");
            }
            String caseId = accident.map(a -> a.getString("caseNo")).orElse(r.caseId());
            Instant accidentAt = accident.map(a -> Instant.parse(a.getString("occurredAt")))
                    .or(r::accidentAt)
                    .orElseThrow(() -> PaymentError.ACCIDENT_TIME_MISSING.error("accidentAt", "give the accident time of a case handled outside"
                                    + " Anxing"));
            return open(actor, new ApplyRequest(caseId, r.injuredPersonId(), r.hospitalId(),
                    Optional.of(accidentAt), r.applicantPhone()),
                    police ? ActorRole.POLICE : ActorRole.APPLICANT);
        });
    }

    private Future<JsonObject> open(Actor actor, ApplyRequest r, ActorRole by) {
        Instant now = clock.instant();
        Instant accidentAt = r.accidentAt().orElseThrow();
        if (accidentAt.isAfter(now)) {
            throw PaymentError.ACCIDENT_IN_FUTURE.error("accidentAt",
                    "the accident time " + accidentAt + " is in the future");
        }
        schedule.limitsAt(accidentAt);
        Instant noticeDue = Deadline.of(DeadlineKind.POLICE_NOTICE, now, calendar).dueAt();
        return requireHospital(r.hospitalId()).compose(hospitalName -> pool().withTransaction(
                tx -> payments.insertApplication(tx, r.caseId(), r.injuredPersonId(),
                        r.hospitalId(), accidentAt, actor.accountId(),
                        r.applicantPhone().orElse(null), now, noticeDue)
                        .compose(id -> {
                            UUID applicationId = id.orElseThrow(() -> PaymentError.APPLICATION_EXISTS.error("injuredPersonId", "case "
                                            + r.caseId() + " already has an application for "
                                            + "this injured person"));
                            return payments.appendTimeline(tx, new TimelineEvent(
                                    applicationId.toString(), now, "APPLIED", by,
                                    actor.accountId().toString(),
                                    by.zh() + "：提交垫付申请，救治医院 " + hospitalName,
                                    "application made by the " + by.en() + "; hospital "
                                            + hospitalName)).map(applicationId);
                        })))
                .compose(id -> application(actor, id));
    }

    /**
     * The vehicles of the notice: as the officer gives them, or, when none are given, the
     * parties of the accident case with the insurers they named (liability not yet determined).
     */
    public Future<JsonObject> issueNotice(Actor actor, UUID applicationId, List<Vehicle> given,
            Optional<String> fundId) {
        if (!given.isEmpty()) {
            return notice(actor, applicationId, given, fundId);
        }
        return payments.applicationView(applicationId).compose(found -> {
            JsonObject app = found.orElseThrow(() -> unknownApplication(applicationId));
            return payments.accidentCase(app.getString("caseId"));
        }).compose(accident -> {
            List<Vehicle> vehicles = new ArrayList<>();
            accident.ifPresent(a -> a.getJsonArray("parties").forEach(p -> {
                JsonObject party = (JsonObject) p;
                vehicles.add(new Vehicle(Optional.ofNullable(party.getString("plate")),
                        Optional.ofNullable(party.getString("insurerCode")), false, false,
                        LiabilityState.UNDETERMINED));
            }));
            return notice(actor, applicationId, vehicles, fundId);
        });
    }

    /**
     * The police confirm the accident and the liability state and notify the payers: the insurer
     * of each insured vehicle, and the assistance fund for a vehicle uninsured or fled.
     */
    private Future<JsonObject> notice(Actor actor, UUID applicationId, List<Vehicle> vehicles,
            Optional<String> fundId) {
        if (vehicles.isEmpty()) {
            throw PaymentError.NO_VEHICLES.error("vehicles",
                    "the notice names at least one vehicle");
        }
        Set<FundGround> grounds = EnumSet.noneOf(FundGround.class);
        Set<String> insurers = new HashSet<>();
        for (int i = 0; i < vehicles.size(); i++) {
            Vehicle v = vehicles.get(i);
            grounds.addAll(v.fundGrounds("vehicles[" + i + "]"));
            if (v.insurerPays() && !insurers.add(v.insurerId().get())) {
                throw PaymentError.INSURER_TWICE.error("vehicles[" + i + "].insurerId",
                        "two vehicles insured by the same insurer are not supported yet: each has"
                                + " its own limit, which one payer row cannot hold");
            }
        }
        Future<Optional<String>> fund = grounds.isEmpty() ? Future.succeededFuture(Optional.empty())
                : resolveFund(fundId).map(Optional::of);
        Future<Void> insurersKnown = Future.succeededFuture();
        for (int i = 0; i < vehicles.size(); i++) {
            Vehicle v = vehicles.get(i);
            if (v.insurerPays()) {
                String field = "vehicles[" + i + "].insurerId";
                insurersKnown = insurersKnown.compose(x -> requirePayer(v.insurerId().get(),
                        PayerKind.INSURER, field));
            }
        }
        Instant now = clock.instant();
        return insurersKnown.compose(x -> fund).compose(fundPayer -> pool().withTransaction(
                tx -> lock(tx, applicationId).compose(app -> {
                    Future<Void> done = Future.succeededFuture();
                    List<String> named = new ArrayList<>();
                    for (Vehicle v : vehicles) {
                        if (v.insurerPays()) {
                            named.add(v.insurerId().get() + " (" + v.liability() + ")");
                            done = done.compose(y -> payments.setApplicationPayer(tx,
                                    applicationId, v.insurerId().get(), v.liability(), now));
                        }
                    }
                    if (fundPayer.isPresent()) {
                        named.add(fundPayer.get() + " " + grounds);
                        done = done.compose(y -> payments.setApplicationPayer(tx, applicationId,
                                fundPayer.get(), LiabilityState.UNDETERMINED, grounds, now));
                    }
                    String who = String.join(", ", named);
                    return done.compose(y -> move(tx, app, ApplicationState.NOTICE_ISSUED,
                            ActorRole.POLICE, actor, now, "，垫付方 " + who, "; payers " + who));
                })))
                .compose(x -> application(actor, applicationId));
    }

    /** The police record the liability of an insured vehicle once it is determined. */
    public Future<JsonObject> determineLiability(Actor actor, UUID applicationId, String payerId,
            LiabilityState liability) {
        Instant now = clock.instant();
        return requirePayer(payerId, PayerKind.INSURER, "payerId").compose(x -> pool()
                .withTransaction(tx -> lock(tx, applicationId)
                        .compose(app -> payments.applicationPayers(tx, applicationId))
                        .compose(payers -> {
                            if (payers.stream().noneMatch(p -> p.getString("payerId")
                                    .equals(payerId))) {
                                throw PaymentError.PAYER_NOT_NAMED.error("payerId",
                                        "the notice does not name payer '" + payerId + "'");
                            }
                            return payments.setApplicationPayer(tx, applicationId, payerId,
                                    liability, now);
                        })
                        .compose(y -> payments.appendTimeline(tx, new TimelineEvent(
                                applicationId.toString(), now, "LIABILITY_DETERMINED",
                                ActorRole.POLICE, actor.accountId().toString(),
                                "交警：认定 " + payerId + " 承保车辆责任为 " + liabilityZh(liability),
                                "liability of the vehicle insured by " + payerId + " set to "
                                        + liability + " by the police")))))
                .compose(x -> application(actor, applicationId));
    }

    /** The hospital submits a bill; the fund's review is due within 5 working days. */
    public Future<JsonObject> submitBill(Actor actor, Bill bill) {
        UUID applicationId = uuid(bill.applicationId(), "applicationId");
        Instant now = clock.instant();
        Instant reviewDue = Deadline.of(DeadlineKind.FUND_REVIEW, now, calendar).dueAt();
        return payments.activeHospitals().compose(hospitals -> pool().withTransaction(
                tx -> lock(tx, applicationId).compose(app -> storeBill(tx, app, bill, hospitals,
                        now, reviewDue).compose(billId -> move(tx, app, ApplicationState.BILLED,
                                ActorRole.HOSPITAL, actor, now, "，" + bill.items().size()
                                        + " 项合计 " + yuan(bill.total()), ": "
                                        + bill.items().size() + " items, " + yuan(bill.total()))
                                .map(billId)))))
                .compose(billId -> application(actor, applicationId)
                        .map(view -> view.put("billId", billId.toString())));
    }

    private Future<UUID> storeBill(SqlClient tx, AdvanceApplication app, Bill bill,
            Set<String> hospitals, Instant now, Instant reviewDue) {
        UUID applicationId = UUID.fromString(app.applicationId());
        return payments.applicationPayers(tx, applicationId).compose(payers -> {
            boolean fundPays = payers.stream().anyMatch(p ->
                    PayerKind.ASSISTANCE_FUND.name().equals(p.getString("kind")));
            Optional<FundRules> fundRules = fundPays
                    ? Optional.of(schedule.fundRulesOn(LimitSchedule.accidentDate(
                            app.accidentAt())))
                    : Optional.empty();
            BillCheck.check(bill, app, hospitals, fundRules);
            ApplicationTransitions.require(app.state(), ApplicationState.BILLED,
                    ActorRole.HOSPITAL);
            return payments.insertBill(tx, applicationId, bill, now, reviewDue);
        });
    }

    /**
     * A payer pays the hospital for a bill, within its limit for this person. Retrying with the
     * same Idempotency-Key returns the first result and pays nothing more.
     */
    public Future<JsonObject> pay(Actor actor, PayRequest r) {
        return payments.applicationView(r.applicationId()).compose(found -> {
            JsonObject app = found.orElseThrow(() -> unknownApplication(r.applicationId()));
            return payments.applicationPayers(r.applicationId()).compose(payers -> {
                JsonObject payer = payers.stream()
                        .filter(p -> p.getString("payerId").equals(r.payerId())).findFirst()
                        .orElseThrow(() -> PaymentError.PAYER_NOT_NAMED.error("payerId", "the police notice of this application does not name"
                                        + " payer '" + r.payerId() + "'"));
                PayerKind kind = PayerKind.valueOf(payer.getString("kind"));
                requireActsFor(actor, kind);
                LiabilityState liability =
                        LiabilityState.valueOf(payer.getString("liabilityState"));
                Instant accidentAt = Instant.parse(app.getString("accidentAt"));
                PayerLimit limit = PayerLimitRule.limitFor(kind, liability, schedule,
                        LimitSchedule.accidentDate(accidentAt));
                var command = new AdvanceCommand(r.key(), r.fingerprint(), r.applicationId(),
                        Optional.of(r.billId()), app.getString("caseId"),
                        app.getString("injuredPersonId"), app.getString("hospitalId"),
                        r.payerId(), kind, liability, limit, r.amount(), clock.instant());
                // the fund is looked up before the transaction: a query on another connection
                // while holding the application lock could starve the pool under load
                return requireFundWindow(kind, accidentAt, r.billId())
                        .compose(x -> soleFund())
                        .compose(fund -> payments.recordAdvance(command,
                                (tx, application, outcome) -> afterAdvance(tx, application,
                                        outcome, command, fund, actor)))
                        .map(outcome -> {
                            if (!outcome.replayed() && outcome.decision().paysAnything()) {
                                wakeRelay.run();
                            }
                            return outcomeJson(outcome, command);
                        });
            });
        });
    }

    /** The payer's bank has paid the hospital for an instruction (its answer to the order). */
    public Future<JsonObject> confirmDisbursement(Actor actor, UUID instructionId) {
        Instant now = clock.instant();
        return payments.instructionPayer(instructionId).compose(found -> {
            JsonObject payer = found.orElseThrow(() -> PaymentError.UNKNOWN_INSTRUCTION.error("instructionId", "no payment instruction "
                            + instructionId));
            requireActsFor(actor, PayerKind.valueOf(payer.getString("kind")));
            return payments.recordDisbursement(instructionId, now,
                    (tx, app, d) -> afterDisbursement(tx, app, d, actor, now))
                    .map(d -> new JsonObject()
                            .put("instructionId", instructionId.toString())
                            .put("applicationId", payer.getString("applicationId"))
                            .put("postingId", d.postingId().toString())
                            .put("amountFen", d.amount().value())
                            .put("repeated", d.repeated()));
        });
    }

    /**
     * Corrects an advance that has not been paid out (冲正): a reversal posting, the headroom and
     * the bill's unpaid amount given back, and a cancel order to the payer's system, in one
     * transaction. After the transfer the money is recovered outside Anxing instead.
     */
    public Future<JsonObject> reverse(Actor actor, UUID instructionId) {
        Instant now = clock.instant();
        return payments.instructionPayer(instructionId).compose(found -> {
            JsonObject payer = found.orElseThrow(() -> PaymentError.UNKNOWN_INSTRUCTION.error("instructionId", "no payment instruction "
                            + instructionId));
            requireActsFor(actor, PayerKind.valueOf(payer.getString("kind")));
            return payments.reverseInstruction(instructionId, now, (tx, app, reversal) ->
                    payments.appendTimeline(tx, new TimelineEvent(app.applicationId(), now,
                            "REVERSED", ActorRole.PAYER, actor.accountId().toString(),
                            "垫付方 " + reversal.payerId() + "：冲正垫付 " + yuan(reversal.amount()),
                            reversal.payerId() + " reversed an advance of "
                                    + yuan(reversal.amount())))
                            .compose(x -> outbox.enqueue(tx, new OutboxMessage(
                                    endpoint(reversal.payerId()), CANCEL_TOPIC,
                                    "cancel:" + instructionId, new JsonObject()
                                            .put("instructionId", instructionId.toString())
                                            .put("reversalPostingId", reversal.id())
                                            .put("amountFen", reversal.amount().value()))))
                            .mapEmpty())
                    .map(reversal -> {
                        wakeRelay.run();
                        return new JsonObject().put("instructionId", instructionId.toString())
                                .put("reversalPostingId", reversal.id())
                                .put("amountFen", reversal.amount().value());
                    });
        });
    }

    // ---- in the payment's transaction ------------------------------------------------------

    private Future<Void> afterAdvance(SqlClient tx, AdvanceApplication app, AdvanceOutcome outcome,
            AdvanceCommand c, Optional<String> fund, Actor actor) {
        AdvanceDecision d = outcome.decision();
        String excessZh = switch (d.excessHandling()) {
            case NONE -> "";
            case REFER_TO_FUND -> "；超出限额的 " + yuan(d.excess()) + " 转救助基金";
            case AWAIT_LIABILITY -> "；责任未定，先按无责限额垫付，其余 " + yuan(d.excess()) + " 待责任认定";
            case REFUSED -> "；" + yuan(d.excess()) + " 超出限额，不予垫付";
        };
        String excessEn = d.excessHandling() == ExcessHandling.NONE ? ""
                : "; " + yuan(d.excess()) + " over the limit: " + d.excessHandling();
        if (!d.paysAnything()) {
            return payments.appendTimeline(tx, new TimelineEvent(app.applicationId(), c.at(),
                    "NOT_PAID", ActorRole.PAYER, c.payerId(), "垫付方 " + c.payerId()
                            + "：限额已用尽，本次未垫付" + excessZh, c.payerId()
                            + " paid nothing: its limit is used up" + excessEn));
        }
        Future<Void> referred = Future.succeededFuture();
        if (d.excessHandling() == ExcessHandling.REFER_TO_FUND) {
            referred = fund.map(f -> payments.setApplicationPayer(tx,
                    UUID.fromString(app.applicationId()), f, LiabilityState.UNDETERMINED,
                    Set.of(FundGround.EXCEEDS_INSURANCE_LIMIT), c.at()))
                    .orElse(Future.succeededFuture());
        }
        JsonObject order = new JsonObject()
                .put("instructionId", outcome.instructionId().toString())
                .put("idempotencyKey", c.key().value())
                .put("payerId", c.payerId())
                .put("hospitalId", c.hospitalId())
                .put("applicationId", c.applicationId().toString())
                .put("billId", c.billId().map(UUID::toString).orElse(null))
                .put("caseId", c.caseId())
                .put("injuredPersonId", c.injuredPersonId())
                .put("amountFen", d.payNow().value());
        return referred
                .compose(x -> move(tx, app, ApplicationState.APPROVED, ActorRole.PAYER, actor,
                        c.at(), "，" + c.payerId() + " 垫付 " + yuan(d.payNow()) + excessZh,
                        ": " + c.payerId() + " advances " + yuan(d.payNow()) + excessEn))
                .compose(x -> outbox.enqueue(tx, new OutboxMessage(endpoint(c.payerId()),
                        DISBURSE_TOPIC, "disburse:" + c.key().value(), order)))
                .mapEmpty();
    }

    private Future<Void> afterDisbursement(SqlClient tx, AdvanceApplication app,
            PaymentRepository.Disbursement d, Actor actor, Instant now) {
        String zh = "，" + d.payerId() + " 已向医院支付 " + yuan(d.amount());
        String en = ": " + d.payerId() + " transferred " + yuan(d.amount()) + " to the hospital";
        return payments.undisbursed(tx, UUID.fromString(app.applicationId())).compose(left -> {
            if (left == 0 && app.state() == ApplicationState.APPROVED) {
                return move(tx, app, ApplicationState.PAID, ActorRole.PAYER, actor, now, zh, en);
            }
            return payments.appendTimeline(tx, new TimelineEvent(app.applicationId(), now,
                    "DISBURSED", ActorRole.PAYER, actor.accountId().toString(),
                    ActorRole.PAYER.zh() + zh, "transfer confirmed" + en));
        });
    }

    // ---- what people see -------------------------------------------------------------------

    /** One application with its payers, bills, payments, timeline and overdue flags. */
    public Future<JsonObject> application(Actor actor, UUID id) {
        return payments.applicationView(id).compose(found -> {
            JsonObject app = found.orElseThrow(() -> unknownApplication(id));
            Future<Optional<JsonObject>> accident = payments.accidentCase(app.getString("caseId"));
            return requireMaySee(actor, id)
                    .compose(x -> Future.all(payments.applicationPayers(id),
                            payments.applicationBills(id), payments.applicationInstructions(id),
                            payments.timelineView(id), accident))
                    .map(all -> {
                        List<JsonObject> payers = all.resultAt(0);
                        List<JsonObject> bills = all.resultAt(1);
                        Instant now = clock.instant();
                        boolean noticeOverdue = "APPLIED".equals(app.getString("state"))
                                && !now.isBefore(Instant.parse(app.getString("noticeDueAt")));
                        boolean fundNamed = payers.stream().anyMatch(p ->
                                PayerKind.ASSISTANCE_FUND.name().equals(p.getString("kind")));
                        List<JsonObject> instructions = all.resultAt(2);
                        boolean reviewOverdue = fundNamed && bills.stream().anyMatch(b ->
                                !now.isBefore(Instant.parse(b.getString("reviewDueAt")))
                                        && instructions.stream().noneMatch(i -> b.getString("id")
                                                .equals(i.getString("billId"))));
                        return app.copy()
                                .put("overdue", new JsonObject().put("policeNotice", noticeOverdue)
                                        .put("fundReview", reviewOverdue))
                                .put("payers", new JsonArray(new ArrayList<>(payers)))
                                .put("bills", new JsonArray(new ArrayList<>(bills)))
                                .put("payments", new JsonArray(new ArrayList<>(instructions)))
                                .put("timeline", new JsonArray(new ArrayList<>(
                                        all.<List<JsonObject>>resultAt(3))))
                                .put("accidentCase", all.<Optional<JsonObject>>resultAt(4)
                                        .orElse(null));
                    });
        });
    }

    /** Staff see every application (newest first); an applicant sees their own. */
    public Future<JsonArray> applications(Actor actor) {
        Future<List<JsonObject>> list = actor.roles().stream().anyMatch(STAFF::contains)
                ? payments.applications() : payments.applicationsOf(actor.accountId());
        return list.map(l -> new JsonArray(new ArrayList<>(l)));
    }

    /** The applicant's notifications: every step of their applications after {@code afterId}. */
    public Future<JsonArray> notifications(Actor actor, long afterId) {
        return payments.notifications(actor.accountId(), afterId)
                .map(l -> new JsonArray(new ArrayList<>(l)));
    }

    /** Police notices (police) and fund reviews (fund) that are past their time limit. */
    public Future<JsonObject> overdue(Actor actor) {
        Instant now = clock.instant();
        boolean admin = actor.is(Role.ADMIN);
        Future<List<JsonObject>> notices = actor.is(Role.POLICE) || admin
                ? payments.overdueNoticeView(now) : Future.succeededFuture(List.of());
        Future<List<JsonObject>> reviews = actor.is(Role.FUND) || admin
                ? payments.overdueReviewView(now) : Future.succeededFuture(List.of());
        return Future.all(notices, reviews).map(x -> new JsonObject()
                .put("at", now.toString())
                .put("policeNotices", new JsonArray(new ArrayList<>(notices.result())))
                .put("fundReviews", new JsonArray(new ArrayList<>(reviews.result()))));
    }

    /** The day's reconciliation (对账) per payer; every line must balance to zero. */
    public Future<JsonObject> reconciliation(LocalDate day, Optional<String> payerId) {
        Instant from = day.atStartOfDay(Reconciliation.REPORT_ZONE).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(Reconciliation.REPORT_ZONE).toInstant();
        return payments.entriesBetween(from, to).map(entries -> {
            Reconciliation.Report report = Reconciliation.of(payerId.map(p -> entries.stream()
                    .filter(e -> e.payerId().equals(p)).toList()).orElse(entries));
            JsonArray lines = new JsonArray();
            report.lines().forEach(l -> lines.add(new JsonObject().put("payerId", l.payerId())
                    .put("debitFen", l.debitFen()).put("creditFen", l.creditFen())
                    .put("differenceFen", l.differenceFen()).put("balanced", l.isBalanced())));
            JsonArray imbalances = new JsonArray();
            report.imbalances().forEach(i -> imbalances.add(new JsonObject()
                    .put("postingId", i.postingId()).put("problem", i.problem())));
            return new JsonObject().put("date", day.toString())
                    .put("zone", Reconciliation.REPORT_ZONE.getId())
                    .put("postings", entries.stream().map(LedgerEntry::postingId).distinct()
                            .count())
                    .put("balanced", report.isBalanced())
                    .put("lines", lines).put("imbalances", imbalances);
        });
    }

    public Future<JsonArray> hospitals() {
        return payments.hospitals().map(l -> new JsonArray(new ArrayList<>(l)));
    }

    public Future<JsonArray> payers() {
        return payments.payers().map(l -> new JsonArray(new ArrayList<>(l)));
    }

    // ---- registration (admin) --------------------------------------------------------------

    public Future<JsonObject> registerHospital(String id, String name, boolean active) {
        requireId(id, "id");
        return payments.registerHospital(id, name, active).map(x -> new JsonObject()
                .put("id", id).put("name", name).put("active", active));
    }

    /**
     * Registers a payer and where its system receives disbursement orders (an outbox endpoint
     * {@code payer:<id>} with its HMAC secret); both in one transaction.
     */
    public Future<JsonObject> registerPayer(String id, PayerKind kind, String name, String url,
            String secret) {
        requireId(id, "id");
        if (!url.matches("^https?://.+")) {
            throw PaymentError.URL_INVALID.error("webhookUrl",
                    "webhookUrl must be an http(s) URL");
        }
        if (secret.length() < 16) {
            throw PaymentError.SECRET_TOO_SHORT.error("webhookSecret",
                    "webhookSecret must be at least 16 characters");
        }
        return pool().withTransaction(tx -> payments.registerPayer(tx, id, kind, name)
                .compose(stored -> {
                    if (stored != kind) {
                        throw PaymentError.PAYER_KIND_FIXED.error("kind",
                                "payer '" + id + "' is registered as " + stored);
                    }
                    return outbox.registerEndpoint(tx, endpoint(id), url, secret,
                            name + " (" + kind + ")");
                }))
                .map(x -> new JsonObject().put("id", id).put("kind", kind.name())
                        .put("name", name).put("webhookUrl", url));
    }

    /** The outbox endpoint code of a payer's system. */
    public static String endpoint(String payerId) {
        return "payer:" + payerId;
    }

    // ---- helpers ---------------------------------------------------------------------------

    private Future<AdvanceApplication> lock(SqlClient tx, UUID applicationId) {
        return payments.lockApplication(tx, applicationId)
                .map(found -> found.orElseThrow(() -> unknownApplication(applicationId)));
    }

    private Future<Void> move(SqlClient tx, AdvanceApplication app, ApplicationState to,
            ActorRole by, Actor actor, Instant at, String detailZh, String detailEn) {
        ApplicationTransitions.require(app.state(), to, by);
        return payments.move(tx, new TimelineEvent(app.applicationId(), at, to.name(), by,
                actor.accountId().toString(), by.zh() + "：" + to.zh() + detailZh,
                to.en() + " by the " + by.en() + detailEn), app.state());
    }

    private Future<Void> requireMaySee(Actor actor, UUID applicationId) {
        if (actor.roles().stream().anyMatch(STAFF::contains)) {
            return Future.succeededFuture();
        }
        return payments.isApplicant(applicationId, actor.accountId()).map(mine -> {
            if (!mine) {
                throw new DomainException(CommonError.FORBIDDEN, "this application is not yours");
            }
            return null;
        });
    }

    private static void requireActsFor(Actor actor, PayerKind kind) {
        Role needed = kind == PayerKind.INSURER ? Role.INSURER : Role.FUND;
        if (!actor.is(needed)) {
            throw new DomainException(CommonError.FORBIDDEN, "only an account with the role "
                    + needed.wireName() + " may act for a payer of kind " + kind);
        }
    }

    /** The fund advances only rescue within its window: every item of the bill must lie in it. */
    private Future<Void> requireFundWindow(PayerKind kind, Instant accidentAt, UUID billId) {
        if (kind != PayerKind.ASSISTANCE_FUND) {
            return Future.succeededFuture();
        }
        FundRules rules = schedule.fundRulesOn(LimitSchedule.accidentDate(accidentAt));
        return payments.billItemTimes(billId).map(times -> {
            for (int i = 0; i < times.size(); i++) {
                FundEligibility.requireWithinRescueWindow(accidentAt, times.get(i), rules,
                        "bill.items[" + i + "].renderedAt");
            }
            return null;
        });
    }

    private Future<String> requireHospital(String id) {
        return payments.hospitals().map(list -> list.stream()
                .filter(h -> h.getString("id").equals(id) && h.getBoolean("active"))
                .map(h -> h.getString("name")).findFirst()
                .orElseThrow(() -> PaymentError.UNKNOWN_HOSPITAL.error("hospitalId",
                        "no hospital with id '" + id + "' is registered")));
    }

    private Future<Void> requirePayer(String id, PayerKind kind, String field) {
        return payments.payer(id).map(found -> {
            JsonObject payer = found.orElseThrow(() -> PaymentError.UNKNOWN_PAYER.error(field, "no payer with id '" + id + "' is registered"));
            if (!kind.name().equals(payer.getString("kind"))) {
                throw PaymentError.WRONG_PAYER_KIND.error(field,
                        "payer '" + id + "' is not of kind " + kind);
            }
            return null;
        });
    }

    private Future<String> resolveFund(Optional<String> fundId) {
        if (fundId.isPresent()) {
            return requirePayer(fundId.get(), PayerKind.ASSISTANCE_FUND, "fundId")
                    .map(fundId.get());
        }
        return soleFund().map(f -> f.orElseThrow(() -> PaymentError.FUND_AMBIGUOUS.error("fundId", "name the assistance fund (fundId): none or several"
                        + " are registered")));
    }

    private Future<Optional<String>> soleFund() {
        return payments.payers().map(list -> {
            List<String> funds = list.stream()
                    .filter(p -> PayerKind.ASSISTANCE_FUND.name().equals(p.getString("kind")))
                    .map(p -> p.getString("id")).toList();
            return funds.size() == 1 ? Optional.of(funds.get(0)) : Optional.empty();
        });
    }

    private static JsonObject outcomeJson(AdvanceOutcome o, AdvanceCommand c) {
        AdvanceDecision d = o.decision();
        return new JsonObject()
                .put("instructionId", o.instructionId().toString())
                .put("applicationId", c.applicationId().toString())
                .put("payerId", c.payerId())
                .put("requestedFen", c.requested().value())
                .put("paidFen", d.payNow().value())
                .put("excessFen", d.excess().value())
                .put("excessHandling", d.excessHandling().name())
                .put("postingId", o.postingId().map(UUID::toString).orElse(null))
                .put("replayed", o.replayed())
                .put("limitFen", c.limit().cap().map(Fen::value).orElse(null))
                .put("limitBasis", c.limit().basis());
    }

    private static DomainException unknownApplication(UUID id) {
        return PaymentError.UNKNOWN_APPLICATION.error("applicationId",
                "no application " + id);
    }

    private static void requireId(String value, String field) {
        if (value == null || !ID.matcher(value).matches()) {
            throw PaymentError.ID_INVALID.error(field,
                    field + " must be 1-64 letters, digits, '_' or '-'");
        }
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw PaymentError.ID_INVALID.error(field, field + " must be a UUID");
        }
    }

    private static String liabilityZh(LiabilityState s) {
        return switch (s) {
            case LIABLE -> "有责";
            case NOT_LIABLE -> "无责";
            case UNDETERMINED -> "未定";
        };
    }

    /** ¥1,234.56 from fen, for timeline sentences. */
    static String yuan(Fen fen) {
        return String.format("¥%,d.%02d", fen.value() / 100, fen.value() % 100);
    }
}
