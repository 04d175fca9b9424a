package cn.anxing.accident;

import cn.anxing.accident.cases.*;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.routing.LatLon;
import static cn.anxing.http.Bodies.object;
import static cn.anxing.http.Bodies.optionalString;
import static cn.anxing.http.Bodies.uuidParam;

import cn.anxing.auth.Role;
import cn.anxing.auth.Access;
import cn.anxing.auth.Authz;
import cn.anxing.http.Bodies;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The traffic police's side (交警审核): the queue of disputed and flagged cases, a case with its
 * photos and statements, the decision with any of the five grades, and the statistics.
 */
public final class PoliceReviewRoutes implements FeatureRoutes {

    private static final String CASE = "/api/v1/police/accidents/:id";

    private final PoliceReview police;
    private final CaseEvidence evidence;
    private final AccidentViews views;
    private final Authz authz;

    public PoliceReviewRoutes(AccidentUseCases accidents, AccidentViews views, Authz authz) {
        this.police = accidents.police();
        this.evidence = accidents.evidence();
        this.views = views;
        this.authz = authz;
    }

    @Override
    public void mount(Router router) {
        authz.guard(router.route("/api/v1/police/*"), Access.roles(Role.POLICE));
        router.get("/api/v1/police/accidents").handler(this::queue);
        router.get("/api/v1/police/statistics").handler(this::statistics);
        router.get(CASE).handler(this::view);
        router.get(CASE + "/photos/:photoId").handler(this::photo);
        router.post(CASE + "/decision").handler(this::decide);
        router.post(CASE + "/close").handler(this::close);
    }

    private void queue(RoutingContext ctx) {
        Responses.reply(ctx, 200, police.queue().map(list -> new JsonArray(list.stream()
                .map(AccidentViews::queueEntry).toList())));
    }

    private void statistics(RoutingContext ctx) {
        Responses.reply(ctx, 200, police.statistics().map(AccidentViews::statistics));
    }

    private void view(RoutingContext ctx) {
        Responses.reply(ctx, 200, police.view(uuidParam(ctx, "id")).map(views::forPolice));
    }

    private void photo(RoutingContext ctx) {
        evidence.photo(Authz.accountId(ctx), true, uuidParam(ctx, "id"),
                uuidParam(ctx, "photoId")).onSuccess(file -> {
                    cn.anxing.http.SecurityHeaders.userFile(ctx.response(),
                            ctx.pathParam("photoId"), file.contentType());
                    ctx.response().putHeader("Cache-Control", "private, max-age=3600")
                            .end(Buffer.buffer(file.bytes()));
                })
                .onFailure(ctx::fail);
    }

    private void close(RoutingContext ctx) {
        Responses.reply(ctx, 200, police.close(Authz.accountId(ctx), uuidParam(ctx, "id"),
                AccidentRoutes.version(ctx, null)).map(views::forPolice));
    }

    private void decide(RoutingContext ctx) {
        JsonObject body = object(ctx);
        Map<String, String> grades = new LinkedHashMap<>();
        Bodies.requiredObject(body, "grades").forEach(e -> grades.put(e.getKey(),
                e.getValue() instanceof String s ? s : null));
        Responses.reply(ctx, 200, police.decide(Authz.accountId(ctx), uuidParam(ctx, "id"),
                AccidentRoutes.version(ctx, body), grades, optionalString(body, "note"))
                .map(views::forPolice));
    }
}
