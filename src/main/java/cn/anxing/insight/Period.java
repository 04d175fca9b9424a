package cn.anxing.insight;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The days the map and the dashboard count (统计周期), local dates {@code from} to {@code to}
 * inclusive: one day, the week (Monday to Sunday) or the calendar month holding a date, or any
 * span up to a year. The previous period is the same number of days just before, which the
 * change in the ranking is measured against.
 */
public record Period(String kind, LocalDate from, LocalDate to) {

    public static final int MAX_DAYS = 366;

    public Period {
        if (to.isBefore(from)) {
            throw invalid("to", "结束日期早于开始日期 / to is before from");
        }
        if (days(from, to) > MAX_DAYS) {
            throw invalid("to", "统计周期最长 " + MAX_DAYS + " 天 / a period is at most "
                    + MAX_DAYS + " days");
        }
    }

    /**
     * The period a request asks for: {@code kind} day, week, month (around {@code date}, today
     * when absent) or custom ({@code from} and {@code to}).
     */
    public static Period of(String kind, String date, String from, String to, LocalDate today) {
        String k = kind == null || kind.isBlank() ? "month" : kind;
        return switch (k) {
            case "day" -> {
                LocalDate d = date(date, "date", today);
                yield new Period(k, d, d);
            }
            case "week" -> {
                LocalDate d = date(date, "date", today);
                LocalDate monday = d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new Period(k, monday, monday.plusDays(6));
            }
            case "month" -> {
                LocalDate d = date(date, "date", today);
                yield new Period(k, d.withDayOfMonth(1), d.with(TemporalAdjusters.lastDayOfMonth()));
            }
            case "custom" -> {
                if (from == null || from.isBlank()) {
                    throw invalid("from", "自定义周期需要开始日期 / a custom period needs from");
                }
                if (to == null || to.isBlank()) {
                    throw invalid("to", "自定义周期需要结束日期 / a custom period needs to");
                }
                yield new Period(k, date(from, "from", today), date(to, "to", today));
            }
            default -> throw invalid("period", "未知统计周期 / unknown period '" + k
                    + "', expected day, week, month or custom");
        };
    }

    public long days() {
        return days(from, to);
    }

    /** The same number of days just before this period. */
    public Period previous() {
        return new Period(kind, from.minusDays(days()), from.minusDays(1));
    }

    /** The first instant of the period in {@code zone}. */
    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period in {@code zone}. */
    public Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    private static LocalDate date(String raw, String field, LocalDate today) {
        if (raw == null || raw.isBlank()) {
            return today;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw invalid(field, "日期格式应为 YYYY-MM-DD / " + field + " must be a date"
                    + " YYYY-MM-DD");
        }
    }

    private static DomainException invalid(String field, String message) {
        return new DomainException(CommonError.VALIDATION_FAILED, message, field);
    }
}
