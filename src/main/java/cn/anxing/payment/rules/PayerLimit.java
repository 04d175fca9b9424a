package cn.anxing.payment.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * The most one payer may advance for one injured person's medical costs, with the rule it comes
 * from in words. {@code cap} is empty when the payer has no cap (the assistance fund nationally).
 */
public record PayerLimit(Optional<Fen> cap, String basis) {

    public PayerLimit {
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(basis, "basis");
    }

    public static PayerLimit capped(Fen cap, String basis) {
        return new PayerLimit(Optional.of(cap), basis);
    }

    public static PayerLimit uncapped(String basis) {
        return new PayerLimit(Optional.empty(), basis);
    }

    public boolean isCapped() {
        return cap.isPresent();
    }

    /**
     * What may still be paid after {@code alreadyPaid}; empty when there is no cap. Never
     * negative, even if a lowered configuration leaves more paid than the cap now allows.
     */
    public Optional<Fen> headroomAfter(Fen alreadyPaid) {
        return cap.map(c -> c.minusFloorZero(alreadyPaid));
    }
}
