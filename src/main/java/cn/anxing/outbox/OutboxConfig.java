package cn.anxing.outbox;

import java.time.Duration;

/**
 * How the relay works: the one outbox configuration, read from the configuration keys
 * {@code OUTBOX_POLL_INTERVAL_MS}, {@code OUTBOX_BACKOFF_BASE_MS} and {@code OUTBOX_MAX_ATTEMPTS}
 * (see the README table) by {@link #configured}; the rest are fixed at their defaults.
 *
 * @param pollInterval  how often it looks for due messages (it also wakes on every enqueue)
 * @param batchSize     messages claimed per round
 * @param lease         how long a claimed message is held; longer than {@code requestTimeout}
 * @param requestTimeout the receiver's time to answer
 * @param backoffBase   wait after the first failure; doubled after each further one
 * @param backoffMax    the longest wait between attempts
 * @param maxAttempts   after this many failures the message is FAILED and left to an operator
 */
public record OutboxConfig(Duration pollInterval, int batchSize, Duration lease,
        Duration requestTimeout, Duration backoffBase, Duration backoffMax, int maxAttempts) {

    public static OutboxConfig defaults() {
        return configured(Duration.ofSeconds(2), Duration.ofSeconds(5), 20);
    }

    /** The configured keys, with a batch of 20, a 30 s lease, 10 s to answer, at most 1 h apart. */
    public static OutboxConfig configured(Duration pollInterval, Duration backoffBase,
            int maxAttempts) {
        return new OutboxConfig(pollInterval, 20, Duration.ofSeconds(30), Duration.ofSeconds(10),
                backoffBase, Duration.ofHours(1), maxAttempts);
    }

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failures. */
    public Duration backoffAfter(int attempts) {
        long base = backoffBase.toMillis();
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        long wait = base << doublings;
        if (wait <= 0 || wait > backoffMax.toMillis()) {
            wait = backoffMax.toMillis();
        }
        return Duration.ofMillis(wait);
    }
}
