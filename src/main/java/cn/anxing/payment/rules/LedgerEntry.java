package cn.anxing.payment.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the ledger, as stored: half of a {@link Posting}. Entries carry the posting's id,
 * payer and time so that {@link Reconciliation} can check stored rows without trusting that they
 * were written in balanced pairs.
 */
public record LedgerEntry(
        String postingId, String payerId, Instant postedAt, LedgerAccount account, Side side,
        Fen amount) {

    public LedgerEntry {
        Objects.requireNonNull(postingId, "postingId");
        Objects.requireNonNull(payerId, "payerId");
        Objects.requireNonNull(postedAt, "postedAt");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(amount, "amount");
    }

    /** Debits count positive, credits negative: a balanced set of entries sums to zero. */
    public long signedFen() {
        return side == Side.DEBIT ? amount.value() : -amount.value();
    }
}
