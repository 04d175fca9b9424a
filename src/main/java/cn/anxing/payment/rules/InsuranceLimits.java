package cn.anxing.payment.rules;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One period of the compulsory-insurance schedule: the limits that apply to accidents whose
 * Asia/Shanghai date is in {@code [effectiveFrom, effectiveUntil)}, for an insured vehicle that is
 * liable (有责) and one that is not (无责).
 *
 * @param effectiveUntil exclusive end, empty for the period in force now
 */
public record InsuranceLimits(
        LocalDate effectiveFrom,
        Optional<LocalDate> effectiveUntil,
        CoverageLimits liable,
        CoverageLimits notLiable,
        String source) {

    public InsuranceLimits {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(effectiveUntil, "effectiveUntil");
        Objects.requireNonNull(liable, "liable");
        Objects.requireNonNull(notLiable, "notLiable");
    }

    public boolean appliesOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && effectiveUntil.map(date::isBefore).orElse(true);
    }
}
