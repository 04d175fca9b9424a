package cn.anxing.payment;

import cn.anxing.accident.facts.CaseFacts;
import cn.anxing.auth.Role;
import cn.anxing.payment.PaymentReads.ApplicationDetail;
import cn.anxing.payment.rules.ActorRole;
import cn.anxing.payment.rules.AdvanceApplication;
import cn.anxing.payment.rules.ApplicationState;
import cn.anxing.payment.rules.ApplicationTransitions;
import cn.anxing.payment.rules.Bill;
import cn.anxing.payment.rules.BillCheck;
import cn.anxing.payment.rules.Deadline;
import cn.anxing.payment.rules.DeadlineKind;
import cn.anxing.payment.rules.FundGround;
import cn.anxing.payment.rules.FundRules;
import cn.anxing.payment.rules.InjuredPersonName;
import cn.anxing.payment.rules.InjuredRelation;
import cn.anxing.payment.rules.LiabilityState;
import cn.anxing.payment.rules.LimitSchedule;
import cn.anxing.payment.rules.PayerKind;
import cn.anxing.payment.rules.PaymentError;
import cn.anxing.payment.rules.ResidentIdNumber;
import cn.anxing.payment.rules.TimelineEvent;
import cn.anxing.payment.rules.Vehicle;
import java.util.Map;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The steps of a medical advance application (医疗垫付) up to the payment: an injured person or
 * their family (or the officer) applies, the police issue the notice naming the payers and
 * determine liability, the hospital bills; and the registration of hospitals and payers. Each
 * step is a checked move with a timeline event that is also the applicant's notification, and
 * answers with the application as {@link PaymentReads} shows it. The payer's side (paying,
 * confirming, correcting) is {@link AdvancePayments}.
 */
