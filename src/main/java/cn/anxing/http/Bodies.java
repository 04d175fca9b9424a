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

    public static String requiredString(JsonObject body, String field) {
        String value = optionalString(body, field);
        if (value == null || value.isBlank()) {
            throw invalid(field, field + " is required");
        }
        return value;
    }

    public static String optionalString(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw invalid(field, field + " must be a string");
        }
        return s.trim();
    }

    public static long requiredLong(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            throw invalid(field, field + " is required");
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || value instanceof Double && Math.abs(n.doubleValue()) > 9.0e15) {
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
