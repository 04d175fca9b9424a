package cn.anxing.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.anxing.error.DomainException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Periods and time-of-day bands of the one traffic map")
class PeriodAndBandTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    @ParameterizedTest(name = "{0} {1} {2}-{3} → {4}..{5}, previous {6}..{7}")
    @CsvSource({
        "day, 2026-11-05, , , 2026-11-05, 2026-11-05, 2026-11-04, 2026-11-04",
        "day, , , , 2026-12-03, 2026-12-03, 2026-12-02, 2026-12-02",
        "week, 2026-11-05, , , 2026-11-02, 2026-11-08, 2026-10-26, 2026-11-01",
        "week, 2026-11-08, , , 2026-11-02, 2026-11-08, 2026-10-26, 2026-11-01",
        "month, 2026-02-10, , , 2026-02-01, 2026-02-28, 2026-01-04, 2026-01-31",
        "month, , , , 2026-12-01, 2026-12-31, 2026-10-31, 2026-11-30",
        "custom, , 2026-11-30, 2026-12-01, 2026-11-30, 2026-12-01, 2026-11-28, 2026-11-29",
    })
    @DisplayName("A period and the same number of days just before it")
    void periods(String kind, String date, String from, String to, LocalDate start,
            LocalDate end, LocalDate previousStart, LocalDate previousEnd) {
        Period p = Period.of(kind, date, from, to, TODAY);
        assertEquals(start, p.from());
        assertEquals(end, p.to());
        assertEquals(previousStart, p.previous().from());
        assertEquals(previousEnd, p.previous().to());
        assertEquals(p.days(), p.previous().days());
    }

    @Test
    @DisplayName("A period runs from local midnight to local midnight in Pinghu")
    void instants() {
        Period p = Period.of("day", "2026-11-05", null, null, TODAY);
        assertEquals("2026-11-04T16:00:00Z", p.start(ZoneId.of("Asia/Shanghai")).toString());
        assertEquals("2026-11-05T16:00:00Z", p.end(ZoneId.of("Asia/Shanghai")).toString());
    }

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource({
        "all, 00:00, true", "all, 23:59, true",
        "morning, 06:59, false", "morning, 07:00, true", "morning, 08:59, true",
        "morning, 09:00, false",
        "evening, 16:59, false", "evening, 17:00, true", "evening, 19:00, false",
        "night, 21:59, false", "night, 22:00, true", "night, 00:00, true", "night, 05:59, true",
        "night, 06:00, false", "night, 12:00, false",
    })
    @DisplayName("The bundled bands: from included, to not, night wraps past midnight")
    void bands(String code, LocalTime time, boolean inside) {
        TimeBand band = TimeBands.bundled().band(code);
        assertEquals(inside, band.contains(time));
    }

    @Test
    @DisplayName("An unknown band or period names the parameter")
    void unknown() {
        assertEquals("band", assertThrows(DomainException.class,
                () -> TimeBands.bundled().band("noon")).field());
        assertEquals("period", assertThrows(DomainException.class,
                () -> Period.of("year", null, null, null, TODAY)).field());
        assertEquals("to", assertThrows(DomainException.class,
                () -> Period.of("custom", null, "2025-01-01", "2026-12-31", TODAY)).field());
    }
}
