package cn.anxing.payment.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Whether the assistance fund (救助基金) advances rescue costs for a vehicle, and whether a bill
 * item falls in its rescue window (168 hours since 2022).
 */
public final class FundEligibility {

    private FundEligibility() {
    }

    /**
     * The grounds on which the fund advances for this vehicle; empty means the insurer pays and
     * the fund does not.
     *
     * @param insured                  the vehicle has compulsory insurance in force
     * @param fled                     the driver fled the scene (hit-and-run, 逃逸), vehicle unknown
     * @param insuranceLimitExhausted  the insurer has paid up to its limit for this person
     */
    public static Set<FundGround> grounds(boolean insured, boolean fled,
            boolean insuranceLimitExhausted) {
        Set<FundGround> grounds = EnumSet.noneOf(FundGround.class);
        if (fled) {
            grounds.add(FundGround.HIT_AND_RUN);
        }
        if (!insured && !fled) {
            grounds.add(FundGround.UNINSURED);
        }
        if (insured && !fled && insuranceLimitExhausted) {
            grounds.add(FundGround.EXCEEDS_INSURANCE_LIMIT);
        }
        return grounds;
    }

    /**
     * Refuses, for the fund, a bill item incurred before the accident or after the rescue window.
     * The window is measured in hours from the accident's instant, not in calendar days.
     *
     * @param field the item's input path for the error, such as {@code items[3].renderedAt}
     * @throws cn.anxing.error.DomainException {@code BEFORE_ACCIDENT} or
     *         {@code OUTSIDE_RESCUE_WINDOW}
     */
    public static void requireWithinRescueWindow(Instant accidentAt, Instant renderedAt,
            FundRules rules, String field) {
        if (renderedAt.isBefore(accidentAt)) {
            throw PaymentError.BEFORE_ACCIDENT.error(field,
                    "the item is dated " + renderedAt + ", before the accident at " + accidentAt);
        }
        Instant windowEnd = accidentAt.plus(rules.rescueWindow());
        if (renderedAt.isAfter(windowEnd)) {
            long hours = Duration.between(accidentAt, renderedAt).toHours();
            throw PaymentError.OUTSIDE_RESCUE_WINDOW.error(field,
                    "the assistance fund advances rescue costs only within "
                            + rules.rescueWindow().toHours() + " hours of the accident; this item"
                            + " is dated " + hours + " hours after it (window ended " + windowEnd
                            + ")");
        }
    }
}
