package cn.anxing.accident;

import java.util.Objects;

/**
 * A rule of the accident domain was broken by the input: says what is wrong, with a stable
 * {@link #code()} the HTTP layer returns and the {@link #field()} at fault (may be null when
 * no single field is to blame). The HTTP layer turns it into a 4xx.
 */
public class AccidentException extends RuntimeException {

    private final String code;
    private final String field;

    public AccidentException(String code, String message, String field) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    public AccidentException(String code, String message, String field, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
