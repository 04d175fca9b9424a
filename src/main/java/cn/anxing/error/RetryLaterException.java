package cn.anxing.error;

import java.time.Duration;

/**
 * A refusal that passes with time (a rate limit): the error handler answers it with its code's
 * status (429) and a {@code Retry-After} header of whole seconds, at least one.
 */
public class RetryLaterException extends DomainException {

    private final Duration retryAfter;

    public RetryLaterException(ErrorCode code, String message, Duration retryAfter) {
        super(code, message);
        this.retryAfter = retryAfter;
    }

    /** The seconds of the Retry-After header, rounded up. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
