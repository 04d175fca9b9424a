package cn.anxing.payment;

/**
 * An idempotency key reused for a different request, or retried while its first request is
 * still running. The HTTP layer answers 409 with {@link #code()} and the field
 * {@code Idempotency-Key}; nothing is paid.
 */
public class IdempotencyConflictException extends RuntimeException {

    private final String code;

    public IdempotencyConflictException(IdempotencyRule.Outcome outcome) {
        super(outcome == IdempotencyRule.Outcome.CONFLICT_IN_PROGRESS
                ? "a request with this Idempotency-Key is still being processed; retry shortly"
                : "this Idempotency-Key was already used for a different request");
        if (!outcome.isConflict()) {
            throw new IllegalArgumentException(outcome + " is not a conflict");
        }
        this.code = outcome == IdempotencyRule.Outcome.CONFLICT_IN_PROGRESS
                ? "idempotency_in_progress" : "idempotency_key_reused";
    }

    public String code() {
        return code;
    }

    public String field() {
        return "Idempotency-Key";
    }
}
