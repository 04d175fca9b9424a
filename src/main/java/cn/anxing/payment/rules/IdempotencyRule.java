package cn.anxing.payment.rules;

import cn.anxing.error.DomainException;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do with a payment instruction given what is already stored under its idempotency key.
 * A pure function; the repository applies it inside the transaction that inserts the key, whose
 * UNIQUE constraint decides which of two simultaneous first attempts is first.
 */
public final class IdempotencyRule {

    private IdempotencyRule() {
    }

    /**
     * What is stored for a key: the fingerprint of the first request and, once it finished, its
     * result (an opaque stored response).
     */
    public record StoredRequest(RequestFingerprint fingerprint, Optional<String> result) {

        public StoredRequest {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(result, "result");
        }
    }

    public enum Outcome {
        /** Never seen: carry the instruction out and store its result under the key. */
        EXECUTE,
        /** A retry of a finished request: return the stored result, pay nothing. */
        REPLAY_FIRST_RESULT,
        /** A retry while the first attempt is still running: 409, try again later. */
        CONFLICT_IN_PROGRESS,
        /** The key was used for a different request: 409, nothing done. */
        CONFLICT_DIFFERENT_REQUEST;

        public boolean isConflict() {
            return this == CONFLICT_IN_PROGRESS || this == CONFLICT_DIFFERENT_REQUEST;
        }
    }

    /** The 409 for a conflicting outcome, naming the header {@code Idempotency-Key}. */
    public static DomainException conflict(Outcome outcome) {
        return switch (outcome) {
            case CONFLICT_IN_PROGRESS -> PaymentError.IDEMPOTENCY_IN_PROGRESS.error(
                    "Idempotency-Key", "a request with this Idempotency-Key is still being"
                            + " processed; retry shortly");
            case CONFLICT_DIFFERENT_REQUEST -> PaymentError.IDEMPOTENCY_KEY_REUSED.error(
                    "Idempotency-Key", "this Idempotency-Key was already used for a different"
                            + " request");
            default -> throw new IllegalArgumentException(outcome + " is not a conflict");
        };
    }

    public static Outcome decide(Optional<StoredRequest> stored, RequestFingerprint incoming) {
        if (stored.isEmpty()) {
            return Outcome.EXECUTE;
        }
        StoredRequest first = stored.get();
        if (!first.fingerprint().equals(incoming)) {
            return Outcome.CONFLICT_DIFFERENT_REQUEST;
        }
        return first.result().isPresent() ? Outcome.REPLAY_FIRST_RESULT
                : Outcome.CONFLICT_IN_PROGRESS;
    }
}