public final class PaymentService {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}");

    /**
     * An application as the applicant or the officer submits it: who is hurt (their name in
     * {@code injuredPersonId}, how they are related to the applicant, their ID number if
     * given), the hospital, and the accident.
     */
    public record ApplyRequest(String caseId, String injuredPersonId, String hospitalId,
            Optional<Instant> accidentAt, Optional<String> applicantPhone,
            Optional<InjuredRelation> relation, Optional<ResidentIdNumber> idNumber) {
    }

    /** The application after a bill was stored, and the bill's id. */
    public record BilledApplication(UUID billId, ApplicationDetail application) {
    }

    /** A payer as registered, with where its system receives orders. */
    public record RegisteredPayer(String id, PayerKind kind, String name, String webhookUrl) {
    }

    private final PaymentParts parts;

    PaymentService(PaymentParts parts) {
        this.parts = parts;
    }

    /**
     * Opens an application; the police notice is due within 3 working days. An applicant names
     * an accident case of Anxing (its case number or id), whose time is the accident's; an
     * officer may also open one for a case handled outside Anxing, giving its time.
     */
    public Future<ApplicationDetail> apply(Actor actor, ApplyRequest r) {
        requireId(r.caseId(), "caseId");
        InjuredPersonName.require(r.injuredPersonId(), "injuredPersonId");
        r.applicantPhone().ifPresent(phone -> {
            if (!PHONE.matcher(phone).matches()) {
                throw PaymentError.PHONE_INVALID.error("applicantPhone",
                        "applicantPhone must be an 11-digit mainland mobile number");
            }
        });
        boolean police = actor.is(Role.POLICE);
        return parts.accidents().find(r.caseId()).map(found -> police ? found
                // an applicant who is no party of the case learns nothing of it
                : found.filter(c -> c.parties().stream()
                        .anyMatch(p -> actor.accountId().equals(p.accountId()))))
                .compose(accident -> {
            if (accident.isEmpty() && !police) {
                throw PaymentError.UNKNOWN_CASE.error("caseId", "Anxing has no"
                        + " accident case '" + r.caseId() + "'; apply from your case, or ask the"
                        + " officer handling it to open the application");
            }
            String caseId = accident.map(CaseFacts::caseNumber).orElse(r.caseId());
            Instant accidentAt = accident.map(CaseFacts::occurredAt)
                    .or(r::accidentAt)
                    .orElseThrow(() -> PaymentError.ACCIDENT_TIME_MISSING.error("accidentAt",
                            "give the accident time of a case handled outside Anxing"));
            return open(actor, new ApplyRequest(caseId, r.injuredPersonId(), r.hospitalId(),
                    Optional.of(accidentAt), r.applicantPhone(), r.relation(), r.idNumber()),
                    police ? ActorRole.POLICE : ActorRole.APPLICANT);
        });
    }

    private Future<ApplicationDetail> open(Actor actor, ApplyRequest r, ActorRole by) {
        Instant now = parts.clock().instant();
        Instant accidentAt = r.accidentAt().orElseThrow();
        if (accidentAt.isAfter(now)) {
            throw PaymentError.ACCIDENT_IN_FUTURE.error("accidentAt",
                    "the accident time " + accidentAt + " is in the future");
        }
        parts.schedule().limitsAt(accidentAt);
        Instant noticeDue = Deadline.of(DeadlineKind.POLICE_NOTICE, now, parts.calendar()).dueAt();
        return requireHospital(r.hospitalId()).compose(hospitalName -> inTransaction(
                tx -> parts.applications().insertApplication(tx, r.caseId(), r.injuredPersonId(),
                        r.hospitalId(), accidentAt, actor.accountId(),
                        r.applicantPhone().orElse(null), r.relation(), r.idNumber(), now,
                        noticeDue)
                        .compose(id -> {
                            UUID applicationId = id.orElseThrow(() -> PaymentError
                                    .APPLICATION_EXISTS.error("injuredPersonId", "case "
                                            + r.caseId() + " already has an application for "
                                            + "this injured person"));
                            return parts.applications().appendTimeline(tx, new TimelineEvent(
                                    applicationId.toString(), now, "APPLIED", by,
                                    actor.accountId().toString(),
                                    by.zh() + "：提交垫付申请，救治医院 " + hospitalName,
                                    "application made by the " + by.en() + "; hospital "
                                            + hospitalName))
                                    .compose(x -> by != ActorRole.POLICE
                                            ? Future.<Void>succeededFuture()
                                            : PaymentSteps.audit(tx, actor, "payment.apply",
                                                    "application", applicationId.toString(),
                                                    Map.of("caseId", r.caseId(),
                                                            "hospitalId", r.hospitalId())))
                                    .map(applicationId);
                        })))
                .compose(id -> parts.reads().application(actor, id));
    }

    /**
     * The vehicles of the notice: as the officer gives them, or, when none are given, the
     * parties of the accident case with the insurers they named (liability not yet determined).
     */
    public Future<ApplicationDetail> issueNotice(Actor actor, UUID applicationId,
            List<Vehicle> given, Optional<String> fundId) {
        if (!given.isEmpty()) {
            return notice(actor, applicationId, given, fundId);
        }
        return parts.queries().application(applicationId).compose(found -> {
            var app = found.orElseThrow(() -> PaymentSteps.unknownApplication(applicationId));
            return parts.accidents().find(app.caseId());
        }).compose(accident -> {
            List<Vehicle> vehicles = new ArrayList<>();
            accident.ifPresent(a -> a.parties().forEach(party -> vehicles.add(new Vehicle(
                    party.plate(), party.insurerCode(), false, false,
                    LiabilityState.UNDETERMINED))));
            return notice(actor, applicationId, vehicles, fundId);
        });
    }

    /**
     * The police confirm the accident and the liability state and notify the payers: the insurer
     * of each insured vehicle, and the assistance fund for a vehicle uninsured or fled.
     */
    private Future<ApplicationDetail> notice(Actor actor, UUID applicationId,
            List<Vehicle> vehicles, Optional<String> fundId) {
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
                insurersKnown = insurersKnown.compose(x -> parts.steps().requirePayer(
                        v.insurerId().get(), PayerKind.INSURER, field));
            }
        }
        Instant now = parts.clock().instant();
        Future<Function<String, String>> names = insurersKnown
                .compose(x -> parts.steps().payerNames());
        return names.compose(x -> fund).compose(fundPayer -> inTransaction(
                tx -> parts.steps().lock(tx, applicationId).compose(app -> {
                    Future<Void> done = Future.succeededFuture();
                    List<String> named = new ArrayList<>();
                    List<String> zh = new ArrayList<>();
                    for (Vehicle v : vehicles) {
                        if (v.insurerPays()) {
                            named.add(v.insurerId().get() + " (" + v.liability() + ")");
                            zh.add(names.result().apply(v.insurerId().get()) + "（"
                                    + v.liability().zh() + "）");
                            done = done.compose(y -> parts.applications().setApplicationPayer(tx,
                                    applicationId, v.insurerId().get(), v.liability(), now));
                        }
                    }
                    if (fundPayer.isPresent()) {
                        named.add(fundPayer.get() + " " + grounds);
                        zh.add(names.result().apply(fundPayer.get()) + "（" + String.join("、",
                                grounds.stream().map(FundGround::zh).toList()) + "）");
                        done = done.compose(y -> parts.applications().setApplicationPayer(tx,
                                applicationId, fundPayer.get(), LiabilityState.UNDETERMINED,
                                grounds, now));
                    }
                    String who = String.join("、", zh);
                    return done.compose(y -> parts.steps().move(tx, app,
                            ApplicationState.NOTICE_ISSUED, ActorRole.POLICE, actor, now,
                            "，垫付方 " + who, "; payers " + who))
                            .compose(y -> PaymentSteps.audit(tx, actor, "payment.notice",
                                    "application", applicationId.toString(),
                                    Map.of("payers", named)));
                })))
                .compose(x -> parts.reads().application(actor, applicationId));
    }

    /** The police record the liability of an insured vehicle once it is determined. */
    public Future<ApplicationDetail> determineLiability(Actor actor, UUID applicationId,
            String payerId, LiabilityState liability) {
        Instant now = parts.clock().instant();
        Future<Function<String, String>> names = parts.steps().requirePayer(payerId,
                PayerKind.INSURER, "payerId").compose(x -> parts.steps().payerNames());
        return names.compose(x -> inTransaction(tx -> parts.steps().lock(tx, applicationId)
                        .compose(app -> parts.queries().applicationPayers(tx, applicationId))
                        .compose(payers -> {
                            if (payers.stream().noneMatch(p -> p.payerId().equals(payerId))) {
                                throw PaymentError.PAYER_NOT_NAMED.error("payerId",
                                        "the notice does not name payer '" + payerId + "'");
                            }
                            return parts.applications().setApplicationPayer(tx, applicationId,
                                    payerId, liability, now);
                        })
                        .compose(y -> parts.applications().appendTimeline(tx, new TimelineEvent(
                                applicationId.toString(), now, "LIABILITY_DETERMINED",
                                ActorRole.POLICE, actor.accountId().toString(),
                                "交警：认定 " + names.result().apply(payerId) + " 承保车辆责任为 "
                                        + liability.zh(), "liability of the vehicle insured by "
                                        + names.result().apply(payerId) + " set to "
                                        + liability.name().toLowerCase(java.util.Locale.ROOT)
                                                .replace('_', ' ') + " by the police")))
                        .compose(y -> PaymentSteps.audit(tx, actor, "payment.liability",
                                "application", applicationId.toString(), Map.of(
                                        "payerId", payerId, "liability", liability.name())))))
                .compose(x -> parts.reads().application(actor, applicationId));
    }

    /** The hospital submits a bill; the fund's review is due within 5 working days. */
    public Future<BilledApplication> submitBill(Actor actor, Bill bill) {
        UUID applicationId = uuid(bill.applicationId(), "applicationId");
        Instant now = parts.clock().instant();
        BillCheck.checkItems(bill, now);
        Instant reviewDue = Deadline.of(DeadlineKind.FUND_REVIEW, now, parts.calendar()).dueAt();
        String total = PaymentSteps.yuan(bill.total());
        int items = bill.items().size();
        // a hospital bills only as itself (403), and only on an application naming it (else
        // 404, as for one that does not exist); an unknown hospital stays the bill's 400
        return parts.applications().activeHospitals().compose(hospitals -> {
            if (hospitals.contains(bill.hospitalId())
                    && !actor.actsAsHospital(bill.hospitalId())) {
                throw new DomainException(CommonError.FORBIDDEN, "只能以本院名义提交账单 / you"
                        + " bill for " + actor.organisation() + ", not for "
                        + bill.hospitalId(), "hospitalId");
            }
            return parts.queries().application(applicationId).compose(found ->
                    PaymentReads.requireMaySee(parts.queries(), actor, found.orElseThrow(() ->
                            PaymentSteps.unknownApplication(applicationId)))).map(hospitals);
        }).compose(hospitals -> inTransaction(
                tx -> parts.steps().lock(tx, applicationId).compose(app -> storeBill(tx, app, bill,
                        hospitals, now, reviewDue).compose(billId -> parts.steps().move(tx, app,
                                ApplicationState.BILLED, ActorRole.HOSPITAL, actor, now,
                                "，" + items + " 项合计 " + total, ": " + items + " items, " + total)
                                .compose(y -> PaymentSteps.audit(tx, actor, "payment.bill",
                                        "bill", billId.toString(), Map.of(
                                                "applicationId", applicationId.toString(),
                                                "hospitalId", bill.hospitalId(),
                                                "totalFen", bill.total().value(),
                                                "items", items)))
                                .map(billId)))))
                .compose(billId -> parts.reads().application(actor, applicationId)
                        .map(detail -> new BilledApplication(billId, detail)));
    }

    private Future<UUID> storeBill(SqlClient tx, AdvanceApplication app, Bill bill,
            Set<String> hospitals, Instant now, Instant reviewDue) {
        UUID applicationId = UUID.fromString(app.applicationId());
        return parts.queries().applicationPayers(tx, applicationId).compose(payers -> {
            boolean fundPays = payers.stream()
                    .anyMatch(p -> p.kind() == PayerKind.ASSISTANCE_FUND);
            Optional<FundRules> fundRules = fundPays
                    ? Optional.of(parts.schedule().fundRulesOn(LimitSchedule.accidentDate(
                            app.accidentAt())))
                    : Optional.empty();
            BillCheck.check(bill, app, hospitals, fundRules);
            ApplicationTransitions.require(app.state(), ApplicationState.BILLED,
                    ActorRole.HOSPITAL);
            return parts.applications().insertBill(tx, applicationId, bill, now, reviewDue);
        });
    }

    public Future<PaymentQueries.Hospital> registerHospital(String id, String name,
            boolean active) {
        requireId(id, "id");
        return parts.applications().registerHospital(id, name, active)
                .map(x -> new PaymentQueries.Hospital(id, name, active));
    }

    /**
     * Registers a payer and where its system receives disbursement orders (an outbox endpoint
     * {@code payer:<id>} with its HMAC secret); both in one transaction.
     */
    public Future<RegisteredPayer> registerPayer(String id, PayerKind kind, String name, String url,
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
        return inTransaction(tx -> parts.applications().registerPayer(tx, id, kind, name)
                .compose(stored -> {
                    if (stored != kind) {
                        throw PaymentError.PAYER_KIND_FIXED.error("kind",
                                "payer '" + id + "' is registered as " + stored);
                    }
                    return parts.outbox().registerEndpoint(tx, AdvancePayments.endpoint(id),
                            url, secret, name + " (" + kind + ")");
                }))
                .map(x -> new RegisteredPayer(id, kind, name, url));
    }

    private Future<String> requireHospital(String id) {
        return parts.queries().hospitals().map(list -> list.stream()
                .filter(h -> h.id().equals(id) && h.active())
                .map(PaymentQueries.Hospital::name).findFirst()
                .orElseThrow(() -> PaymentError.UNKNOWN_HOSPITAL.error("hospitalId",
                        "no hospital with id '" + id + "' is registered")));
    }

    private Future<String> resolveFund(Optional<String> fundId) {
        if (fundId.isPresent()) {
            return parts.steps().requirePayer(fundId.get(), PayerKind.ASSISTANCE_FUND, "fundId")
                    .map(fundId.get());
        }
        return parts.steps().soleFund().map(f -> f.orElseThrow(() -> PaymentError.FUND_AMBIGUOUS
                .error("fundId", "name the assistance fund (fundId): none or several are"
                        + " registered")));
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

    private <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
        return parts.applications().pool().withTransaction(work);
    }
}
