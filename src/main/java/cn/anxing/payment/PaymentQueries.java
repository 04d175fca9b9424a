package cn.anxing.payment;

import static cn.anxing.payment.Rows.instant;
import static cn.anxing.payment.Rows.optionalInstant;
import static cn.anxing.payment.Rows.optionalLong;
import static cn.anxing.payment.Rows.optionalUuid;
import static cn.anxing.payment.Rows.utc;

import cn.anxing.payment.rules.ActorRole;
import cn.anxing.payment.rules.ApplicationState;
import cn.anxing.payment.rules.ExcessHandling;
import cn.anxing.payment.rules.LiabilityState;
import cn.anxing.payment.rules.InjuredRelation;
import cn.anxing.payment.rules.PayerKind;
import cn.anxing.payment.rules.ResidentIdNumber;
import cn.anxing.payment.rules.TimelineEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What people see of the payments, read from PostgreSQL as records: applications with their
 * payers, bills, payments and timeline, the applicant's notifications, the overdue lists, and
 * the registered hospitals and payers. Writes are the {@link ApplicationStore}'s and the
 * {@link LedgerStore}'s; {@link PaymentViews} turns these records into the API's JSON.
 */
public final class PaymentQueries {

    /** A registered hospital. */
    public record Hospital(String id, String name, boolean active) {
    }

    /** A registered payer: an insurer or the assistance fund. */
    public record Payer(String id, PayerKind kind, String name) {
    }

    /**
     * An application as stored, with its hospital's name. {@code injuredPersonId} is how the
     * applicant names the injured person (their name); {@code idNumber} is the resident ID
     * number as whoever reads it may see it (see {@link PaymentReads}).
     */
    public record Application(UUID id, String caseId, String injuredPersonId, String hospitalId,
            String hospitalName, Instant accidentAt, ApplicationState state,
            Optional<UUID> appliedBy, Optional<String> applicantPhone, Instant appliedAt,
            Instant noticeDueAt, Instant updatedAt, Optional<InjuredRelation> relation,
            Optional<String> idNumber) {

        /** The same application with its ID number masked ({@code 3304**********1234}). */
        Application withIdNumberMasked() {
            return new Application(id, caseId, injuredPersonId, hospitalId, hospitalName,
                    accidentAt, state, appliedBy, applicantPhone, appliedAt, noticeDueAt,
                    updatedAt, relation, idNumber.map(n -> new ResidentIdNumber(n).masked()));
        }
    }

    /**
     * A payer the police notice names on an application, and what it has advanced so far for the
     * injured person ({@code capFen} empty: no cap, e.g. the fund).
     */
    public record NamedPayer(String payerId, PayerKind kind, String name,
            LiabilityState liabilityState, List<String> fundGrounds, Instant noticedAt,
            long advancedFen, Optional<Long> capFen) {

        public NamedPayer {
            fundGrounds = List.copyOf(fundGrounds);
        }
    }

    /** A hospital bill with what is still unpaid on it and how many items it has. */
    public record BillSummary(UUID id, String hospitalId, long totalFen, Instant submittedAt,
            Instant reviewDueAt, long unpaidFen, long items) {
    }

    /**
     * A payment instruction; {@code paidFen}, {@code excessFen} and {@code excessHandling} are
     * empty while it runs, {@code postingId} when it paid nothing.
     */
    public record Instruction(UUID id, String idempotencyKey, String payerId,
            Optional<UUID> billId, long requestedFen, Optional<Long> paidFen,
            Optional<Long> excessFen, Optional<ExcessHandling> excessHandling,
            Optional<UUID> postingId, Instant createdAt, Optional<Instant> disbursedAt,
            Optional<Instant> reversedAt) {
    }

    /**
     * One timeline event with its id (the order in which events were written) and who acted, in
     * plain words: the name of the payer, hospital or police unit whose account acted, empty
     * for the applicant (the page says 申请人) and for an actor no longer on record.
     */
    public record TimelineEntry(long id, TimelineEvent event, Optional<String> actorName) {
    }

