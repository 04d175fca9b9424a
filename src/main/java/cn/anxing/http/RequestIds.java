package cn.anxing.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** A short id per request, echoed in {@code X-Request-Id} and in error bodies and logs. */
public final class RequestIds {

    private static final String KEY = "requestId";

    private RequestIds() {
    }

    public static void assign(RoutingContext ctx) {
        String incoming = ctx.request().getHeader("X-Request-Id");
        String id = incoming != null && incoming.matches("[A-Za-z0-9._-]{1,64}")
                ? incoming
                : UUID.randomUUID().toString().substring(0, 12);
        ctx.put(KEY, id);
        ctx.response().putHeader("X-Request-Id", id);
        ctx.next();
    }

    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id == null ? "-" : id;
    }
}
