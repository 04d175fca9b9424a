package cn.anxing.payment;

import cn.anxing.error.DomainException;
import cn.anxing.payment.rules.AccountType;
import cn.anxing.payment.rules.ActorRole;
import cn.anxing.payment.rules.AdvanceApplication;
import cn.anxing.payment.rules.AdvanceCommand;
import cn.anxing.payment.rules.AdvanceDecision;
import cn.anxing.payment.rules.AdvanceOutcome;
import cn.anxing.payment.rules.ApplicationState;
import cn.anxing.payment.rules.ApplicationTransitions;
import cn.anxing.payment.rules.Bill;
import cn.anxing.payment.rules.BillCheck;
import cn.anxing.payment.rules.BillItem;
import cn.anxing.payment.rules.ExcessHandling;
import cn.anxing.payment.rules.Fen;
import cn.anxing.payment.rules.FundGround;
import cn.anxing.payment.rules.IdempotencyRule;
import cn.anxing.payment.rules.LedgerAccount;
import cn.anxing.payment.rules.LedgerEntry;
import cn.anxing.payment.rules.LiabilityState;
import cn.anxing.payment.rules.PayerKind;
import cn.anxing.payment.rules.PaymentError;
import cn.anxing.payment.rules.Posting;
import cn.anxing.payment.rules.PostingKind;
import cn.anxing.payment.rules.Reconciliation;
import cn.anxing.payment.rules.RequestFingerprint;
import cn.anxing.payment.rules.Side;
import cn.anxing.payment.rules.TimelineEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Medical advance payments in PostgreSQL (schema {@code V20__payments.sql}). Methods that take a
 * {@link SqlClient} run inside the caller's transaction; {@link #recordAdvance} and
 * {@link #reverseAdvance} open their own, because the headroom lock, the ledger and the outbox
 * must commit together.
 */
public final class PaymentRepository {

    private static final String INSERT_HOSPITAL =
            "INSERT INTO payment_hospital (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING";
    private static final String ACTIVE_HOSPITALS =
            "SELECT id FROM payment_hospital WHERE active";
    private static final String INSERT_PAYER = """
            INSERT INTO payment_payer (id, kind, name) VALUES ($1, $2, $3)
            ON CONFLICT (id) DO NOTHING""";
    private static final String INSERT_APPLICATION = """
            INSERT INTO advance_application (case_id, injured_person_id, hospital_id, accident_at,
                state, applied_by, applied_at, notice_due_at, updated_at, applicant_phone)
            VALUES ($1, $2, $3, $4, 'APPLIED', $5, $6, $7, $6, $8)
            ON CONFLICT (case_id, injured_person_id) DO NOTHING
            RETURNING id""";
    private static final String LOCK_APPLICATION = """
            SELECT id, case_id, injured_person_id, hospital_id, accident_at, state
            FROM advance_application WHERE id = $1 FOR NO KEY UPDATE""";
    private static final String SET_STATE =
            "UPDATE advance_application SET state = $2, updated_at = $3 WHERE id = $1";
    private static final String OVERDUE_NOTICES = """
            SELECT id FROM advance_application
            WHERE state = 'APPLIED' AND notice_due_at <= $1 ORDER BY notice_due_at""";
    private static final String UPSERT_APPLICATION_PAYER = """
            INSERT INTO application_payer (application_id, payer_id, liability_state, noticed_at,
                fund_grounds)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (application_id, payer_id)
            DO UPDATE SET liability_state = EXCLUDED.liability_state,
                fund_grounds = ARRAY(SELECT DISTINCT unnest(application_payer.fund_grounds
                    || EXCLUDED.fund_grounds) ORDER BY 1)""";
    private static final String INSERT_TIMELINE = """
            INSERT INTO application_timeline (application_id, at, what, actor_role, actor_id,
                text_zh, text_en) VALUES ($1, $2, $3, $4, $5, $6, $7)""";
    private static final String TIMELINE = """
            SELECT at, what, actor_role, actor_id, text_zh, text_en FROM application_timeline
            WHERE application_id = $1 ORDER BY at, id""";
    private static final String INSERT_BILL = """
            INSERT INTO bill (application_id, hospital_id, total_fen, submitted_at, review_due_at)
            VALUES ($1, $2, $3, $4, $5) RETURNING id""";
    private static final String INSERT_BILL_ITEM = """
            INSERT INTO bill_item (bill_id, position, description, rendered_at, invoice_number,
                amount_fen) VALUES ($1, $2, $3, $4, $5, $6)""";
    private static final String CLAIM_KEY = """
            INSERT INTO payment_instruction (id, idempotency_key, request_fingerprint,
                application_id, bill_id, payer_id, requested_fen, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id""";
    private static final String BY_KEY = """
            SELECT id, request_fingerprint, paid_fen, excess_fen, excess_handling, posting_id
            FROM payment_instruction WHERE idempotency_key = $1""";
    private static final String FINISH_INSTRUCTION = """
            UPDATE payment_instruction SET paid_fen = $2, excess_fen = $3, excess_handling = $4,
                posting_id = $5, finished_at = $6 WHERE id = $1""";
    private static final String ENSURE_HEADROOM = """
            INSERT INTO payer_headroom (case_id, injured_person_id, payer_id) VALUES ($1, $2, $3)
            ON CONFLICT (case_id, injured_person_id, payer_id) DO NOTHING""";
    private static final String LOCK_HEADROOM = """
            SELECT advanced_fen FROM payer_headroom
            WHERE case_id = $1 AND injured_person_id = $2 AND payer_id = $3 FOR UPDATE""";
    private static final String ADD_TO_HEADROOM = """
            UPDATE payer_headroom SET advanced_fen = advanced_fen + $4, cap_fen = $5, updated_at = $6
            WHERE case_id = $1 AND injured_person_id = $2 AND payer_id = $3""";
    private static final String GIVE_BACK_TO_HEADROOM = """
            UPDATE payer_headroom SET advanced_fen = advanced_fen - $4, updated_at = $5
            WHERE case_id = $1 AND injured_person_id = $2 AND payer_id = $3""";

    private static final String REVERSAL_OF =
            "SELECT id FROM ledger_posting WHERE reversal_of = $1";
    private static final String INSERT_POSTING = """
            INSERT INTO ledger_posting (id, kind, payer_id, application_id, case_id,
                injured_person_id, posted_at, amount_fen, reversal_of, instruction_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""";
    private static final String LOCK_PAID_INSTRUCTION = """
            SELECT i.payer_id, i.application_id, a.case_id, a.injured_person_id, a.hospital_id,
                i.paid_fen
            FROM payment_instruction i JOIN advance_application a ON a.id = i.application_id
            WHERE i.id = $1 AND i.paid_fen > 0 FOR UPDATE OF i""";
    private static final String INSTRUCTION_POSTING =
            "SELECT application_id, posting_id FROM payment_instruction WHERE id = $1";
    private static final String INSTRUCTION_APPLICATION =
            "SELECT application_id FROM payment_instruction WHERE id = $1";
    private static final String DISBURSEMENT_OF = """
            SELECT id FROM ledger_posting WHERE instruction_id = $1 AND kind = 'DISBURSED'""";
    private static final String INSERT_ENTRY = """
            INSERT INTO ledger_entry (posting_id, side, account_type, account_owner, account_key,
                amount_fen) VALUES ($1, $2, $3, $4, $5, $6)""";
    private static final String POSTING_COLUMNS = """
            p.id, p.kind, p.payer_id, p.application_id, p.case_id, p.injured_person_id,
            p.posted_at, p.amount_fen, p.reversal_of""";
    private static final String LOCK_POSTING = "SELECT " + POSTING_COLUMNS + """
            , d.account_type, d.account_owner, c.account_type, c.account_owner
            FROM ledger_posting p
            JOIN ledger_entry d ON d.posting_id = p.id AND d.side = 'DEBIT'
            JOIN ledger_entry c ON c.posting_id = p.id AND c.side = 'CREDIT'
            WHERE p.id = $1 FOR UPDATE OF p""";
    private static final String ENTRIES_BETWEEN = """
            SELECT e.posting_id, p.payer_id, p.posted_at, e.account_type, e.account_owner,
                e.side, e.amount_fen
            FROM ledger_entry e JOIN ledger_posting p ON p.id = e.posting_id
            WHERE p.posted_at >= $1 AND p.posted_at < $2
            ORDER BY p.posted_at, e.posting_id, e.side DESC""";
    private static final String PAYER_ON_APPLICATION = """
            SELECT liability_state FROM application_payer
            WHERE application_id = $1 AND payer_id = $2""";
    /*
     * What is left to pay of a bill: its total minus the advances on it that were not reversed.
     * Read under the application's lock, so two payments of one bill are serialised.
     */
    private static final String BILL_REMAINING = """
            SELECT b.total_fen - COALESCE((SELECT sum(i.paid_fen) FROM payment_instruction i
                WHERE i.bill_id = b.id AND i.paid_fen > 0 AND NOT EXISTS (
                    SELECT 1 FROM ledger_posting r WHERE r.reversal_of = i.posting_id)), 0)
            FROM bill b WHERE b.id = $1 AND b.application_id = $2""";

    // ---- registration and read models (views for the API; JSON with camelCase keys) ----
    private static final String UPSERT_HOSPITAL = """
            INSERT INTO payment_hospital (id, name, active) VALUES ($1, $2, $3)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, active = EXCLUDED.active""";
    private static final String UPSERT_PAYER = """
            INSERT INTO payment_payer (id, kind, name) VALUES ($1, $2, $3)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name
            RETURNING kind""";
    private static final String PAYER = "SELECT id, kind, name FROM payment_payer WHERE id = $1";
    private static final String HOSPITALS =
            "SELECT id, name, active FROM payment_hospital ORDER BY id";
    private static final String PAYERS = "SELECT id, kind, name FROM payment_payer ORDER BY id";
    private static final String APPLICANT_PHONE =
            "(SELECT phone FROM account WHERE id = $2)";
    private static final String APPLICATION_COLUMNS = """
            a.id, a.case_id, a.injured_person_id, a.hospital_id, h.name AS hospital_name,
            a.accident_at, a.state, a.applied_by, a.applicant_phone, a.applied_at,
            a.notice_due_at, a.updated_at
            FROM advance_application a JOIN payment_hospital h ON h.id = a.hospital_id""";
    private static final String APPLICATION_VIEW =
            "SELECT " + APPLICATION_COLUMNS + " WHERE a.id = $1";
    private static final String ALL_APPLICATIONS =
            "SELECT " + APPLICATION_COLUMNS + " ORDER BY a.applied_at DESC LIMIT 500";
    private static final String APPLICANTS_APPLICATIONS = "SELECT " + APPLICATION_COLUMNS
            + " WHERE a.applied_by = $1 OR a.applicant_phone = (SELECT phone FROM account"
            + " WHERE id = $1) ORDER BY a.applied_at DESC";
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
    /*
     * The accident case of the accident feature (V10__accident.sql) that an application names,
     * by its case number or id: the accident time and the vehicles' insurers come from there.
     */
    private static final String ACCIDENT_CASE = """
            SELECT id, case_no, occurred_at, state FROM accident_case
            WHERE case_no = $1 OR id::text = $1""";
    private static final String ACCIDENT_PARTIES = """
            SELECT label, plate, insurer_code FROM accident_party WHERE case_id = $1
            ORDER BY label""";
    private static final String INSTRUCTION_PAYER = """
            SELECT i.payer_id, p.kind, i.application_id FROM payment_instruction i
            JOIN payment_payer p ON p.id = i.payer_id WHERE i.id = $1""";
    private static final String BILL_ITEM_TIMES =
            "SELECT rendered_at FROM bill_item WHERE bill_id = $1 ORDER BY position";
    private static final String APPLICATION_INSTRUCTIONS = """
            SELECT i.id, i.idempotency_key, i.payer_id, i.bill_id, i.requested_fen, i.paid_fen,
                i.excess_fen, i.excess_handling, i.posting_id, i.created_at,
                (SELECT d.posted_at FROM ledger_posting d WHERE d.instruction_id = i.id
                    AND d.kind = 'DISBURSED') AS disbursed_at,
                (SELECT r.posted_at FROM ledger_posting r WHERE r.reversal_of = i.posting_id)
                    AS reversed_at
            FROM payment_instruction i WHERE i.application_id = $1 ORDER BY i.created_at, i.id""";
    private static final String UNDISBURSED = """
            SELECT count(*) FROM payment_instruction i
            WHERE i.application_id = $1 AND i.paid_fen > 0
              AND NOT EXISTS (SELECT 1 FROM ledger_posting d WHERE d.instruction_id = i.id
                  AND d.kind = 'DISBURSED')
              AND NOT EXISTS (SELECT 1 FROM ledger_posting r WHERE r.reversal_of = i.posting_id)""";
    private static final String NOTIFICATIONS = """
            SELECT t.id, t.application_id, a.case_id, t.at, t.what, t.actor_role, t.text_zh,
                t.text_en
            FROM application_timeline t JOIN advance_application a ON a.id = t.application_id
            WHERE (a.applied_by = $1 OR a.applicant_phone = (SELECT phone FROM account
                WHERE id = $1)) AND t.id > $2
            ORDER BY t.id LIMIT 200""";
    private static final String TIMELINE_VIEW = """
            SELECT id, at, what, actor_role, actor_id, text_zh, text_en FROM application_timeline
            WHERE application_id = $1 ORDER BY at, id""";
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

    public PaymentRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Future<Void> addHospital(String id, String name) {
        return pool.preparedQuery(INSERT_HOSPITAL).execute(Tuple.of(id, name)).mapEmpty();
    }

    public Future<Set<String>> activeHospitals() {
        return pool.preparedQuery(ACTIVE_HOSPITALS).execute().map(rows -> {
            Set<String> ids = new HashSet<>();
            rows.forEach(row -> ids.add(row.getString(0)));
            return ids;
        });
    }

    public Future<Void> addPayer(String id, PayerKind kind, String name) {
        return pool.preparedQuery(INSERT_PAYER).execute(Tuple.of(id, kind.name(), name))
                .mapEmpty();
    }

    /** A new application in state APPLIED, with the police notice due at {@code noticeDueAt}. */
    public Future<UUID> insertApplication(SqlClient client, String caseId, String injuredPersonId,
            String hospitalId, Instant accidentAt, UUID appliedBy, Instant appliedAt,
            Instant noticeDueAt) {
        return insertApplication(client, caseId, injuredPersonId, hospitalId, accidentAt,
                appliedBy, null, appliedAt, noticeDueAt).map(Optional::orElseThrow);
    }

    /**
     * A new application in state APPLIED; empty when the case already has one for this injured
     * person (one application per person and accident).
     *
     * @param applicantPhone the applicant's phone when an officer opens it for them, else null
     */
    public Future<Optional<UUID>> insertApplication(SqlClient client, String caseId,
            String injuredPersonId, String hospitalId, Instant accidentAt, UUID appliedBy,
            String applicantPhone, Instant appliedAt, Instant noticeDueAt) {
        return client.preparedQuery(INSERT_APPLICATION)
                .execute(Tuple.from(new Object[] {caseId, injuredPersonId, hospitalId,
                        utc(accidentAt), appliedBy, utc(appliedAt), utc(noticeDueAt),
                        applicantPhone}))
                .map(rows -> rows.size() == 0 ? Optional.<UUID>empty()
                        : Optional.of(rows.iterator().next().getUUID(0)));
    }

    /** The application, locked until the transaction ends, so state moves are serialised. */
    public Future<Optional<AdvanceApplication>> lockApplication(SqlClient client, UUID id) {
        return client.preparedQuery(LOCK_APPLICATION).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new AdvanceApplication(row.getUUID("id").toString(),
                    row.getString("case_id"), row.getString("injured_person_id"),
                    row.getString("hospital_id"), instant(row, "accident_at"),
                    ApplicationState.valueOf(row.getString("state"))));
        });
    }

    /**
     * Moves an application after checking the transition table, and writes its timeline event.
     * Call it with the application locked by {@link #lockApplication}.
     */
    public Future<Void> move(SqlClient client, TimelineEvent event, ApplicationState from) {
        ApplicationState to = ApplicationState.valueOf(event.what());
        ApplicationTransitions.require(from, to, event.by());
        return client.preparedQuery(SET_STATE)
                .execute(Tuple.of(UUID.fromString(event.applicationId()), to.name(),
                        utc(event.at())))
                .compose(x -> appendTimeline(client, event));
    }

    public Future<List<UUID>> overdueNotices(Instant now) {
        return pool.preparedQuery(OVERDUE_NOTICES).execute(Tuple.of(utc(now))).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID(0)));
            return ids;
        });
    }

    /** Names a payer on the police notice, or updates its vehicle's liability. */
    public Future<Void> setApplicationPayer(SqlClient client, UUID applicationId, String payerId,
            LiabilityState liability, Instant noticedAt) {
        return setApplicationPayer(client, applicationId, payerId, liability, Set.of(),
                noticedAt);
    }

    /** As above, adding the grounds on which the assistance fund advances (kept, never removed). */
    public Future<Void> setApplicationPayer(SqlClient client, UUID applicationId, String payerId,
            LiabilityState liability, Set<FundGround> grounds, Instant noticedAt) {
        String[] names = grounds.stream().map(Enum::name).sorted().toArray(String[]::new);
        return client.preparedQuery(UPSERT_APPLICATION_PAYER)
                .execute(Tuple.of(applicationId, payerId, liability.name(), utc(noticedAt), names))
                .mapEmpty();
    }

    public Future<Void> appendTimeline(SqlClient client, TimelineEvent e) {
        return client.preparedQuery(INSERT_TIMELINE)
                .execute(Tuple.of(UUID.fromString(e.applicationId()), utc(e.at()), e.what(),
                        e.by().name(), e.actorId(), e.textZh(), e.textEn()))
                .mapEmpty();
    }

    public Future<List<TimelineEvent>> timeline(UUID applicationId) {
        return pool.preparedQuery(TIMELINE).execute(Tuple.of(applicationId)).map(rows -> {
            List<TimelineEvent> events = new ArrayList<>();
            rows.forEach(row -> events.add(new TimelineEvent(applicationId.toString(),
                    instant(row, "at"), row.getString("what"),
                    ActorRole.valueOf(row.getString("actor_role")), row.getString("actor_id"),
                    row.getString("text_zh"), row.getString("text_en"))));
            return events;
        });
    }

    /** Stores a bill that {@link BillCheck} accepted, with its items in order. */
    public Future<UUID> insertBill(SqlClient client, UUID applicationId, Bill bill,
            Instant submittedAt, Instant reviewDueAt) {
        return client.preparedQuery(INSERT_BILL)
                .execute(Tuple.of(applicationId, bill.hospitalId(), bill.total().value(),
                        utc(submittedAt), utc(reviewDueAt)))
                .map(rows -> rows.iterator().next().getUUID(0))
                .compose(billId -> {
                    List<Tuple> items = new ArrayList<>();
                    for (int i = 0; i < bill.items().size(); i++) {
                        BillItem item = bill.items().get(i);
                        items.add(Tuple.of(billId, i, item.description(),
                                utc(item.renderedAt()), item.invoiceNumber(),
                                item.amount().value()));
                    }
                    return client.preparedQuery(INSERT_BILL_ITEM).executeBatch(items)
                            .map(x -> billId);
                });
    }

    /**
     * What the caller adds to the transaction of a new (not replayed) advance: the state move,
     * the timeline and the disbursement order in the outbox, so that all of it commits with the
     * ledger or none of it does.
     */
    @FunctionalInterface
    public interface AfterAdvance {
        Future<Void> run(SqlClient tx, AdvanceApplication application, AdvanceOutcome outcome);
    }

    /**
     * Carries out one payment instruction exactly once. In one transaction: locks the
     * application (every payment, bill and move of one application is serialised by this lock,
     * always taken first, so no two of them deadlock), claims the idempotency key (a retry gets
     * the first result, a reused key a conflict), checks the payer is still named with the same
     * liability and that the bill has that much left, locks the (person, payer) headroom row,
     * decides with {@link AdvanceDecision}, adds what is paid to the headroom, posts it to the
     * ledger and runs {@code after}.
     *
     * @throws DomainException       (failed future) when the key was used for another
     *                                      request
     * @throws DomainException        (failed future) for an unknown application or bill,
     *                                      a payer not named on it, or more than the bill's rest
     */
    public Future<AdvanceOutcome> recordAdvance(AdvanceCommand c, AfterAdvance after) {
        UUID instructionId = UUID.randomUUID();
        return pool.withTransaction(tx -> lockApplication(tx, c.applicationId())
                .compose(found -> {
                    AdvanceApplication app = found.orElseThrow(() -> PaymentError.UNKNOWN_APPLICATION.error("applicationId",
                            "no application " + c.applicationId()));
                    return requireBillOf(tx, c).compose(x -> tx.preparedQuery(CLAIM_KEY)
                            .execute(Tuple.from(new Object[] {instructionId, c.key().value(),
                                    c.fingerprint().sha256Hex(), c.applicationId(),
                                    c.billId().orElse(null), c.payerId(), c.requested().value(),
                                    utc(c.at())}))
                            .compose(claimed -> claimed.size() == 1
                                    ? executeAdvance(tx, instructionId, c)
                                            .compose(outcome -> after.run(tx, app, outcome)
                                                    .map(outcome))
                                    : replay(tx, c)));
                }));
    }

    /** Without follow-up work: for tests of the payment rules alone. */
    public Future<AdvanceOutcome> recordAdvance(AdvanceCommand c) {
        return recordAdvance(c, (tx, app, outcome) -> Future.succeededFuture());
    }

    private Future<Void> requireBillOf(SqlClient tx, AdvanceCommand c) {
        if (c.billId().isEmpty()) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery(BILL_REMAINING).execute(Tuple.of(c.billId().get(),
                c.applicationId())).map(rows -> {
                    if (rows.size() == 0) {
                        throw PaymentError.UNKNOWN_BILL.error("billId",
                                "application " + c.applicationId() + " has no bill "
                                        + c.billId().get());
                    }
                    return null;
                });
    }

    private Future<Void> requireStillPayable(SqlClient tx, AdvanceCommand c) {
        Future<Void> payer = tx.preparedQuery(PAYER_ON_APPLICATION)
                .execute(Tuple.of(c.applicationId(), c.payerId())).map(rows -> {
                    if (rows.size() == 0) {
                        throw PaymentError.PAYER_NOT_NAMED.error("payerId",
                                "the police notice of this application does not name payer '"
                                        + c.payerId() + "'");
                    }
                    String now = rows.iterator().next().getString(0);
                    if (!now.equals(c.liability().name())) {
                        throw PaymentError.LIABILITY_CHANGED.error("payerId",
                                "the liability of payer '" + c.payerId() + "' changed to " + now
                                        + " while this payment was prepared; send it again");
                    }
                    return null;
                });
        if (c.billId().isEmpty()) {
            return payer;
        }
        return payer.compose(x -> tx.preparedQuery(BILL_REMAINING)
                .execute(Tuple.of(c.billId().get(), c.applicationId())).map(rows -> {
                    long remaining = rows.iterator().next().getLong(0);
                    if (c.requested().value() > remaining) {
                        throw PaymentError.AMOUNT_EXCEEDS_BILL.error("amountFen",
                                "amountFen " + c.requested().value() + " is more than the "
                                        + remaining + " fen left unpaid on bill "
                                        + c.billId().get());
                    }
                    return null;
                }));
    }

    private Future<AdvanceOutcome> replay(SqlClient tx, AdvanceCommand c) {
        return tx.preparedQuery(BY_KEY).execute(Tuple.of(c.key().value())).map(rows -> {
            Row row = rows.iterator().next();
            boolean finished = row.getString("excess_handling") != null;
            UUID id = row.getUUID("id");
            var stored = new IdempotencyRule.StoredRequest(
                    new RequestFingerprint(row.getString("request_fingerprint")),
                    finished ? Optional.of(id.toString()) : Optional.empty());
            IdempotencyRule.Outcome outcome = IdempotencyRule.decide(Optional.of(stored),
                    c.fingerprint());
            if (outcome.isConflict()) {
                throw IdempotencyRule.conflict(outcome);
            }
            var decision = new AdvanceDecision(Fen.of(row.getLong("paid_fen")),
                    Fen.of(row.getLong("excess_fen")),
                    ExcessHandling.valueOf(row.getString("excess_handling")));
            return new AdvanceOutcome(id, decision,
                    Optional.ofNullable(row.getUUID("posting_id")), true);
        });
    }

    private Future<AdvanceOutcome> executeAdvance(SqlClient tx, UUID instructionId,
            AdvanceCommand c) {
        Tuple person = Tuple.of(c.caseId(), c.injuredPersonId(), c.payerId());
        return requireStillPayable(tx, c)
                .compose(x -> tx.preparedQuery(ENSURE_HEADROOM).execute(person))
                .compose(x -> tx.preparedQuery(LOCK_HEADROOM).execute(person))
                .compose(rows -> {
                    Fen alreadyPaid = Fen.of(rows.iterator().next().getLong(0));
                    AdvanceDecision decision = AdvanceDecision.decide(c.payerKind(),
                            c.liability(), c.limit(), alreadyPaid, c.requested());
                    if (!decision.paysAnything()) {
                        return finish(tx, instructionId, decision, Optional.empty(), c.at());
                    }
                    UUID postingId = UUID.randomUUID();
                    Posting posting = Posting.advanceApproved(postingId.toString(), c.payerId(),
                            c.hospitalId(), c.applicationId().toString(), c.injuredPersonId(),
                            c.at(), decision.payNow());
                    return tx.preparedQuery(ADD_TO_HEADROOM)
                            .execute(Tuple.of(c.caseId(), c.injuredPersonId(), c.payerId(),
                                    decision.payNow().value(),
                                    c.limit().cap().map(Fen::value).orElse(null), utc(c.at())))
                            .compose(x -> insertPosting(tx, posting, c.caseId(),
                                    Optional.of(instructionId)))
                            .compose(x -> finish(tx, instructionId, decision,
                                    Optional.of(postingId), c.at()));
                });
    }

    private Future<AdvanceOutcome> finish(SqlClient tx, UUID instructionId,
            AdvanceDecision decision, Optional<UUID> postingId, Instant at) {
        return tx.preparedQuery(FINISH_INSTRUCTION)
                .execute(Tuple.of(instructionId, decision.payNow().value(),
                        decision.excess().value(), decision.excessHandling().name(),
                        postingId.orElse(null), utc(at)))
                .map(x -> new AdvanceOutcome(instructionId, decision, postingId, false));
    }

    /**
     * Appends a posting and its two entries; the database checks the balance at commit.
     *
     * @param instructionId the payment instruction the posting carries out, if any
     */
    public Future<Void> insertPosting(SqlClient client, Posting p, String caseId,
            Optional<UUID> instructionId) {
        Tuple posting = Tuple.of(UUID.fromString(p.id()), p.kind().name(), p.payerId(),
                UUID.fromString(p.applicationId()), caseId, p.injuredPersonId(),
                utc(p.postedAt()), p.amount().value(),
                p.reversalOf().map(UUID::fromString).orElse(null), instructionId.orElse(null));
        List<Tuple> entries = p.entries().stream()
                .map(e -> Tuple.of(UUID.fromString(p.id()), e.side().name(),
                        e.account().type().name(), e.account().ownerId(), e.account().key(),
                        e.amount().value()))
                .toList();
        return client.preparedQuery(INSERT_POSTING).execute(posting)
                .compose(x -> client.preparedQuery(INSERT_ENTRY).executeBatch(entries))
                .mapEmpty();
    }

    /**
     * Reverses an approved advance (a correction, 冲正): appends the mirror posting and gives the
     * amount back to the (person, payer) headroom, under the same lock as payments. A posting
     * can be reversed once; a second attempt fails on the UNIQUE reversal_of.
     */
    public Future<Posting> reverseAdvance(UUID postingId, Instant at) {
        return pool.withTransaction(tx -> reverseIn(tx, postingId, at));
    }

    /** What the caller adds to the transaction of a reversal: the timeline, a cancel order. */
    @FunctionalInterface
    public interface AfterReversal {
        Future<Void> run(SqlClient tx, AdvanceApplication application, Posting reversal);
    }

    /**
     * Corrects the advance of a payment instruction that has not been paid out yet: locks the
     * application first (as payments do), refuses once the bank confirmed the transfer, then
     * reverses the posting as {@link #reverseAdvance} does and runs {@code after}.
     */
    public Future<Posting> reverseInstruction(UUID instructionId, Instant at,
            AfterReversal after) {
        return pool.preparedQuery(INSTRUCTION_POSTING).execute(Tuple.of(instructionId))
                .compose(found -> {
                    if (found.size() == 0) {
                        throw PaymentError.UNKNOWN_INSTRUCTION.error("instructionId",
                                "no payment instruction " + instructionId);
                    }
                    Row row = found.iterator().next();
                    UUID postingId = row.getUUID("posting_id");
                    if (postingId == null) {
                        throw PaymentError.NOTHING_TO_REVERSE.error("instructionId",
                                "instruction " + instructionId + " paid nothing");
                    }
                    return pool.withTransaction(tx -> lockApplication(tx,
                            row.getUUID("application_id"))
                            .compose(app -> tx.preparedQuery(DISBURSEMENT_OF)
                                    .execute(Tuple.of(instructionId)).compose(disbursed -> {
                                        if (disbursed.size() > 0) {
                                            throw PaymentError.ALREADY_DISBURSED.error("instructionId", "the hospital has been paid"
                                                            + " for instruction " + instructionId
                                                            + "; recover the money instead");
                                        }
                                        return reverseIn(tx, postingId, at);
                                    })
                                    .compose(reversal -> after.run(tx, app.orElseThrow(),
                                            reversal).map(reversal))));
                });
    }

    private Future<Posting> reverseIn(SqlClient tx, UUID postingId, Instant at) {
        return tx.preparedQuery(LOCK_POSTING)
                .execute(Tuple.of(postingId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        throw PaymentError.UNKNOWN_POSTING.error("postingId",
                                "no ledger posting " + postingId);
                    }
                    Row row = rows.iterator().next();
                    Posting original = toPosting(row);
                    if (original.kind() != PostingKind.ADVANCE_APPROVED) {
                        throw PaymentError.NOT_REVERSIBLE.error("postingId",
                                "only an approved advance can be reversed here, not "
                                        + original.kind());
                    }
                    String caseId = row.getString("case_id");
                    Posting reversal = original.reverse(UUID.randomUUID().toString(), at);
                    Tuple person = Tuple.of(caseId, original.injuredPersonId(),
                            original.payerId());
                    return tx.preparedQuery(REVERSAL_OF).execute(Tuple.of(postingId))
                            .map(found -> {
                                if (found.size() > 0) {
                                    throw PaymentError.ALREADY_REVERSED.error("postingId", "posting " + postingId
                                                    + " is already reversed");
                                }
                                return found;
                            })
                            .compose(x -> tx.preparedQuery(LOCK_HEADROOM).execute(person))
                            .compose(x -> tx.preparedQuery(GIVE_BACK_TO_HEADROOM).execute(
                                    Tuple.of(caseId, original.injuredPersonId(),
                                            original.payerId(), original.amount().value(),
                                            utc(at))))
                            .compose(x -> insertPosting(tx, reversal, caseId, Optional.empty()))
                            .map(x -> reversal);
                });
    }

    private static Posting toPosting(Row row) {
        String payerId = row.getString("payer_id");
        LedgerAccount debit = new LedgerAccount(AccountType.valueOf(row.getString(9)), row.getString(10));
        LedgerAccount credit = new LedgerAccount(AccountType.valueOf(row.getString(11)), row.getString(12));
        UUID reversalOf = row.getUUID("reversal_of");
        return new Posting(row.getUUID("id").toString(), PostingKind.valueOf(row.getString("kind")),
                payerId, row.getUUID("application_id").toString(),
                row.getString("injured_person_id"), instant(row, "posted_at"), debit, credit,
                Fen.of(row.getLong("amount_fen")),
                Optional.ofNullable(reversalOf).map(UUID::toString));
    }

    /** A recorded disbursement; {@code repeated} when the confirmation had come before. */
    public record Disbursement(UUID postingId, boolean repeated, UUID instructionId,
            String payerId, Fen amount) {
    }

    /** What the caller adds to the transaction of a first confirmation: the move, the timeline. */
    @FunctionalInterface
    public interface AfterDisbursement {
        Future<Void> run(SqlClient tx, AdvanceApplication application, Disbursement disbursement);
    }

    public Future<UUID> recordDisbursement(UUID instructionId, Instant at) {
        return recordDisbursement(instructionId, at, (tx, app, d) -> Future.succeededFuture())
                .map(Disbursement::postingId);
    }

    /**
     * Records that the payer's bank has paid the hospital for an instruction (the payer's
     * confirmation of the outbox order): debit the hospital's receivable, credit the payer's
     * settlement. A repeated confirmation returns the first posting and posts nothing. The
     * application is locked first, as in {@link #recordAdvance}.
     */
    public Future<Disbursement> recordDisbursement(UUID instructionId, Instant at,
            AfterDisbursement after) {
        return pool.preparedQuery(INSTRUCTION_APPLICATION).execute(Tuple.of(instructionId))
                .compose(found -> {
                    if (found.size() == 0) {
                        throw PaymentError.UNKNOWN_INSTRUCTION.error("instructionId",
                                "no payment instruction " + instructionId);
                    }
                    UUID applicationId = found.iterator().next().getUUID(0);
                    return pool.withTransaction(tx -> lockApplication(tx, applicationId)
                            .compose(app -> disburse(tx, instructionId, at)
                                    .compose(d -> d.repeated() ? Future.succeededFuture(d)
                                            : after.run(tx, app.orElseThrow(), d).map(d))));
                });
    }

    private Future<Disbursement> disburse(SqlClient tx, UUID instructionId, Instant at) {
        return tx.preparedQuery(LOCK_PAID_INSTRUCTION).execute(Tuple.of(instructionId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        throw PaymentError.NOTHING_TO_DISBURSE.error("instructionId",
                                "instruction " + instructionId + " paid 0 fen");
                    }
                    Row row = rows.iterator().next();
                    String payerId = row.getString("payer_id");
                    Fen amount = Fen.of(row.getLong("paid_fen"));
                    return tx.preparedQuery(DISBURSEMENT_OF).execute(Tuple.of(instructionId))
                            .compose(existing -> {
                                if (existing.size() > 0) {
                                    return Future.succeededFuture(new Disbursement(
                                            existing.iterator().next().getUUID(0), true,
                                            instructionId, payerId, amount));
                                }
                                UUID postingId = UUID.randomUUID();
                                Posting posting = Posting.disbursed(postingId.toString(),
                                        payerId, row.getString("hospital_id"),
                                        row.getUUID("application_id").toString(),
                                        row.getString("injured_person_id"), at, amount);
                                return insertPosting(tx, posting, row.getString("case_id"),
                                        Optional.of(instructionId)).map(x -> new Disbursement(
                                                postingId, false, instructionId, payerId,
                                                amount));
                            });
                });
    }

    /** The stored entries of postings in {@code [from, to)}, for {@link Reconciliation}. */
    public Future<List<LedgerEntry>> entriesBetween(Instant from, Instant to) {
        return pool.preparedQuery(ENTRIES_BETWEEN).execute(Tuple.of(utc(from), utc(to)))
                .map(rows -> {
                    List<LedgerEntry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(new LedgerEntry(
                            row.getUUID("posting_id").toString(), row.getString("payer_id"),
                            instant(row, "posted_at"),
                            new LedgerAccount(AccountType.valueOf(row.getString("account_type")),
                                    row.getString("account_owner")),
                            Side.valueOf(row.getString("side")),
                            Fen.of(row.getLong("amount_fen")))));
                    return entries;
                });
    }

    public Future<Void> registerHospital(String id, String name, boolean active) {
        return pool.preparedQuery(UPSERT_HOSPITAL).execute(Tuple.of(id, name, active)).mapEmpty();
    }

    /** Creates a payer or renames it; the stored kind (which never changes) is returned. */
    public Future<PayerKind> registerPayer(SqlClient client, String id, PayerKind kind,
            String name) {
        return client.preparedQuery(UPSERT_PAYER).execute(Tuple.of(id, kind.name(), name))
                .map(rows -> PayerKind.valueOf(rows.iterator().next().getString(0)));
    }

    /** A registered payer as {id, kind, name}. */
    public Future<Optional<JsonObject>> payer(String id) {
        return rows(pool, PAYER, Tuple.of(id)).map(list -> list.stream().findFirst());
    }

    public Future<List<JsonObject>> hospitals() {
        return rows(pool, HOSPITALS, Tuple.tuple());
    }

    public Future<List<JsonObject>> payers() {
        return rows(pool, PAYERS, Tuple.tuple());
    }

    public Future<Optional<JsonObject>> applicationView(UUID id) {
        return rows(pool, APPLICATION_VIEW, Tuple.of(id)).map(list -> list.stream().findFirst());
    }

    /** Everyone's applications for staff, newest first (at most 500). */
    public Future<List<JsonObject>> applications() {
        return rows(pool, ALL_APPLICATIONS, Tuple.tuple());
    }

    /** Those the account applied for, or that an officer opened with the account's phone. */
    public Future<List<JsonObject>> applicationsOf(UUID accountId) {
        return rows(pool, APPLICANTS_APPLICATIONS, Tuple.of(accountId));
    }

    public Future<Boolean> isApplicant(UUID applicationId, UUID accountId) {
        return pool.preparedQuery(IS_APPLICANT).execute(Tuple.of(applicationId, accountId))
                .map(rows -> rows.size() > 0);
    }

    public Future<List<JsonObject>> applicationPayers(UUID applicationId) {
        return applicationPayers(pool, applicationId);
    }

    /** The payers the police notice names, with liability, fund grounds and what each paid. */
    public Future<List<JsonObject>> applicationPayers(SqlClient client, UUID applicationId) {
        return rows(client, APPLICATION_PAYERS, Tuple.of(applicationId));
    }

    /**
     * The accident case with this case number or id, as {id, caseNo, occurredAt, state,
     * parties: [{label, plate, insurerCode}]}; empty when Anxing has no such case.
     */
    public Future<Optional<JsonObject>> accidentCase(String caseNoOrId) {
        return rows(pool, ACCIDENT_CASE, Tuple.of(caseNoOrId)).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.<JsonObject>empty());
            }
            JsonObject accident = found.get(0);
            return rows(pool, ACCIDENT_PARTIES, Tuple.of(UUID.fromString(accident
                    .getString("id")))).map(parties -> Optional.of(accident.put("parties",
                            new io.vertx.core.json.JsonArray(new ArrayList<>(parties)))));
        });
    }

    /** The payer of an instruction as {payerId, kind}, if the instruction exists. */
    public Future<Optional<JsonObject>> instructionPayer(UUID instructionId) {
        return rows(pool, INSTRUCTION_PAYER, Tuple.of(instructionId))
                .map(list -> list.stream().findFirst());
    }

    public Future<List<JsonObject>> applicationBills(UUID applicationId) {
        return rows(pool, APPLICATION_BILLS, Tuple.of(applicationId));
    }

    public Future<List<Instant>> billItemTimes(UUID billId) {
        return pool.preparedQuery(BILL_ITEM_TIMES).execute(Tuple.of(billId)).map(rows -> {
            List<Instant> times = new ArrayList<>();
            rows.forEach(row -> times.add(instant(row, "rendered_at")));
            return times;
        });
    }

    public Future<List<JsonObject>> applicationInstructions(UUID applicationId) {
        return rows(pool, APPLICATION_INSTRUCTIONS, Tuple.of(applicationId));
    }

    /** Advances of the application that were approved and not yet confirmed as paid out. */
    public Future<Long> undisbursed(SqlClient client, UUID applicationId) {
        return client.preparedQuery(UNDISBURSED).execute(Tuple.of(applicationId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Future<List<JsonObject>> timelineView(UUID applicationId) {
        return rows(pool, TIMELINE_VIEW, Tuple.of(applicationId));
    }

    /** The timeline events of the account's applications after event {@code afterId}. */
    public Future<List<JsonObject>> notifications(UUID accountId, long afterId) {
        return rows(pool, NOTIFICATIONS, Tuple.of(accountId, afterId));
    }

    public Future<List<JsonObject>> overdueNoticeView(Instant now) {
        return rows(pool, OVERDUE_NOTICE_VIEW, Tuple.of(utc(now)));
    }

    public Future<List<JsonObject>> overdueReviewView(Instant now) {
        return rows(pool, OVERDUE_REVIEW_VIEW, Tuple.of(utc(now)));
    }

    private static Future<List<JsonObject>> rows(SqlClient client, String sql, Tuple params) {
        return client.preparedQuery(sql).execute(params).map(rows -> {
            List<JsonObject> list = new ArrayList<>();
            rows.forEach(row -> list.add(json(row)));
            return list;
        });
    }

    /** A row as JSON: camelCase keys, times as ISO instants, ids and arrays as text. */
    private static JsonObject json(Row row) {
        JsonObject out = new JsonObject();
        for (int i = 0; i < row.size(); i++) {
            Object value = row.getValue(i);
            if (value instanceof OffsetDateTime t) {
                value = t.toInstant().toString();
            } else if (value instanceof UUID u) {
                value = u.toString();
            } else if (value instanceof Object[] array) {
                value = new io.vertx.core.json.JsonArray(java.util.Arrays.asList(array));
            }
            out.put(camel(row.getColumnName(i)), value);
        }
        return out;
    }

    private static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }
}
