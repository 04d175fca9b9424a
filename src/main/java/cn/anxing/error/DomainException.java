package cn.anxing.error;

import java.util.Objects;

/**
 * What every service throws when a request cannot be done: the code (which carries its status),
 * a message a person can act on (Chinese first, then English after " / ") and, where one field is
 * at fault, its name as the client sent it ({@code households[3].lat}). Services never throw
 * HTTP types; the one error handler turns this into the JSON error body.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    public DomainException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public DomainException(ErrorCode code, String message, String field) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /** The field at fault, or null when the request as a whole is. */
    public String field() {
        return field;
    }

    public int status() {
        return code.status();
    }
}
