package cn.anxing.error;

/** Codes every feature shares: malformed requests, access, and the transport's own limits. */
public enum CommonError implements ErrorCode {
    /** A field has the wrong type, is missing, or is out of range. */
    VALIDATION_FAILED(400),
    /** The body is not the JSON the endpoint reads. */
    MALFORMED_JSON(400),
    BAD_REQUEST(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    PAYLOAD_TOO_LARGE(413),
    URI_TOO_LONG(414),
    UNSUPPORTED_MEDIA_TYPE(415),
    HEADERS_TOO_LARGE(431),
    INTERNAL_ERROR(500),
    /** PostgreSQL does not answer (restarting, unreachable): try again shortly. */
    DATABASE_UNAVAILABLE(503),
    /** A store the request writes to cannot be written now (read-only, unreachable). */
    STORAGE_UNAVAILABLE(503),
    /** The store is out of space: nothing was stored; an operator must act. */
    STORAGE_FULL(507);

    private final int status;

    CommonError(int status) {
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
