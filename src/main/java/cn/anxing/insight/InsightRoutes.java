package cn.anxing.insight;

import cn.anxing.auth.Role;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.auth.Access;
import cn.anxing.auth.Authz;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The one traffic map and the dashboard (police and admins). Every answer names its period
 * ({@code period=day|week|month|custom}, {@code date}, or {@code from} and {@code to}, local
 * dates) and, on the map, its time-of-day band ({@code band}).
 */
public final class InsightRoutes implements FeatureRoutes {

    private final InsightService insight;
    private final Authz authz;

    public InsightRoutes(InsightService insight, Authz authz) {
        this.insight = insight;
        this.authz = authz;
    }

    @Override
    public void mount(Router router) {
        authz.guard(router.route("/api/v1/insight/*"), Access.roles(Role.POLICE, Role.ADMIN));
        router.get("/api/v1/insight/bands").handler(this::bands);
        router.get("/api/v1/insight/hotspots").handler(this::hotspots);
        router.get("/api/v1/insight/segments/:edgeId/cases").handler(this::segmentCases);
        router.get("/api/v1/insight/open-cases").handler(this::openCases);
        router.get("/api/v1/insight/duplicates").handler(this::duplicates);
        router.get("/api/v1/insight/bus").handler(this::bus);
        router.get("/api/v1/insight/dashboard").handler(this::dashboard);
    }

    private void bands(RoutingContext ctx) {
        var list = new JsonArray();
        insight.bands().bands().forEach(b -> list.add(new JsonObject().put("code", b.code())
                .put("zh", b.zh()).put("en", b.en())
                .put("from", b.from() == null ? null : b.from().toString())
                .put("to", b.to() == null ? null : b.to().toString())));
        Responses.json(ctx, 200, new JsonObject().put("zone", insight.bands().zone().getId())
                .put("bands", list));
    }

    private void hotspots(RoutingContext ctx) {
        int limit = intParam(ctx, "limit", 200, 1, InsightService.MAX_SEGMENTS);
        Responses.reply(ctx, 200, insight.hotspots(window(ctx), limit));
    }

    private void segmentCases(RoutingContext ctx) {
        int edgeId = intParam(ctx, "edgeId", -1, 0, Integer.MAX_VALUE);
        Responses.reply(ctx, 200, insight.segmentCases(edgeId, window(ctx)));
    }

    private void openCases(RoutingContext ctx) {
        Responses.reply(ctx, 200, insight.openCases());
    }

    private void duplicates(RoutingContext ctx) {
        Responses.reply(ctx, 200, insight.duplicates(window(ctx)));
    }

    private void bus(RoutingContext ctx) {
        Responses.reply(ctx, 200, insight.busLayer());
    }

    private void dashboard(RoutingContext ctx) {
        Responses.reply(ctx, 200, insight.dashboard(period(ctx)));
    }

    private Window window(RoutingContext ctx) {
        return insight.window(period(ctx), ctx.request().getParam("band"));
    }

    private Period period(RoutingContext ctx) {
        var q = ctx.request();
        return insight.period(q.getParam("period"), q.getParam("date"), q.getParam("from"),
                q.getParam("to"));
    }

    /** A whole-number query or path parameter; {@code fallback} when absent (if not negative). */
    private static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
        String raw = ctx.pathParam(name) != null ? ctx.pathParam(name)
                : ctx.request().getParam(name);
        if ((raw == null || raw.isBlank()) && fallback >= 0) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw == null ? "" : raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new DomainException(CommonError.VALIDATION_FAILED, name + " 应为 " + min + " 到 "
                + max + " 的整数 / " + name + " must be a whole number from " + min + " to "
                + max, name);
    }
}
