package cn.anxing.payment.rules;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of the Road Traffic Accident Social Assistance Fund (道路交通事故社会救助基金) for
 * accidents in {@code [effectiveFrom, effectiveUntil)}: it advances rescue costs (抢救费用)
 * incurred within {@code rescueWindow} of the accident (168 hours since 2022, 72 before).
 *
 * @param perPersonCap empty nationally (the fund has no per-person cap); a province may set one
 */
public record FundRules(
        LocalDate effectiveFrom,
        Optional<LocalDate> effectiveUntil,
        Duration rescueWindow,
        Optional<Fen> perPersonCap,
        String source) {

    public FundRules {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(effectiveUntil, "effectiveUntil");
        Objects.requireNonNull(perPersonCap, "perPersonCap");
        if (rescueWindow.isNegative() || rescueWindow.isZero()) {
            throw new IllegalArgumentException("the fund's rescue window must be positive");
        }
    }

    public boolean appliesOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && effectiveUntil.map(date::isBefore).orElse(true);
    }
}