    /** A timeline event of one of the applicant's applications, for their notifications. */
    public record Notification(long id, UUID applicationId, String caseId, Instant at,
            String what, ActorRole actorRole, String textZh, String textEn) {
    }

    /** An application whose police notice is past its time limit. */
    public record OverdueNotice(UUID applicationId, String caseId, String injuredPersonId,
            Instant appliedAt, Instant dueAt) {
    }

    /** A bill that waits for the fund's review past its time limit. */
    public record OverdueReview(UUID applicationId, String caseId, UUID billId, String payerId,
            Instant submittedAt, Instant dueAt) {
    }

    /** Who pays an instruction, and on which application. */
    public record InstructionPayer(String payerId, PayerKind kind, UUID applicationId) {
    }

    private static final String PAYER = "SELECT id, kind, name FROM payment_payer WHERE id = $1";
    private static final String HOSPITALS =
            "SELECT id, name, active FROM payment_hospital ORDER BY id";
    private static final String PAYERS = "SELECT id, kind, name FROM payment_payer ORDER BY id";
    private static final String APPLICANT_PHONE =
            "(SELECT phone FROM account WHERE id = $2)";
    private static final String APPLICATION_COLUMNS = """
            a.id, a.case_id, a.injured_person_id, a.hospital_id, h.name AS hospital_name,
            a.accident_at, a.state, a.applied_by, a.applicant_phone, a.applied_at,
            a.notice_due_at, a.updated_at, a.injured_relation, a.injured_id_number
            FROM advance_application a JOIN payment_hospital h ON h.id = a.hospital_id""";
    private static final String APPLICATION_VIEW =
            "SELECT " + APPLICATION_COLUMNS + " WHERE a.id = $1";
    private static final String ALL_APPLICATIONS =
            "SELECT " + APPLICATION_COLUMNS + " ORDER BY a.applied_at DESC LIMIT 500";
    private static final String APPLICANTS_APPLICATIONS = "SELECT " + APPLICATION_COLUMNS
            + " WHERE a.applied_by = $1 OR a.applicant_phone = (SELECT phone FROM account"
            + " WHERE id = $1) ORDER BY a.applied_at DESC";
    /* What a hospital or a payer may see: the applications naming it. */
    private static final String HOSPITAL_APPLICATIONS = "SELECT " + APPLICATION_COLUMNS
            + " WHERE a.hospital_id = $1 ORDER BY a.applied_at DESC LIMIT 500";
    private static final String PAYER_APPLICATIONS = "SELECT " + APPLICATION_COLUMNS
            + " WHERE EXISTS (SELECT 1 FROM application_payer ap WHERE ap.application_id = a.id"
            + " AND ap.payer_id = $1) ORDER BY a.applied_at DESC LIMIT 500";
    private static final String NAMES_PAYER = """
            SELECT 1 FROM application_payer WHERE application_id = $1 AND payer_id = $2""";
    private static final String IS_APPLICANT = """
            SELECT 1 FROM advance_application WHERE id = $1
            AND (applied_by = $2 OR applicant_phone = """ + APPLICANT_PHONE + ")";
    private static final String APPLICATION_PAYERS = """
            SELECT ap.payer_id, p.kind, p.name, ap.liability_state, ap.fund_grounds,
                ap.noticed_at, COALESCE(r.advanced_fen, 0) AS advanced_fen, r.cap_fen
            FROM application_payer ap
            JOIN payment_payer p ON p.id = ap.payer_id
            JOIN advance_application a ON a.id = ap.application_id
            LEFT JOIN payer_headroom r ON r.case_id = a.case_id
                AND r.injured_person_id = a.injured_person_id AND r.payer_id = ap.payer_id
            WHERE ap.application_id = $1 ORDER BY p.kind DESC, ap.payer_id""";
    private static final String APPLICATION_BILLS = """
            SELECT b.id, b.hospital_id, b.total_fen, b.submitted_at, b.review_due_at,
                b.total_fen - COALESCE((SELECT sum(i.paid_fen) FROM payment_instruction i
                    WHERE i.bill_id = b.id AND i.paid_fen > 0 AND NOT EXISTS (
                        SELECT 1 FROM ledger_posting r WHERE r.reversal_of = i.posting_id)), 0)
                    AS unpaid_fen,
                (SELECT count(*) FROM bill_item t WHERE t.bill_id = b.id) AS items
            FROM bill b WHERE b.application_id = $1 ORDER BY b.submitted_at, b.id""";
    private static final String INSTRUCTION_PAYER = """
            SELECT i.payer_id, p.kind, i.application_id FROM payment_instruction i
            JOIN payment_payer p ON p.id = i.payer_id WHERE i.id = $1""";
    private static final String APPLICATION_INSTRUCTIONS = """
            SELECT i.id, i.idempotency_key, i.payer_id, i.bill_id, i.requested_fen, i.paid_fen,
                i.excess_fen, i.excess_handling, i.posting_id, i.created_at,
                (SELECT d.posted_at FROM ledger_posting d WHERE d.instruction_id = i.id
                    AND d.kind = 'DISBURSED') AS disbursed_at,
                (SELECT r.posted_at FROM ledger_posting r WHERE r.reversal_of = i.posting_id)
                    AS reversed_at
            FROM payment_instruction i WHERE i.application_id = $1 ORDER BY i.created_at, i.id""";
    private static final String NOTIFICATIONS = """
            SELECT t.id, t.application_id, a.case_id, t.at, t.what, t.actor_role, t.text_zh,
                t.text_en
            FROM application_timeline t JOIN advance_application a ON a.id = t.application_id
            WHERE (a.applied_by = $1 OR a.applicant_phone = (SELECT phone FROM account
                WHERE id = $1)) AND t.id > $2
            ORDER BY t.id LIMIT 200""";
    /*
     * Who acted, from the acting account's organisation: a payer or hospital by the name it is
     * registered under here (the organisation code is the payer or hospital id), a police unit
     * by its own name. An entry written for a payer by the system names the payer in actor_id.
     */
    private static final String TIMELINE_VIEW = """
            SELECT t.id, t.at, t.what, t.actor_role, t.actor_id, t.text_zh, t.text_en,
                CASE t.actor_role
                    WHEN 'PAYER' THEN coalesce(pp.name, o.name_zh)
                    WHEN 'HOSPITAL' THEN coalesce(ph.name, o.name_zh)
                    WHEN 'POLICE' THEN o.name_zh
                END AS actor_name
            FROM application_timeline t
            LEFT JOIN account ac ON ac.id::text = t.actor_id
            LEFT JOIN organisation o ON o.id = ac.organisation_id
            LEFT JOIN payment_payer pp ON pp.id = coalesce(o.code, t.actor_id)
            LEFT JOIN payment_hospital ph ON ph.id = o.code
            WHERE t.application_id = $1 ORDER BY t.at, t.id""";
    private static final String OVERDUE_NOTICE_VIEW = """
            SELECT a.id AS application_id, a.case_id, a.injured_person_id, a.applied_at,
                a.notice_due_at AS due_at
            FROM advance_application a
            WHERE a.state = 'APPLIED' AND a.notice_due_at <= $1 ORDER BY a.notice_due_at""";
    /*
     * A bill waits for the fund's review when its application names the fund and the fund has
     * neither paid nor declined anything on it.
     */
    private static final String OVERDUE_REVIEW_VIEW = """
            SELECT b.application_id, a.case_id, b.id AS bill_id, ap.payer_id, b.submitted_at,
                b.review_due_at AS due_at
            FROM bill b
            JOIN advance_application a ON a.id = b.application_id
            JOIN application_payer ap ON ap.application_id = b.application_id
            JOIN payment_payer p ON p.id = ap.payer_id AND p.kind = 'ASSISTANCE_FUND'
            WHERE b.review_due_at <= $1 AND a.state NOT IN ('REJECTED', 'WITHDRAWN', 'CLOSED')
              AND NOT EXISTS (SELECT 1 FROM payment_instruction i
                  WHERE i.bill_id = b.id AND i.payer_id = ap.payer_id)
            ORDER BY b.review_due_at""";

