package cn.anxing.payment.rules;

import java.util.Objects;

/**
 * How much of a requested advance (垫付) one payer may pay now for one injured person, given what
 * it has already paid for that person, and what becomes of the rest.
 *
 * <p>A pure function: the repository calls it while it holds the (person, payer) headroom row
 * locked, so that two bills approved at the same moment cannot together exceed the limit.
 *
 * @param payNow what may be paid now, never above the remaining headroom
 * @param excess what is not paid now ({@code requested - payNow})
 * @param excessHandling what happens to {@code excess}; {@link ExcessHandling#NONE} when zero
 */
public record AdvanceDecision(Fen payNow, Fen excess, ExcessHandling excessHandling) {

    public AdvanceDecision {
        Objects.requireNonNull(payNow, "payNow");
        Objects.requireNonNull(excess, "excess");
        Objects.requireNonNull(excessHandling, "excessHandling");
        if (excess.isZero() != (excessHandling == ExcessHandling.NONE)) {
            throw new IllegalArgumentException(
                    "an excess needs a handling and no excess needs none: " + excess + ", "
                            + excessHandling);
        }
    }

    /**
     * @param payerKind   who pays
     * @param liability   the liability of the insurer's vehicle (ignored for the fund)
     * @param limit       the payer's limit for this person, from {@link PayerLimitRule}
     * @param alreadyPaid the sum already paid (or approved and not reversed) by this payer for
     *                    this person
     * @param requested   the amount asked for now; must be positive
     */
    public static AdvanceDecision decide(PayerKind payerKind, LiabilityState liability,
            PayerLimit limit, Fen alreadyPaid, Fen requested) {
        if (!requested.isPositive()) {
            throw PaymentError.AMOUNT_ZERO.error("amountFen",
                    "an advance must be for more than 0 fen");
        }
        Fen headroom = limit.headroomAfter(alreadyPaid).orElse(requested);
        Fen payNow = requested.min(headroom);
        Fen excess = requested.minus(payNow);
        if (excess.isZero()) {
            return new AdvanceDecision(payNow, excess, ExcessHandling.NONE);
        }
        return new AdvanceDecision(payNow, excess, excessHandling(payerKind, liability));
    }

    private static ExcessHandling excessHandling(PayerKind payerKind, LiabilityState liability) {
        if (payerKind == PayerKind.ASSISTANCE_FUND) {
            return ExcessHandling.REFUSED;
        }
        return switch (liability) {
            case LIABLE -> ExcessHandling.REFER_TO_FUND;
            case UNDETERMINED -> ExcessHandling.AWAIT_LIABILITY;
            case NOT_LIABLE -> ExcessHandling.REFUSED;
        };
    }

    public boolean paysAnything() {
        return payNow.isPositive();
    }
}
