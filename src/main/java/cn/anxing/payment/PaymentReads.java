package cn.anxing.payment;

import cn.anxing.accident.facts.AccidentFacts;
import cn.anxing.accident.facts.CaseFacts;
import cn.anxing.auth.Role;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.payment.PaymentQueries.Application;
import cn.anxing.payment.PaymentQueries.BillSummary;
import cn.anxing.payment.PaymentQueries.Instruction;
import cn.anxing.payment.PaymentQueries.NamedPayer;
import cn.anxing.payment.PaymentQueries.Notification;
import cn.anxing.payment.PaymentQueries.OverdueNotice;
import cn.anxing.payment.PaymentQueries.OverdueReview;
import cn.anxing.payment.PaymentQueries.TimelineEntry;
import cn.anxing.payment.rules.ApplicationState;
import cn.anxing.payment.rules.LedgerEntry;
import cn.anxing.payment.rules.PayerKind;
import cn.anxing.payment.rules.Reconciliation;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What people see of the medical advance payments: one application with everything on it, the
 * lists, the applicant's notifications, the overdue work and the day's reconciliation. Who may
 * see what is checked here; the JSON is {@link PaymentViews}'.
 */
public final class PaymentReads {

    /** One application with its payers, bills, payments, timeline and overdue flags. */
    public record ApplicationDetail(Application application, boolean noticeOverdue,
            boolean reviewOverdue, List<NamedPayer> payers, List<BillSummary> bills,
            List<Instruction> payments, List<TimelineEntry> timeline,
            Optional<CaseFacts> accidentCase) {
    }

    /** Police notices and fund reviews past their time limit at {@code at}. */
    public record OverdueWork(Instant at, List<OverdueNotice> policeNotices,
            List<OverdueReview> fundReviews) {
    }

    /** The reconciliation of one Asia/Shanghai day, with how many postings it covers. */
    public record ReconciliationDay(LocalDate day, long postings, Reconciliation.Report report) {
    }

    private final PaymentQueries queries;
    private final LedgerStore ledger;
    private final AccidentFacts accidents;
    private final Clock clock;

    public PaymentReads(PaymentQueries queries, LedgerStore ledger, AccidentFacts accidents,
            Clock clock) {
        this.queries = queries;
        this.ledger = ledger;
        this.accidents = accidents;
        this.clock = clock;
    }

    public Future<ApplicationDetail> application(Actor actor, UUID id) {
        return queries.application(id).compose(found -> {
            Application app = found.orElseThrow(() -> PaymentSteps.unknownApplication(id));
            return requireMaySee(queries, actor, app).compose(x -> {
                Future<List<NamedPayer>> payers = queries.applicationPayers(id);
                Future<List<BillSummary>> bills = queries.applicationBills(id);
                Future<List<Instruction>> payments = queries.applicationInstructions(id);
                Future<List<TimelineEntry>> timeline = queries.timeline(id);
                Future<Optional<CaseFacts>> accident = accidents.find(app.caseId());
                return Future.all(payers, bills, payments, timeline, accident)
                        .map(all -> detail(shownTo(actor, app), payers.result(), bills.result(),
                                payments.result(), timeline.result(), accident.result()));
            });
        });
    }

    /** The notice is overdue while APPLIED past its time; a review while a bill waits for it. */
    private ApplicationDetail detail(Application app, List<NamedPayer> payers,
            List<BillSummary> bills, List<Instruction> payments, List<TimelineEntry> timeline,
            Optional<CaseFacts> accident) {
        Instant now = clock.instant();
        boolean noticeOverdue = app.state() == ApplicationState.APPLIED
                && !now.isBefore(app.noticeDueAt());
        boolean fundNamed = payers.stream().anyMatch(p -> p.kind() == PayerKind.ASSISTANCE_FUND);
        boolean reviewOverdue = fundNamed && bills.stream().anyMatch(b ->
                !now.isBefore(b.reviewDueAt()) && payments.stream()
                        .noneMatch(i -> i.billId().equals(Optional.of(b.id()))));
        return new ApplicationDetail(app, noticeOverdue, reviewOverdue, payers, bills, payments,
                timeline, accident);
    }

