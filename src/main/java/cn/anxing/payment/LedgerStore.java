package cn.anxing.payment;

import static cn.anxing.payment.Rows.instant;
import static cn.anxing.payment.Rows.utc;

import cn.anxing.payment.rules.AccountType;
import cn.anxing.payment.rules.AdvanceApplication;
import cn.anxing.payment.rules.AdvanceCommand;
import cn.anxing.payment.rules.AdvanceDecision;
import cn.anxing.payment.rules.AdvanceOutcome;
import cn.anxing.payment.rules.ExcessHandling;
import cn.anxing.payment.rules.Fen;
import cn.anxing.payment.rules.IdempotencyRule;
import cn.anxing.payment.rules.LedgerAccount;
import cn.anxing.payment.rules.LedgerEntry;
import cn.anxing.payment.rules.PaymentError;
import cn.anxing.payment.rules.Posting;
import cn.anxing.payment.rules.PostingKind;
import cn.anxing.payment.rules.RequestFingerprint;
import cn.anxing.payment.rules.Side;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The money of the medical advance payments in PostgreSQL ({@code V20__payments.sql}): payment
 * instructions under their payer's idempotency keys, the (person, payer) headroom, and the
 * append-only double-entry ledger. {@link #recordAdvance}, {@link #reverseInstruction} and
 * {@link #recordDisbursement} open their own transaction, because the application lock, the
 * headroom lock, the ledger and the caller's outbox message must commit together; each takes
 * the application lock first, so no two of them deadlock.
 */
public final class LedgerStore {

    private static final String CLAIM_KEY = """
            INSERT INTO payment_instruction (id, idempotency_key, request_fingerprint,
                application_id, bill_id, payer_id, requested_fen, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (payer_id, idempotency_key) DO NOTHING
            RETURNING id""";
    private static final String BY_KEY = """
            SELECT id, request_fingerprint, paid_fen, excess_fen, excess_handling, posting_id
            FROM payment_instruction WHERE payer_id = $1 AND idempotency_key = $2""";
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
    private static final String UNDISBURSED = """
            SELECT count(*) FROM payment_instruction i
            WHERE i.application_id = $1 AND i.paid_fen > 0
              AND NOT EXISTS (SELECT 1 FROM ledger_posting d WHERE d.instruction_id = i.id
                  AND d.kind = 'DISBURSED')
              AND NOT EXISTS (SELECT 1 FROM ledger_posting r WHERE r.reversal_of = i.posting_id)""";

    private final Pool pool;
    private final ApplicationStore applications;

    public LedgerStore(Pool pool, ApplicationStore applications) {
        this.pool = pool;
        this.applications = applications;
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
     * always taken first, so no two of them deadlock), claims the payer's idempotency key (a
     * retry gets the first result, a reused key a conflict; another payer's same key is another
     * request), checks the payer is still named with the same liability and that the bill has
     * that much left, locks the (person, payer) headroom row, decides with
     * {@link AdvanceDecision}, adds what is paid to the headroom, posts it to the ledger and runs
     * {@code after}.
     *
     * @throws cn.anxing.error.DomainException (failed future) when the key was used for another
     *         request, for an unknown application or bill, a payer not named on it, or more than
     *         the bill's rest
     */
    public Future<AdvanceOutcome> recordAdvance(AdvanceCommand c, AfterAdvance after) {
        UUID instructionId = UUID.randomUUID();
        return pool.withTransaction(tx -> applications.lockApplication(tx, c.applicationId())
                .compose(found -> {
                    AdvanceApplication app = found.orElseThrow(() ->
                            PaymentError.UNKNOWN_APPLICATION.error("applicationId",
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
        return tx.preparedQuery(BY_KEY).execute(Tuple.of(c.payerId(), c.key().value()))
                .map(rows -> {
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
                        throw unknownInstruction(instructionId);
                    }
                    Row row = found.iterator().next();
                    UUID postingId = row.getUUID("posting_id");
                    if (postingId == null) {
                        throw PaymentError.NOTHING_TO_REVERSE.error("instructionId",
                                "instruction " + instructionId + " paid nothing");
                    }
                    return pool.withTransaction(tx -> applications.lockApplication(tx,
                            row.getUUID("application_id"))
                            .compose(app -> tx.preparedQuery(DISBURSEMENT_OF)
                                    .execute(Tuple.of(instructionId)).compose(disbursed -> {
                                        if (disbursed.size() > 0) {
                                            throw PaymentError.ALREADY_DISBURSED.error(
                                                    "instructionId", "the hospital has been paid"
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
                                    throw PaymentError.ALREADY_REVERSED.error("postingId",
                                            "posting " + postingId + " is already reversed");
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
        var debit = new LedgerAccount(AccountType.valueOf(row.getString(9)), row.getString(10));
        var credit = new LedgerAccount(AccountType.valueOf(row.getString(11)),
                row.getString(12));
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
                        throw unknownInstruction(instructionId);
                    }
                    UUID applicationId = found.iterator().next().getUUID(0);
                    return pool.withTransaction(tx -> applications
                            .lockApplication(tx, applicationId)
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

    /** Advances of the application that were approved and not yet confirmed as paid out. */
    public Future<Long> undisbursed(SqlClient client, UUID applicationId) {
        return client.preparedQuery(UNDISBURSED).execute(Tuple.of(applicationId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The stored entries of postings in {@code [from, to)}, for {@code Reconciliation}. */
    public Future<List<LedgerEntry>> entriesBetween(Instant from, Instant to) {
        return Rows.list(pool, ENTRIES_BETWEEN, Tuple.of(utc(from), utc(to)),
                row -> new LedgerEntry(row.getUUID("posting_id").toString(),
                        row.getString("payer_id"), instant(row, "posted_at"),
                        new LedgerAccount(AccountType.valueOf(row.getString("account_type")),
                                row.getString("account_owner")),
                        Side.valueOf(row.getString("side")), Fen.of(row.getLong("amount_fen"))));
    }

    static cn.anxing.error.DomainException unknownInstruction(UUID instructionId) {
        return PaymentError.UNKNOWN_INSTRUCTION.error("instructionId",
                "no payment instruction " + instructionId);
    }
}
