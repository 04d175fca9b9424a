package cn.anxing.payment.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working days (工作日) in mainland China: Monday to Friday, except public holidays, plus the
 * make-up working days (调休上班日) on which a Saturday or Sunday is worked.
 *
 * <p>The lists come from {@code payment/working-calendar-cn.json}, one entry per year as the State
 * Council General Office publishes it each November. <strong>The file must be updated every
 * year.</strong> A year that is missing is treated as plain Monday-Friday weeks, so deadlines are
 * still computed, and {@link #covers(int)} is false so that operations can raise a warning.
 */
public final class WorkingCalendar {

    public static final String RESOURCE = "payment/working-calendar-cn.json";

    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeUpWorkingDays;
    private final Set<Integer> coveredYears;

    public WorkingCalendar(Set<LocalDate> holidays, Set<LocalDate> makeUpWorkingDays,
            Set<Integer> coveredYears) {
        Set<LocalDate> both = new HashSet<>(holidays);
        both.retainAll(makeUpWorkingDays);
        if (!both.isEmpty()) {
            throw new InvalidScheduleException(
                    "days listed both as holiday and as make-up working day: " + new TreeSet<>(both));
        }
        for (LocalDate d : makeUpWorkingDays) {
            if (!isWeekend(d)) {
                throw new InvalidScheduleException("make-up working day " + d
                        + " is not a Saturday or Sunday");
            }
        }
        this.holidays = Set.copyOf(holidays);
        this.makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
        this.coveredYears = Set.copyOf(coveredYears);
    }

    public static WorkingCalendar loadDefault() {
        try (InputStream in = WorkingCalendar.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WorkingCalendar load(InputStream json) throws IOException {
        JsonNode years = new ObjectMapper().readTree(json).path("years");
        if (!years.isArray()) {
            throw new InvalidScheduleException("the working calendar needs a 'years' array");
        }
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> makeUp = new HashSet<>();
        Set<Integer> covered = new HashSet<>();
        for (JsonNode y : years) {
            int year = y.path("year").asInt(-1);
            if (!covered.add(year)) {
                throw new InvalidScheduleException("year " + year + " is listed twice");
            }
            readDates(y.path("holidays"), year, holidays);
            readDates(y.path("makeUpWorkingDays"), year, makeUp);
        }
        return new WorkingCalendar(holidays, makeUp, covered);
    }

    private static void readDates(JsonNode array, int year, Set<LocalDate> into) {
        if (!array.isArray()) {
            throw new InvalidScheduleException("year " + year + " needs holidays and "
                    + "makeUpWorkingDays arrays");
        }
        for (JsonNode d : array) {
            LocalDate date;
            try {
                date = LocalDate.parse(d.asText());
            } catch (DateTimeParseException e) {
                throw new InvalidScheduleException("not a date in year " + year + ": " + d);
            }
            if (date.getYear() != year) {
                throw new InvalidScheduleException(date + " is listed under year " + year);
            }
            into.add(date);
        }
    }

    public boolean isWorkingDay(LocalDate date) {
        if (makeUpWorkingDays.contains(date)) {
            return true;
        }
        return !isWeekend(date) && !holidays.contains(date);
    }

    /** The {@code n}th working day after {@code start}; {@code start} itself is not counted. */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("count at least one working day: " + n);
        }
        LocalDate day = start;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** Whether the official holiday list of this year is loaded. */
    public boolean covers(int year) {
        return coveredYears.contains(year);
    }

    private static boolean isWeekend(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }
}
