package cn.anxing.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A count of requests per key (a client address, a share code) in fixed windows, kept in this
 * instance's memory: a key's window opens with its first request, and the {@code limit + 1}-th
 * request within it is refused until it closes. With several instances each counts its own, so a client behind a balancer gets at most
 * that many times the budget; for a read-only preview that is enough, where sign-in limits are
 * kept in the database ({@code PasswordAttempts}). Windows of past keys are swept once the map
 * is large, so the memory stays bounded by the keys of one window.
 */
public final class RequestWindows {

    private static final int SWEEP_AT = 10_000;

    private record Window(long start, int count) {
    }

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public RequestWindows(int limit, Duration window, Clock clock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a limit of at least 1 in a positive window");
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Counts a request for {@code key}: empty when it may go on, else how long to wait. */
    public Optional<Duration> take(String key) {
        long now = clock.millis();
        if (windows.size() > SWEEP_AT) {
            windows.values().removeIf(w -> now - w.start() >= windowMillis);
        }
        Window counted = windows.merge(key, new Window(now, 1), (old, fresh) ->
                now - old.start() < windowMillis ? new Window(old.start(), old.count() + 1)
                        : fresh);
        if (counted.count() <= limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(counted.start() + windowMillis - now));
    }
}