    private final Pool pool;

    public PaymentQueries(Pool pool) {
        this.pool = pool;
    }

    public Future<Optional<Payer>> payer(String id) {
        return Rows.first(pool, PAYER, Tuple.of(id), PaymentQueries::payer);
    }

    public Future<List<Payer>> payers() {
        return Rows.list(pool, PAYERS, Tuple.tuple(), PaymentQueries::payer);
    }

    public Future<List<Hospital>> hospitals() {
        return Rows.list(pool, HOSPITALS, Tuple.tuple(), row -> new Hospital(row.getString("id"),
                row.getString("name"), row.getBoolean("active")));
    }

    public Future<Optional<Application>> application(UUID id) {
        return Rows.first(pool, APPLICATION_VIEW, Tuple.of(id), PaymentQueries::application);
    }

    /** Everyone's applications for staff, newest first (at most 500). */
    public Future<List<Application>> applications() {
        return Rows.list(pool, ALL_APPLICATIONS, Tuple.tuple(), PaymentQueries::application);
    }

    /** Those the account applied for, or that an officer opened with the account's phone. */
    public Future<List<Application>> applicationsOf(UUID accountId) {
        return Rows.list(pool, APPLICANTS_APPLICATIONS, Tuple.of(accountId),
                PaymentQueries::application);
    }

