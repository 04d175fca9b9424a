package cn.anxing.http;

/**
 * An error a client can act on: an HTTP status, a stable code, a message a person can read and,
 * where one field is at fault, its name. The error handler turns it into the JSON body
 * {@code {"code", "message", "field", "requestId"}}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String message, String field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiException badRequest(String code, String message, String field) {
        return new ApiException(400, code, message, field);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "VALIDATION_FAILED", message, field);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", "未找到 / not found: " + what, null);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message, null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "FORBIDDEN", message, null);
    }

    public static ApiException unauthenticated(String message) {
        return new ApiException(401, "UNAUTHENTICATED", message, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
