package cn.anxing.payment.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadlineTest {

    private final WorkingCalendar calendar = WorkingCalendar.loadDefault();

    @ParameterizedTest(name = "{0}: working day = {1}")
    @CsvSource({
            "2026-11-27, true",   // Friday
            "2026-11-28, false",  // Saturday
            "2026-10-01, false",  // National Day, Thursday
            "2026-10-08, true",   // the Thursday after the holiday week
            "2026-10-10, true",   // Saturday made a working day (调休)
            "2026-09-20, true",   // Sunday made a working day
            "2026-09-25, false",  // Mid-Autumn, Friday
            "2026-02-14, true",   // Saturday before Spring Festival, worked
            "2026-02-17, false",  // Spring Festival
    })
    @DisplayName("Weekends and 2026 public holidays are off; make-up Saturdays and Sundays are worked")
    void workingDays(LocalDate date, boolean working) {
        assertEquals(working, calendar.isWorkingDay(date));
    }

    @ParameterizedTest(name = "{0} applied {1}: last day {2}")
    @CsvSource({
            // kind, started at (UTC), last working day on time
            "POLICE_NOTICE,   2026-11-25T02:00:00Z, 2026-11-30", // Wed -> Thu, Fri, Mon
            "POLICE_NOTICE,   2026-11-27T09:00:00Z, 2026-12-02", // Fri -> Mon, Tue, Wed
            "POLICE_NOTICE,   2026-11-27T16:30:00Z, 2026-12-02", // Sat 00:30 in Shanghai
            "POLICE_NOTICE,   2026-09-24T02:00:00Z, 2026-09-30", // over Mid-Autumn
            "POLICE_NOTICE,   2026-09-30T02:00:00Z, 2026-10-10", // over National Day, make-up Sat
            "FUND_REVIEW,     2026-09-29T02:00:00Z, 2026-10-12", // 30, 8, 9, Sat 10, Mon 12
            "FUNERAL_PAYMENT, 2026-10-02T02:00:00Z, 2026-10-10", // in the holiday
    })
    @DisplayName("Time limits count working days after the starting day, across weekends and holidays")
    void deadlines(DeadlineKind kind, Instant startedAt, LocalDate lastDay) {
        assertEquals(lastDay, Deadline.of(kind, startedAt, calendar).lastDay());
    }

    @Test
    @DisplayName("An item is overdue from 24:00 Shanghai time of its last day, not a second earlier")
    void overdue() {
        Deadline d = Deadline.of(DeadlineKind.POLICE_NOTICE,
                Instant.parse("2026-11-27T09:00:00Z"), calendar);
        assertEquals(Instant.parse("2026-12-02T16:00:00Z"), d.dueAt());
        assertFalse(d.isOverdue(Instant.parse("2026-12-02T15:59:59Z")));
        assertTrue(d.isOverdue(Instant.parse("2026-12-02T16:00:00Z")));
    }

    @Test
    @DisplayName("A year without an official list is counted Monday to Friday and reported as not covered")
    void uncoveredYear() {
        assertTrue(calendar.covers(2026));
        assertFalse(calendar.covers(2027));
        assertEquals(LocalDate.of(2027, 1, 5),
                calendar.addWorkingDays(LocalDate.of(2026, 12, 31), 3));
    }

    @Test
    @DisplayName("A make-up working day that is not a weekend day is refused at load")
    void badMakeUpDay() {
        String json = """
                {"years": [{"year": 2026, "holidays": [], "makeUpWorkingDays": ["2026-10-09"]}]}
                """;
        assertThrows(InvalidScheduleException.class, () -> WorkingCalendar.load(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    }
}
