package cn.anxing.payment.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One movement of money in the double-entry ledger: a debit and a credit of the same amount, both
 * in fen, for one payer, tied to one injured person and one application. Postings are only ever
 * appended; a mistake is corrected by a {@link #reverse reversal}, never by editing or deleting.
 *
 * @param reversalOf the id of the posting this one reverses, for {@link PostingKind#REVERSAL}
 */
public record Posting(
        String id,
        PostingKind kind,
        String payerId,
        String applicationId,
        String injuredPersonId,
        Instant postedAt,
        LedgerAccount debit,
        LedgerAccount credit,
        Fen amount,
        Optional<String> reversalOf) {

    public Posting {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payerId, "payerId");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(injuredPersonId, "injuredPersonId");
        Objects.requireNonNull(postedAt, "postedAt");
        Objects.requireNonNull(debit, "debit");
        Objects.requireNonNull(credit, "credit");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reversalOf, "reversalOf");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a posting moves more than 0 fen: " + amount);
        }
        if (debit.equals(credit)) {
            throw new IllegalArgumentException("a posting moves money between two accounts, not "
                    + "within " + debit.key());
        }
        if ((kind == PostingKind.REVERSAL) != reversalOf.isPresent()) {
            throw new IllegalArgumentException(
                    "a reversal, and only a reversal, names the posting it reverses");
        }
    }

    /** An advance approved by {@code payerId} for a bill of {@code hospitalId}. */
    public static Posting advanceApproved(String id, String payerId, String hospitalId,
            String applicationId, String injuredPersonId, Instant at, Fen amount) {
        return new Posting(id, PostingKind.ADVANCE_APPROVED, payerId, applicationId,
                injuredPersonId, at, LedgerAccount.payerAdvances(payerId),
                LedgerAccount.hospitalReceivable(hospitalId), amount, Optional.empty());
    }

    /** The payer's bank has paid {@code hospitalId}. */
    public static Posting disbursed(String id, String payerId, String hospitalId,
            String applicationId, String injuredPersonId, Instant at, Fen amount) {
        return new Posting(id, PostingKind.DISBURSED, payerId, applicationId, injuredPersonId,
                at, LedgerAccount.hospitalReceivable(hospitalId),
                LedgerAccount.payerSettlement(payerId),
                amount, Optional.empty());
    }

    /**
     * The correction of this posting: the same amount with debit and credit swapped, so the two
     * together leave every account as before. A reversal itself is not reversed; a correction of
     * a correction is a new posting.
     */
    public Posting reverse(String reversalId, Instant at) {
        if (kind == PostingKind.REVERSAL) {
            throw new IllegalStateException("posting " + id + " is a reversal; post anew instead");
        }
        if (at.isBefore(postedAt)) {
            throw new IllegalArgumentException("a reversal cannot precede the posting it reverses");
        }
        return new Posting(reversalId, PostingKind.REVERSAL, payerId, applicationId,
                injuredPersonId, at, credit, debit, amount, Optional.of(id));
    }

    /** The two rows stored for this posting. */
    public List<LedgerEntry> entries() {
        return List.of(
                new LedgerEntry(id, payerId, postedAt, debit, Side.DEBIT, amount),
                new LedgerEntry(id, payerId, postedAt, credit, Side.CREDIT, amount));
    }
}
