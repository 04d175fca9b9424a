package cn.anxing.payment.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When a time limit runs out: at the end (24:00 Asia/Shanghai) of the last working day allowed.
 * An item is overdue from that instant on, until the step it waits for is done.
 *
 * @param lastDay the last working day on which the step is still on time
 * @param dueAt   the first instant at which it is late (the start of the day after lastDay)
 */
public record Deadline(DeadlineKind kind, Instant startedAt, LocalDate lastDay, Instant dueAt) {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public Deadline {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastDay, "lastDay");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    /** The deadline of {@code kind} for an event (an application, a complete bill). */
    public static Deadline of(DeadlineKind kind, Instant startedAt, WorkingCalendar calendar) {
        LocalDate startDay = startedAt.atZone(ZONE).toLocalDate();
        LocalDate lastDay = calendar.addWorkingDays(startDay, kind.workingDays());
        Instant dueAt = lastDay.plusDays(1).atStartOfDay(ZONE).toInstant();
        return new Deadline(kind, startedAt, lastDay, dueAt);
    }

    public boolean isOverdue(Instant now) {
        return !now.isBefore(dueAt);
    }
}