    public Future<List<Application>> applicationsOfHospital(String hospitalId) {
        return Rows.list(pool, HOSPITAL_APPLICATIONS, Tuple.of(hospitalId),
                PaymentQueries::application);
    }

    public Future<List<Application>> applicationsNamingPayer(String payerId) {
        return Rows.list(pool, PAYER_APPLICATIONS, Tuple.of(payerId),
                PaymentQueries::application);
    }

    /** True when the police notice names {@code payerId} as a payer of the application. */
    public Future<Boolean> namesPayer(UUID applicationId, String payerId) {
        return pool.preparedQuery(NAMES_PAYER).execute(Tuple.of(applicationId, payerId))
                .map(rows -> rows.size() > 0);
    }

    public Future<Boolean> isApplicant(UUID applicationId, UUID accountId) {
        return pool.preparedQuery(IS_APPLICANT).execute(Tuple.of(applicationId, accountId))
                .map(rows -> rows.size() > 0);
    }

    public Future<List<NamedPayer>> applicationPayers(UUID applicationId) {
        return applicationPayers(pool, applicationId);
    }

    /** The payers the police notice names, with liability, fund grounds and what each paid. */
    public Future<List<NamedPayer>> applicationPayers(SqlClient client, UUID applicationId) {
        return Rows.list(client, APPLICATION_PAYERS, Tuple.of(applicationId),
                row -> new NamedPayer(row.getString("payer_id"),
                        PayerKind.valueOf(row.getString("kind")), row.getString("name"),
                        LiabilityState.valueOf(row.getString("liability_state")),
                        Arrays.asList(row.getArrayOfStrings("fund_grounds")),
                        instant(row, "noticed_at"), row.getLong("advanced_fen"),
                        optionalLong(row, "cap_fen")));
    }

    public Future<List<BillSummary>> applicationBills(UUID applicationId) {
        return Rows.list(pool, APPLICATION_BILLS, Tuple.of(applicationId),
                row -> new BillSummary(row.getUUID("id"), row.getString("hospital_id"),
                        row.getLong("total_fen"), instant(row, "submitted_at"),
                        instant(row, "review_due_at"), row.getLong("unpaid_fen"),
                        row.getLong("items")));
    }

