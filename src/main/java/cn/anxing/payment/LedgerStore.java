package cn.anxing.payment;

import cn.anxing.payment.rules.AdvanceApplication;
import cn.anxing.payment.rules.AdvanceCommand;
import cn.anxing.payment.rules.AdvanceDecision;
import cn.anxing.payment.rules.AdvanceOutcome;
import cn.anxing.payment.rules.Fen;
import cn.anxing.payment.rules.LedgerEntry;
import cn.anxing.payment.rules.PaymentError;
import cn.anxing.payment.rules.Posting;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The money of the medical advance payments in PostgreSQL ({@code V20__payments.sql}): the
 * transactions that move it. {@link #recordAdvance}, {@link #reverseInstruction} and
 * {@link #recordDisbursement} open their own transaction, because the application lock, the
 * headroom lock, the ledger and the caller's outbox message must commit together; each takes
 * the application lock first, so no two of them deadlock. Within it, {@link InstructionStore}
 * holds the payer's idempotent instructions and {@link LedgerPostings} the double-entry postings
 * and the (person, payer) headroom.
 */
public final class LedgerStore {

    private final Pool pool;
    private final ApplicationStore applications;
    private final InstructionStore instructions = new InstructionStore();
    private final LedgerPostings postings = new LedgerPostings();

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
                    return instructions.requireBillOf(tx, c)
                            .compose(x -> instructions.claim(tx, instructionId, c))
                            .compose(claimed -> claimed
                                    ? executeAdvance(tx, instructionId, c)
                                            .compose(outcome -> after.run(tx, app, outcome)
                                                    .map(outcome))
                                    : instructions.replay(tx, c));
                }));
    }

    /** Without follow-up work: for tests of the payment rules alone. */
    public Future<AdvanceOutcome> recordAdvance(AdvanceCommand c) {
        return recordAdvance(c, (tx, app, outcome) -> Future.succeededFuture());
    }

    private Future<AdvanceOutcome> executeAdvance(SqlClient tx, UUID instructionId,
            AdvanceCommand c) {
        return instructions.requireStillPayable(tx, c)
                .compose(x -> postings.lockHeadroom(tx, c))
                .compose(alreadyPaid -> {
                    AdvanceDecision decision = AdvanceDecision.decide(c.payerKind(),
                            c.liability(), c.limit(), alreadyPaid, c.requested());
                    if (!decision.paysAnything()) {
                        return instructions.finish(tx, instructionId, decision,
                                Optional.empty(), c.at());
                    }
                    UUID postingId = UUID.randomUUID();
                    Posting posting = Posting.advanceApproved(postingId.toString(), c.payerId(),
                            c.hospitalId(), c.applicationId().toString(), c.injuredPersonId(),
                            c.at(), decision.payNow());
                    return postings.addToHeadroom(tx, c, decision.payNow())
                            .compose(x -> postings.insertPosting(tx, posting, c.caseId(),
                                    Optional.of(instructionId)))
                            .compose(x -> instructions.finish(tx, instructionId, decision,
                                    Optional.of(postingId), c.at()));
                });
    }

    /**
     * Reverses an approved advance (a correction, 冲正): appends the mirror posting and gives the
     * amount back to the (person, payer) headroom, under the same lock as payments. A posting
     * can be reversed once; a second attempt fails on the UNIQUE reversal_of.
     */
    public Future<Posting> reverseAdvance(UUID postingId, Instant at) {
        return pool.withTransaction(tx -> postings.reverse(tx, postingId, at));
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
        return instructions.postingOf(pool, instructionId)
                .compose(found -> {
                    if (found.size() == 0) {
                        throw InstructionStore.unknownInstruction(instructionId);
                    }
                    Row row = found.iterator().next();
                    UUID postingId = row.getUUID("posting_id");
                    if (postingId == null) {
                        throw PaymentError.NOTHING_TO_REVERSE.error("instructionId",
                                "instruction " + instructionId + " paid nothing");
                    }
                    return pool.withTransaction(tx -> applications.lockApplication(tx,
                            row.getUUID("application_id"))
                            .compose(app -> postings.disbursementOf(tx, instructionId)
                                    .compose(disbursed -> {
                                        if (disbursed.isPresent()) {
                                            throw PaymentError.ALREADY_DISBURSED.error(
                                                    "instructionId", "the hospital has been paid"
                                                            + " for instruction " + instructionId
                                                            + "; recover the money instead");
                                        }
                                        return postings.reverse(tx, postingId, at);
                                    })
                                    .compose(reversal -> after.run(tx, app.orElseThrow(),
                                            reversal).map(reversal))));
                });
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
        return instructions.applicationOf(pool, instructionId)
                .compose(applicationId -> pool.withTransaction(tx -> applications
                        .lockApplication(tx, applicationId)
                        .compose(app -> disburse(tx, instructionId, at)
                                .compose(d -> d.repeated() ? Future.succeededFuture(d)
                                        : after.run(tx, app.orElseThrow(), d).map(d)))));
    }

    private Future<Disbursement> disburse(SqlClient tx, UUID instructionId, Instant at) {
        return instructions.lockPaid(tx, instructionId)
                .compose(rows -> {
                    if (rows.size() == 0) {
                        throw PaymentError.NOTHING_TO_DISBURSE.error("instructionId",
                                "instruction " + instructionId + " paid 0 fen");
                    }
                    Row row = rows.iterator().next();
                    String payerId = row.getString("payer_id");
                    Fen amount = Fen.of(row.getLong("paid_fen"));
                    return postings.disbursementOf(tx, instructionId).compose(existing -> {
                        if (existing.isPresent()) {
                            return Future.succeededFuture(new Disbursement(existing.get(), true,
                                    instructionId, payerId, amount));
                        }
                        UUID postingId = UUID.randomUUID();
                        Posting posting = Posting.disbursed(postingId.toString(), payerId,
                                row.getString("hospital_id"),
                                row.getUUID("application_id").toString(),
                                row.getString("injured_person_id"), at, amount);
                        return postings.insertPosting(tx, posting, row.getString("case_id"),
                                Optional.of(instructionId)).map(x -> new Disbursement(postingId,
                                        false, instructionId, payerId, amount));
                    });
                });
    }

    /** Advances of the application that were approved and not yet confirmed as paid out. */
    public Future<Long> undisbursed(SqlClient client, UUID applicationId) {
        return instructions.undisbursed(client, applicationId);
    }

    /** The stored entries of postings in {@code [from, to)}, for {@code Reconciliation}. */
    public Future<List<LedgerEntry>> entriesBetween(Instant from, Instant to) {
        return postings.entriesBetween(pool, from, to);
    }
}
