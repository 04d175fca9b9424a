package cn.anxing.insight;

import java.time.LocalTime;

/**
 * A time of day the map can be filtered to (时段), in local time: the morning peak, the night.
 * {@code from} is included and {@code to} is not; a band whose {@code from} is after its
 * {@code to} wraps past midnight. A band with neither is the whole day.
 */
public record TimeBand(String code, String zh, String en, LocalTime from, LocalTime to) {

    public TimeBand {
        if ((from == null) != (to == null)) {
            throw new IllegalArgumentException("band " + code + ": from and to go together");
        }
        if (from != null && from.equals(to)) {
            throw new IllegalArgumentException("band " + code + ": from equals to; leave both out"
                    + " for the whole day");
        }
    }

    public boolean wholeDay() {
        return from == null;
    }

    public boolean wraps() {
        return from != null && from.isAfter(to);
    }

    /** Minute of the day the band starts at (0 for the whole day). */
    public int fromMinute() {
        return from == null ? 0 : from.getHour() * 60 + from.getMinute();
    }

    /** Minute of the day the band ends before (1440 for the whole day). */
    public int toMinute() {
        return to == null ? 1440 : to.getHour() * 60 + to.getMinute();
    }

    public boolean contains(LocalTime time) {
        if (wholeDay()) {
            return true;
        }
        boolean afterStart = !time.isBefore(from);
        boolean beforeEnd = time.isBefore(to);
        return wraps() ? afterStart || beforeEnd : afterStart && beforeEnd;
    }
}
