package cn.anxing.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Requests are counted per key in a window that opens with the key's first request")
class RequestWindowsTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T12:00:30Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    @DisplayName("Three a minute: the fourth waits for the rest of the minute, another key does"
            + " not, and a minute after the first request the key starts again")
    void threeAMinute() {
        var clock = new HandClock();
        var windows = new RequestWindows(3, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), windows.take("10.0.0.1"));
            clock.advance(Duration.ofSeconds(10));
        }
        assertEquals(Optional.of(Duration.ofSeconds(30)), windows.take("10.0.0.1"));
        assertEquals(Optional.empty(), windows.take("10.0.0.2"));
        clock.advance(Duration.ofSeconds(29));
        assertEquals(Optional.of(Duration.ofSeconds(1)), windows.take("10.0.0.1"),
                "refused tries do not move the window");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), windows.take("10.0.0.1"));
    }
}
