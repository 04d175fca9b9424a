package cn.anxing.payment.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.anxing.accident.liability.LiabilityGrade;
import cn.anxing.error.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayerLimitRuleTest {

    private final LimitSchedule schedule = LimitSchedule.loadDefault();

    @ParameterizedTest(name = "{0} with liability {1} on {2}: cap {3}")
    @CsvSource({
            // payer, liability grade (empty = undetermined), accident date, cap in fen (empty = none)
            "INSURER,         FULL,      2026-05-01, 1800000",
            "INSURER,         MAIN,      2026-05-01, 1800000",
            "INSURER,         EQUAL,     2026-05-01, 1800000",
            "INSURER,         SECONDARY, 2026-05-01, 1800000",
            "INSURER,         NONE,      2026-05-01, 180000",
            "INSURER,         ,          2026-05-01, 180000",
            "INSURER,         FULL,      2019-05-01, 1000000",
            "INSURER,         NONE,      2019-05-01, 100000",
            "INSURER,         ,          2019-05-01, 100000",
            "ASSISTANCE_FUND, ,          2026-05-01, ",
            "ASSISTANCE_FUND, FULL,      2026-05-01, ",
    })
    @DisplayName("Each payer's medical limit follows the vehicle's liability and the accident's date")
    void limits(PayerKind payer, LiabilityGrade grade, LocalDate date, Long cap) {
        LiabilityState state = LiabilityState.of(Optional.ofNullable(grade));
        PayerLimit limit = PayerLimitRule.limitFor(payer, state, schedule, date);
        assertEquals(Optional.ofNullable(cap).map(Fen::of), limit.cap(), limit.basis());
    }

    @Test
    @DisplayName("A fund cap configured by a province limits the fund")
    void configuredFundCap() {
        LimitSchedule capped = LimitSchedule.of(schedule.insurancePeriods(), List.of(
                new FundRules(LocalDate.of(2022, 1, 1), Optional.empty(), Duration.ofHours(168),
                        Optional.of(Fen.ofYuan(50_000)), "test province")));
        PayerLimit limit = PayerLimitRule.limitFor(PayerKind.ASSISTANCE_FUND,
                LiabilityState.UNDETERMINED, capped, LocalDate.of(2026, 1, 1));
        assertEquals(Optional.of(Fen.of(5_000_000)), limit.cap());
    }

    @ParameterizedTest(name = "insured={0} fled={1} exhausted={2}: {3}")
    @CsvSource({
            "true,  false, false, ''",
            "true,  false, true,  EXCEEDS_INSURANCE_LIMIT",
            "false, false, false, UNINSURED",
            "false, false, true,  UNINSURED",
            "true,  true,  false, HIT_AND_RUN",
            "false, true,  false, HIT_AND_RUN",
    })
    @DisplayName("The fund advances for an uninsured vehicle, a hit-and-run, or costs above the limit")
    void fundGrounds(boolean insured, boolean fled, boolean exhausted, String expected) {
        Set<FundGround> want = expected.isEmpty() ? EnumSet.noneOf(FundGround.class)
                : EnumSet.of(FundGround.valueOf(expected));
        assertEquals(want, FundEligibility.grounds(insured, fled, exhausted));
    }

    @ParameterizedTest(name = "item {0} after a 2026 accident: {1}")
    @CsvSource({
            "PT0S,     ''",
            "PT167H59M, ''",
            "PT168H,   ''",
            "PT168H1S, outside_rescue_window",
            "P10D,     outside_rescue_window",
            "-PT1M,    before_accident",
    })
    @DisplayName("The fund pays only for rescue within 168 hours of the accident, to the second")
    void rescueWindow(Duration afterAccident, String refusal) {
        Instant accident = Instant.parse("2026-03-10T02:30:00Z");
        FundRules rules = schedule.fundRulesOn(LocalDate.of(2026, 3, 10));
        Instant item = accident.plus(afterAccident);
        if (refusal.isEmpty()) {
            FundEligibility.requireWithinRescueWindow(accident, item, rules, "items[0].renderedAt");
        } else {
            DomainException e = assertThrows(DomainException.class, () ->
                    FundEligibility.requireWithinRescueWindow(accident, item, rules,
                            "items[0].renderedAt"));
            assertEquals(refusal.toUpperCase(Locale.ROOT), e.code().name());
            assertEquals("items[0].renderedAt", e.field());
        }
    }

    @Test
    @DisplayName("An accident in 2021 uses the 72-hour window of its date, not today's 168 hours")
    void oldAccidentsKeepTheOldWindow() {
        Instant accident = Instant.parse("2021-06-01T00:00:00Z");
        FundRules rules = schedule.fundRulesOn(LocalDate.of(2021, 6, 1));
        assertThrows(DomainException.class, () -> FundEligibility.requireWithinRescueWindow(
                accident, accident.plus(Duration.ofHours(73)), rules, "items[0].renderedAt"));
    }
}
