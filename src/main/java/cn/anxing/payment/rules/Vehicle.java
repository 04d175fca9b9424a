package cn.anxing.payment.rules;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A vehicle involved in the accident as the police notice (垫付通知书) names it: its compulsory
 * insurer, or that it has none or fled, and the liability known so far.
 *
 * @param insurerId the payer id of its compulsory insurer; empty when uninsured or unknown (fled)
 */
public record Vehicle(Optional<String> plate, Optional<String> insurerId, boolean uninsured,
        boolean fled, LiabilityState liability) {

    public Vehicle {
        Objects.requireNonNull(plate, "plate");
        Objects.requireNonNull(insurerId, "insurerId");
        Objects.requireNonNull(liability, "liability");
    }

    /** Whether this vehicle's insurer pays; otherwise the assistance fund does. */
    public boolean insurerPays() {
        return fundGrounds().isEmpty();
    }

    /**
     * The grounds on which the fund advances for this vehicle; refuses a vehicle that is neither
     * insured nor said to be uninsured or fled.
     *
     * @param field the input path for the error, such as {@code vehicles[1]}
     */
    public Set<FundGround> fundGrounds(String field) {
        if (!fled && !uninsured && insurerId.isEmpty()) {
            throw PaymentError.INSURER_MISSING.error(field + ".insurerId",
                    "name the vehicle's compulsory insurer, or mark it uninsured or fled");
        }
        if (!fled && uninsured && insurerId.isPresent()) {
            throw PaymentError.INSURER_AND_UNINSURED.error(field + ".uninsured",
                    "a vehicle marked uninsured cannot also name an insurer");
        }
        return fundGrounds();
    }

    private Set<FundGround> fundGrounds() {
        return FundEligibility.grounds(!uninsured && insurerId.isPresent(), fled, false);
    }
}
