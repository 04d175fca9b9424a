package cn.anxing.http;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Typed reads of a JSON request body. Each getter names the field at fault when the value is
 * missing or of the wrong type, so handlers never see a ClassCastException turn into a 500.
 */
public final class Bodies {

    /**
     * The longest text a field takes unless its route says otherwise: enough for a name, an id,
     * a code or a plate; notes, URLs and signatures name their own limits.
     */
    public static final int DEFAULT_MAX_LENGTH = 200;

    private Bodies() {
    }

    public static JsonObject object(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw new DomainException(CommonError.MISSING_BODY, "A JSON object body is required");
        }
        Object parsed;
        try {
            parsed = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new DomainException(CommonError.MALFORMED_JSON,
                    "The request body is not a valid JSON object");
        }
        return (JsonObject) parsed;
    }

    /**
     * The body as {@link #object(RoutingContext)}, and only with the given fields: a field the
     * route does not read is a 400 naming it, so a misspelt or invented field is never silently
     * dropped (the client would believe it was stored).
     */
    public static JsonObject object(RoutingContext ctx, String... fields) {
        return only(object(ctx), "", fields);
    }

    /** {@code o} (at {@code at}, e.g. {@code items[0].}) holding none but {@code fields}. */
    public static JsonObject only(JsonObject o, String at, String... fields) {
        java.util.Set<String> known = java.util.Set.of(fields);
        for (String name : o.fieldNames()) {
            if (!known.contains(name)) {
                throw invalid(at + name, "未知字段 / unknown field " + at + name
                        + "; this request takes " + String.join(", ", new java.util.TreeSet<>(
                        known)));
            }
        }
        return o;
    }

    public static String requiredString(JsonObject body, String field) {
        return requiredString(body, field, DEFAULT_MAX_LENGTH);
    }

    /** A non-blank string of at most {@code maxLength} characters, trimmed. */
    public static String requiredString(JsonObject body, String field, int maxLength) {
        String value = optionalString(body, field, maxLength);
        if (value == null || value.isBlank()) {
            throw invalid(field, field + " is required");
        }
        return value;
    }

    public static String optionalString(JsonObject body, String field) {
        return optionalString(body, field, DEFAULT_MAX_LENGTH);
    }

    /** A string of at most {@code maxLength} characters (code points), trimmed, or null. */
    public static String optionalString(JsonObject body, String field, int maxLength) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw invalid(field, field + " must be a string");
        }
        String trimmed = s.trim();
        if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
            throw invalid(field, field + " 过长 / " + field + " may be at most " + maxLength
                    + " characters long");
        }
        return trimmed;
    }

    /** true or false, or {@code otherwise} when absent; any other value is a 400. */
    public static boolean optionalBoolean(JsonObject body, String field, boolean otherwise) {
        return body.getValue(field) == null ? otherwise : requiredBoolean(body, field);
    }

    public static long requiredLong(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            throw invalid(field, field + " is required");
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > 9.0e15) {
            throw invalid(field, field + " must be a whole number");
        }
        return n.longValue();
    }

    public static int requiredInt(JsonObject body, String field, int min, int max) {
        long value = requiredLong(body, field);
        if (value < min || value > max) {
            throw invalid(field, field + " must be between " + min + " and " + max);
        }
        return (int) value;
    }

    public static double requiredDouble(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw invalid(field, field + " must be a number");
        }
        return n.doubleValue();
    }

    public static boolean requiredBoolean(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof Boolean b)) {
            throw invalid(field, field + " must be true or false");
        }
        return b;
    }

    public static JsonObject requiredObject(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof JsonObject o)) {
            throw invalid(field, field + " must be an object");
        }
        return o;
    }

    public static JsonArray requiredArray(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof JsonArray a)) {
            throw invalid(field, field + " must be an array");
        }
        return a;
    }

    public static String pathParam(RoutingContext ctx, String name) {
        String value = ctx.pathParam(name);
        if (value == null || value.isBlank()) {
            throw invalid(name, name + " is required in the path");
        }
        return value;
    }

    public static java.util.UUID uuidParam(RoutingContext ctx, String name) {
        try {
            return java.util.UUID.fromString(pathParam(ctx, name));
        } catch (IllegalArgumentException e) {
            throw invalid(name, name + " must be a UUID");
        }
    }

    /** A VALIDATION_FAILED error naming {@code field}. */
    public static DomainException invalid(String field, String message) {
        return new DomainException(CommonError.VALIDATION_FAILED, message, field);
    }
}
