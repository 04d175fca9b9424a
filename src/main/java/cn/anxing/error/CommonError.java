package cn.anxing.error;

/** Codes every feature shares: malformed requests, access, and the transport's own limits. */
public enum CommonError implements ErrorCode {
    /** A field has the wrong type, is missing, or is out of range. */
    VALIDATION_FAILED(400),
    /** The body is not the JSON the endpoint reads. */
    MALFORMED_JSON(400),
    /** The endpoint reads a JSON object body and none was sent. */
    MISSING_BODY(400),
    /** The request is not valid in a way no field names (a malformed URL or header). */
    BAD_REQUEST(400),
    /** The body is not valid UTF-8. */
    INVALID_UTF8(400),
    /** A JSON object names the same key twice. */
    DUPLICATE_KEY(400),
    /** No valid session token: missing, expired, forged, or its account is gone. */
    UNAUTHENTICATED(401),
    /** The signed-in account's roles may not do this, or the account is disabled. */
    FORBIDDEN(403),
    /** A request from another website's page: cross-origin requests are not accepted. */
    CORS_REFUSED(403),
    /** No such path or thing; also said when it exists but is not the caller's to see. */
    NOT_FOUND(404),
    /** The path exists but not with this HTTP method. */
    METHOD_NOT_ALLOWED(405),
    /** The body is larger than the endpoint accepts. */
    PAYLOAD_TOO_LARGE(413),
    /** The request line is longer than the server reads. */
    URI_TOO_LONG(414),
    /** The body's content type is not one the endpoint reads. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The request headers are larger than the server reads. */
    HEADERS_TOO_LARGE(431),
    /** A bug on our side: the body carries only the request id, which the log has. */
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
