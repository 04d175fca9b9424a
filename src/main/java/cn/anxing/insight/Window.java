package cn.anxing.insight;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What the map counts: the instants of a {@link Period} and of the one before it, read in
 * {@code zone}, and the time-of-day band.
 */
public record Window(Period period, ZoneId zone, TimeBand band) {

    public Instant start() {
        return period.start(zone);
    }

    public Instant end() {
        return period.end(zone);
    }

    public Instant previousStart() {
        return period.previous().start(zone);
    }
}
