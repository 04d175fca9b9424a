package cn.anxing.payment.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.error.DomainException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitScheduleTest {

    private final LimitSchedule schedule = LimitSchedule.loadDefault();

    @ParameterizedTest(name = "{0}: medical {1}/{2} fen, death {3}/{4}, property {5}/{6}")
    @CsvSource({
            // accident date, medical liable, not liable, death liable, not liable, property
            "2008-02-01, 1000000, 100000, 11000000, 1100000, 200000, 10000",
            "2015-06-30, 1000000, 100000, 11000000, 1100000, 200000, 10000",
            "2020-09-18, 1000000, 100000, 11000000, 1100000, 200000, 10000",
            "2020-09-19, 1800000, 180000, 18000000, 1800000, 200000, 10000",
            "2026-11-29, 1800000, 180000, 18000000, 1800000, 200000, 10000",
    })
    @DisplayName("An accident uses the limits in force on its date, either side of the 2020 reform")
    void limitsOnEitherSideOfTheReform(LocalDate date, long medLiable, long medNot,
            long deathLiable, long deathNot, long propLiable, long propNot) {
        InsuranceLimits limits = schedule.limitsOn(date);
        assertEquals(Fen.of(medLiable), limits.liable().medical());
        assertEquals(Fen.of(medNot), limits.notLiable().medical());
        assertEquals(Fen.of(deathLiable), limits.liable().deathDisability());
        assertEquals(Fen.of(deathNot), limits.notLiable().deathDisability());
        assertEquals(Fen.of(propLiable), limits.liable().property());
        assertEquals(Fen.of(propNot), limits.notLiable().property());
    }

    @ParameterizedTest(name = "{0} UTC is {1} in Shanghai")
    @CsvSource({
            "2020-09-18T15:59:59Z, 1000000",
            "2020-09-18T16:00:00Z, 1800000",
    })
    @DisplayName("The accident's date is its Asia/Shanghai date, not its UTC date")
    void accidentDateIsReadInShanghai(Instant at, long medicalLiable) {
        assertEquals(Fen.of(medicalLiable), schedule.limitsAt(at).liable().medical());
    }

    @Test
    @DisplayName("An accident before the first configured period is refused, naming the date")
    void beforeTheSchedule() {
        DomainException e = assertThrows(DomainException.class,
                () -> schedule.limitsOn(LocalDate.of(2008, 1, 31)));
        assertEquals(PaymentError.NO_LIMITS_FOR_DATE, e.code());
        assertTrue(e.getMessage().contains("2008-01-31"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}: rescue window {1} hours")
    @CsvSource({
            "2010-01-01, 72",
            "2021-12-31, 72",
            "2022-01-01, 168",
            "2026-10-01, 168",
    })
    @DisplayName("The fund's rescue window is 72 hours before 2022 and 168 hours since")
    void fundRescueWindow(LocalDate date, long hours) {
        FundRules rules = schedule.fundRulesOn(date);
        assertEquals(Duration.ofHours(hours), rules.rescueWindow());
        assertTrue(rules.perPersonCap().isEmpty(), "the fund has no national per-person cap");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "gap between periods | 2008-02-01 | 2020-09-01 | 2020-09-19 | gap",
            "overlapping periods | 2008-02-01 | 2020-10-01 | 2020-09-19 | overlaps",
    })
    @DisplayName("A schedule whose periods leave a gap or overlap is refused at load")
    void gapsAndOverlapsAreRefused(String name, String from1, String until1, String from2,
            String expected) {
        String json = """
                {"insurancePeriods": [
                  {"effectiveFrom": "%s", "effectiveUntil": "%s", %s},
                  {"effectiveFrom": "%s", "effectiveUntil": null, %s}],
                 "fundPeriods": [{"effectiveFrom": "2022-01-01", "rescueWindowHours": 168}]}
                """.formatted(from1, until1, LIMITS, from2, LIMITS);
        InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
                () -> load(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "negative amount   | -1      | cannot be negative",
            "fractional amount | 1800.5  | whole number",
            "amount as text    | '\"18\"'  | whole number",
    })
    @DisplayName("A schedule with a negative, fractional or textual amount is refused at load")
    void badAmountsAreRefused(String name, String medical, String expected) {
        String json = """
                {"insurancePeriods": [{"effectiveFrom": "2020-09-19",
                  "liable": {"deathDisability": 1, "medical": %s, "property": 1},
                  "notLiable": {"deathDisability": 1, "medical": 1, "property": 1}}],
                 "fundPeriods": [{"effectiveFrom": "2022-01-01", "rescueWindowHours": 168}]}
                """.formatted(medical);
        InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
                () -> load(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("insurancePeriods[0].liable.medical"), e.getMessage());
    }

    @Test
    @DisplayName("A schedule whose last period ends leaves later accidents without rules and is refused")
    void lastPeriodMustBeOpen() {
        String json = """
                {"insurancePeriods": [{"effectiveFrom": "2020-09-19",
                   "effectiveUntil": "2030-01-01", %s}],
                 "fundPeriods": [{"effectiveFrom": "2022-01-01", "rescueWindowHours": 168}]}
                """.formatted(LIMITS);
        assertThrows(InvalidScheduleException.class, () -> load(json));
    }

    @Test
    @DisplayName("A configured per-person cap of the fund is read")
    void configuredFundCap() throws IOException {
        String json = """
                {"insurancePeriods": [{"effectiveFrom": "2020-09-19", %s}],
                 "fundPeriods": [{"effectiveFrom": "2022-01-01", "rescueWindowHours": 168,
                                  "perPersonCapFen": 5000000}]}
                """.formatted(LIMITS);
        assertEquals(Fen.of(5_000_000),
                load(json).fundRulesOn(LocalDate.of(2026, 1, 1)).perPersonCap().orElseThrow());
    }

    private static final String LIMITS = """
            "liable": {"deathDisability": 18000000, "medical": 1800000, "property": 200000},
            "notLiable": {"deathDisability": 1800000, "medical": 180000, "property": 10000}""";

    private static LimitSchedule load(String json) throws IOException {
        return LimitSchedule.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