    /**
     * The police and the admin see every application (newest first); a hospital those naming
     * it; an insurer or the fund those whose notice names it as a payer; an applicant their own.
     */
    public Future<List<Application>> applications(Actor actor) {
        Future<List<Application>> found;
        if (actor.seesAll()) {
            found = queries.applications();
        } else if (actor.is(Role.HOSPITAL)) {
            found = queries.applicationsOfHospital(actor.organisation());
        } else if (actor.is(Role.INSURER) || actor.is(Role.FUND)) {
            found = queries.applicationsNamingPayer(actor.organisation());
        } else {
            found = queries.applicationsOf(actor.accountId());
        }
        return found.map(list -> list.stream().map(app -> shownTo(actor, app)).toList());
    }

    /**
     * The injured person's ID number in full only for those who need it to act: the police, the
     * hospital of the application, and its payers (an insurer or the fund sees an application
     * only when its notice names them, as {@link #requireMaySee} and the lists make sure);
     * masked for everyone else, the applicant and the admin included.
     */
    static Application shownTo(Actor actor, Application app) {
        boolean needsIt = actor.is(Role.POLICE) || actor.actsAsHospital(app.hospitalId())
                || actor.is(Role.INSURER) || actor.is(Role.FUND);
        return needsIt ? app : app.withIdNumberMasked();
    }

    /** The applicant's notifications: every step of their applications after {@code afterId}. */
    public Future<List<Notification>> notifications(Actor actor, long afterId) {
        return queries.notifications(actor.accountId(), afterId);
    }

    /** Police notices (police) and fund reviews (fund) that are past their time limit. */
    public Future<OverdueWork> overdue(Actor actor) {
        Instant now = clock.instant();
        boolean admin = actor.is(Role.ADMIN);
        Future<List<OverdueNotice>> notices = actor.is(Role.POLICE) || admin
                ? queries.overdueNotices(now) : Future.succeededFuture(List.of());
        Future<List<OverdueReview>> reviews = actor.is(Role.FUND) || admin
                ? queries.overdueReviews(now) : Future.succeededFuture(List.of());
        return Future.all(notices, reviews)
                .map(x -> new OverdueWork(now, notices.result(), reviews.result()));
    }

    /** The day's reconciliation (对账) per payer; every line must balance to zero. */
    /**
     * One day's ledger by payer. An insurer or the fund reads only its own: asking for another
     * payer's is refused, and asking for none means its own.
     */
    public Future<ReconciliationDay> reconciliation(Actor actor, LocalDate day,
            Optional<String> requested) {
        Optional<String> payerId = requested;
        if (!actor.is(Role.ADMIN)) {
            if (requested.isPresent() && !actor.actsAsPayer(requested.get())) {
                throw new DomainException(CommonError.FORBIDDEN, "只能查看本单位的对账 / you may"
                        + " read only your own payer's reconciliation", "payerId");
            }
            payerId = Optional.ofNullable(actor.organisation());
        }
        return reconciliation(day, payerId);
    }

    private Future<ReconciliationDay> reconciliation(LocalDate day, Optional<String> payerId) {
        Instant from = day.atStartOfDay(Reconciliation.REPORT_ZONE).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(Reconciliation.REPORT_ZONE).toInstant();
        return ledger.entriesBetween(from, to).map(entries -> new ReconciliationDay(day,
                entries.stream().map(LedgerEntry::postingId).distinct().count(),
                Reconciliation.of(payerId.map(p -> entries.stream()
                        .filter(e -> e.payerId().equals(p)).toList()).orElse(entries))));
    }

    public Future<List<PaymentQueries.Hospital>> hospitals() {
        return queries.hospitals();
    }

    public Future<List<PaymentQueries.Payer>> payers() {
        return queries.payers();
    }

    /**
     * Staff of another hospital or payer learn nothing: the same 404 as for an application that
     * does not exist. An applicant's own rule (403) is as it was.
     */
    static Future<Void> requireMaySee(PaymentQueries queries, Actor actor, Application app) {
        UUID applicationId = app.id();
        if (actor.seesAll() || actor.actsAsHospital(app.hospitalId())) {
            return Future.succeededFuture();
        }
        if (actor.is(Role.INSURER) || actor.is(Role.FUND)) {
            return queries.namesPayer(applicationId, actor.organisation()).map(named -> {
                if (!named) {
                    throw PaymentSteps.unknownApplication(applicationId);
                }
                return null;
            });
        }
        if (actor.isStaff()) {
            return Future.failedFuture(PaymentSteps.unknownApplication(applicationId));
        }
        return queries.isApplicant(applicationId, actor.accountId()).map(mine -> {
            if (!mine) {
                throw new DomainException(CommonError.FORBIDDEN, "this application is not yours");
            }
            return null;
        });
    }
}
