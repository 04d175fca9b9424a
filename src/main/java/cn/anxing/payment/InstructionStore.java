package cn.anxing.payment;

import static cn.anxing.payment.Rows.utc;

import cn.anxing.error.DomainException;
import cn.anxing.payment.rules.AdvanceCommand;
import cn.anxing.payment.rules.AdvanceDecision;
import cn.anxing.payment.rules.AdvanceOutcome;
import cn.anxing.payment.rules.ExcessHandling;
import cn.anxing.payment.rules.Fen;
import cn.anxing.payment.rules.IdempotencyRule;
import cn.anxing.payment.rules.PaymentError;
import cn.anxing.payment.rules.RequestFingerprint;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Payment instructions under their payer's idempotency keys ({@code payment_instruction}): the
 * claim of a key, the replay of a retry, the checks that a payment is still allowed, and the
 * recorded result. Every method runs in the caller's transaction, which {@link LedgerStore}
 * opens under the application's lock; this class opens none and knows nothing of the ledger's
 * postings but their ids.
 */
final class InstructionStore {

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
    private static final String LOCK_PAID_INSTRUCTION = """
            SELECT i.payer_id, i.application_id, a.case_id, a.injured_person_id, a.hospital_id,
                i.paid_fen
            FROM payment_instruction i JOIN advance_application a ON a.id = i.application_id
            WHERE i.id = $1 AND i.paid_fen > 0 FOR UPDATE OF i""";
    private static final String INSTRUCTION_POSTING =
            "SELECT application_id, posting_id FROM payment_instruction WHERE id = $1";
    private static final String INSTRUCTION_APPLICATION =
            "SELECT application_id FROM payment_instruction WHERE id = $1";
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

    /** Claims the payer's key for a new instruction; false when the key was claimed before. */
    Future<Boolean> claim(SqlClient tx, UUID instructionId, AdvanceCommand c) {
        return tx.preparedQuery(CLAIM_KEY)
                .execute(Tuple.from(new Object[] {instructionId, c.key().value(),
                        c.fingerprint().sha256Hex(), c.applicationId(), c.billId().orElse(null),
                        c.payerId(), c.requested().value(), utc(c.at())}))
                .map(claimed -> claimed.size() == 1);
    }

    /** Fails when the command names a bill the application does not have. */
    Future<Void> requireBillOf(SqlClient tx, AdvanceCommand c) {
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

    /**
     * Fails when the payer is no longer named with the liability the command was prepared for,
     * or when the bill has less left than requested.
     */
    Future<Void> requireStillPayable(SqlClient tx, AdvanceCommand c) {
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

    /** The first result of a retried key; a conflict when the key was used for another request. */
    Future<AdvanceOutcome> replay(SqlClient tx, AdvanceCommand c) {
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

    /** Records what the instruction paid, what exceeded, and the posting that carries it. */
    Future<AdvanceOutcome> finish(SqlClient tx, UUID instructionId, AdvanceDecision decision,
            Optional<UUID> postingId, Instant at) {
        return tx.preparedQuery(FINISH_INSTRUCTION)
                .execute(Tuple.of(instructionId, decision.payNow().value(),
                        decision.excess().value(), decision.excessHandling().name(),
                        postingId.orElse(null), utc(at)))
                .map(x -> new AdvanceOutcome(instructionId, decision, postingId, false));
    }

    /** The instruction's application_id and posting_id (null when it paid nothing). */
    Future<RowSet<Row>> postingOf(SqlClient client, UUID instructionId) {
        return client.preparedQuery(INSTRUCTION_POSTING).execute(Tuple.of(instructionId));
    }

    /** The instruction's application, or a failed future when there is no such instruction. */
    Future<UUID> applicationOf(SqlClient client, UUID instructionId) {
        return client.preparedQuery(INSTRUCTION_APPLICATION).execute(Tuple.of(instructionId))
                .map(found -> {
                    if (found.size() == 0) {
                        throw unknownInstruction(instructionId);
                    }
                    return found.iterator().next().getUUID(0);
                });
    }

    /**
     * Locks an instruction that paid something, with its application's case, person and
     * hospital; empty rows when it paid nothing.
     */
    Future<RowSet<Row>> lockPaid(SqlClient tx, UUID instructionId) {
        return tx.preparedQuery(LOCK_PAID_INSTRUCTION).execute(Tuple.of(instructionId));
    }

    /** Advances of the application that were approved and not yet confirmed as paid out. */
    Future<Long> undisbursed(SqlClient client, UUID applicationId) {
        return client.preparedQuery(UNDISBURSED).execute(Tuple.of(applicationId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    static DomainException unknownInstruction(UUID instructionId) {
        return PaymentError.UNKNOWN_INSTRUCTION.error("instructionId",
                "no payment instruction " + instructionId);
    }
}
