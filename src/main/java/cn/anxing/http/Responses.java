package cn.anxing.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON responses and routes a failed future to the error handler. */
public final class Responses {

    private Responses() {
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        String encoded = body instanceof JsonObject o ? o.encode()
                : body instanceof JsonArray a ? a.encode()
                : io.vertx.core.json.Json.encode(body);
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(encoded);
    }

    /** Responds with the future's value as JSON, or fails the request with its error. */
    public static <T> void reply(RoutingContext ctx, int status, Future<T> result) {
        result.onSuccess(value -> json(ctx, status, value)).onFailure(ctx::fail);
    }
}