    public Future<List<Instruction>> applicationInstructions(UUID applicationId) {
        return Rows.list(pool, APPLICATION_INSTRUCTIONS, Tuple.of(applicationId),
                row -> new Instruction(row.getUUID("id"), row.getString("idempotency_key"),
                        row.getString("payer_id"), optionalUuid(row, "bill_id"),
                        row.getLong("requested_fen"), optionalLong(row, "paid_fen"),
                        optionalLong(row, "excess_fen"),
                        Optional.ofNullable(row.getString("excess_handling"))
                                .map(ExcessHandling::valueOf),
                        optionalUuid(row, "posting_id"), instant(row, "created_at"),
                        optionalInstant(row, "disbursed_at"),
                        optionalInstant(row, "reversed_at")));
    }

    /** The payer of an instruction, if the instruction exists. */
    public Future<Optional<InstructionPayer>> instructionPayer(UUID instructionId) {
        return Rows.first(pool, INSTRUCTION_PAYER, Tuple.of(instructionId),
                row -> new InstructionPayer(row.getString("payer_id"),
                        PayerKind.valueOf(row.getString("kind")),
                        row.getUUID("application_id")));
    }

    /** The application's timeline, oldest first. */
    public Future<List<TimelineEntry>> timeline(UUID applicationId) {
        return Rows.list(pool, TIMELINE_VIEW, Tuple.of(applicationId),
                row -> new TimelineEntry(row.getLong("id"), new TimelineEvent(
                        applicationId.toString(), instant(row, "at"), row.getString("what"),
                        ActorRole.valueOf(row.getString("actor_role")),
                        row.getString("actor_id"), row.getString("text_zh"),
                        row.getString("text_en")),
                        Optional.ofNullable(row.getString("actor_name"))));
    }

    /** The timeline events of the account's applications after event {@code afterId}. */
    public Future<List<Notification>> notifications(UUID accountId, long afterId) {
        return Rows.list(pool, NOTIFICATIONS, Tuple.of(accountId, afterId),
                row -> new Notification(row.getLong("id"), row.getUUID("application_id"),
                        row.getString("case_id"), instant(row, "at"), row.getString("what"),
                        ActorRole.valueOf(row.getString("actor_role")), row.getString("text_zh"),
                        row.getString("text_en")));
    }

    /** Applications still waiting for their police notice at {@code now}, longest first. */
    public Future<List<OverdueNotice>> overdueNotices(Instant now) {
        return Rows.list(pool, OVERDUE_NOTICE_VIEW, Tuple.of(utc(now)),
                row -> new OverdueNotice(row.getUUID("application_id"), row.getString("case_id"),
                        row.getString("injured_person_id"), instant(row, "applied_at"),
                        instant(row, "due_at")));
    }

    public Future<List<OverdueReview>> overdueReviews(Instant now) {
        return Rows.list(pool, OVERDUE_REVIEW_VIEW, Tuple.of(utc(now)),
                row -> new OverdueReview(row.getUUID("application_id"), row.getString("case_id"),
                        row.getUUID("bill_id"), row.getString("payer_id"),
                        instant(row, "submitted_at"), instant(row, "due_at")));
    }

    private static Payer payer(Row row) {
        return new Payer(row.getString("id"), PayerKind.valueOf(row.getString("kind")),
                row.getString("name"));
    }

    private static Application application(Row row) {
        return new Application(row.getUUID("id"), row.getString("case_id"),
                row.getString("injured_person_id"), row.getString("hospital_id"),
                row.getString("hospital_name"), instant(row, "accident_at"),
                ApplicationState.valueOf(row.getString("state")), optionalUuid(row, "applied_by"),
                Optional.ofNullable(row.getString("applicant_phone")), instant(row, "applied_at"),
                instant(row, "notice_due_at"), instant(row, "updated_at"),
                Optional.ofNullable(row.getString("injured_relation"))
                        .map(InjuredRelation::valueOf),
                Optional.ofNullable(row.getString("injured_id_number")));
    }
}
