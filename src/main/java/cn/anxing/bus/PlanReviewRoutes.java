package cn.anxing.bus;

import static cn.anxing.http.Bodies.invalid;
import static cn.anxing.http.Bodies.object;
import static cn.anxing.http.Bodies.requiredInt;
import static cn.anxing.http.Bodies.requiredString;
import static cn.anxing.http.Bodies.uuidParam;

import cn.anxing.auth.Access;
import cn.anxing.auth.Authz;
import cn.anxing.auth.Role;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/**
 * Plan review: a coordinator lists a school's plans with their state, compares two, edits one
 * by hand, publishes it per run and cancels a job; a parent reads the published plan only.
 */
public final class PlanReviewRoutes implements FeatureRoutes {

    private static final String BASE = "/api/v1/bus";

    private final PlanReviewService review;
    private final Authz authz;

    public PlanReviewRoutes(PlanReviewService review, Authz authz) {
        this.review = review;
        this.authz = authz;
    }

    @Override
    public void mount(Router router) {
        Access staff = Access.roles(Role.COORDINATOR, Role.ADMIN);
        Access parent = Access.roles(Role.PARENT);
        authz.guard(router.get(BASE + "/schools/:schoolId/plans"), staff).handler(this::plans);
        authz.guard(router.post(BASE + "/plans/:planId/publish"), staff).handler(this::publish);
        authz.guard(router.get(BASE + "/plans/:planId/compare/:otherId"), staff)
                .handler(this::compare);
        authz.guard(router.post(BASE + "/plans/:planId/move-household"), staff)
                .handler(this::moveHousehold);
        authz.guard(router.post(BASE + "/plans/:planId/move-stop"), staff)
                .handler(this::moveStop);
        authz.guard(router.post(BASE + "/plans/:planId/rename-stop"), staff)
                .handler(this::renameStop);
        authz.guard(router.post(BASE + "/plan-jobs/:jobId/cancel"), staff).handler(this::cancel);
        authz.guard(router.post(BASE + "/plans/:planId/replan"), staff).handler(this::replan);
        authz.guard(router.get(BASE + "/my-children"), parent).handler(this::myChildren);
        authz.guard(router.get(BASE + "/my-children/:householdId"), parent).handler(this::myChild);
    }

    private void plans(RoutingContext ctx) {
        Responses.reply(ctx, 200, review.plans(Authz.caller(ctx), uuidParam(ctx, "schoolId")));
    }

    private void publish(RoutingContext ctx) {
        String run = requiredString(object(ctx, "run"), "run", 10);
        List<String> runs = switch (run) {
            case "evening", "morning" -> List.of(run);
            case "both" -> PlanReviewService.RUNS;
            default -> throw invalid("run", "run 只能是 evening、morning 或 both / run must be"
                    + " evening, morning or both");
        };
        Responses.reply(ctx, 200, review.publish(Authz.caller(ctx), uuidParam(ctx, "planId"),
                runs));
    }

    private void compare(RoutingContext ctx) {
        Responses.reply(ctx, 200, review.compare(Authz.caller(ctx), uuidParam(ctx, "planId"),
                uuidParam(ctx, "otherId")));
    }

    private void moveHousehold(RoutingContext ctx) {
        JsonObject body = object(ctx, "version", "householdId", "stopId");
        Responses.reply(ctx, 201, review.moveHousehold(Authz.caller(ctx),
                uuidParam(ctx, "planId"), version(body), uuid(body, "householdId"),
                stopId(body)));
    }

    private void moveStop(RoutingContext ctx) {
        JsonObject body = object(ctx, "version", "run", "stopId", "line");
        String run = requiredString(body, "run", 10);
        if (!PlanReviewService.RUNS.contains(run)) {
            throw invalid("run", "run 只能是 evening 或 morning / run must be evening or morning");
        }
        Responses.reply(ctx, 201, review.moveStop(Authz.caller(ctx), uuidParam(ctx, "planId"),
                version(body), run, stopId(body), requiredInt(body, "line", 1, 1000)));
    }

    private void renameStop(RoutingContext ctx) {
        JsonObject body = object(ctx, "version", "stopId", "name");
        String name = requiredString(body, "name", 40);
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw invalid("name", "站名不能含控制字符 / name must not hold control characters");
        }
        Responses.reply(ctx, 201, review.renameStop(Authz.caller(ctx),
                uuidParam(ctx, "planId"), version(body), stopId(body), name));
    }

    private void replan(RoutingContext ctx) {
        JsonObject body = object(ctx, "lockedLines", "solverSeconds");
        JsonArray given = cn.anxing.http.Bodies.requiredArray(body, "lockedLines");
        if (given.isEmpty() || given.size() > 100) {
            throw invalid("lockedLines", "lockedLines 须列出 1 到 100 条晚上线路 / lockedLines"
                    + " names 1 to 100 evening lines");
        }
        List<Integer> lines = new java.util.ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            if (!(given.getValue(i) instanceof Integer n) || n < 1) {
                throw invalid("lockedLines[" + i + "]", "线路编号须为正整数 / a line number is a"
                        + " whole number from 1");
            }
            lines.add(n);
        }
        java.time.Duration solverTime = body.containsKey("solverSeconds")
                ? java.time.Duration.ofSeconds(requiredInt(body, "solverSeconds", 1, 600)) : null;
        Responses.reply(ctx, 202, review.replan(Authz.caller(ctx), uuidParam(ctx, "planId"),
                lines.stream().distinct().toList(), solverTime));
    }

    private void cancel(RoutingContext ctx) {
        Responses.reply(ctx, 200, review.cancel(Authz.caller(ctx), uuidParam(ctx, "jobId")));
    }

    private void myChildren(RoutingContext ctx) {
        Responses.reply(ctx, 200, review.childrenBuses(Authz.accountId(ctx))
                .map(JsonArray::new));
    }

    private void myChild(RoutingContext ctx) {
        Responses.reply(ctx, 200, review.childBus(Authz.accountId(ctx),
                uuidParam(ctx, "householdId")));
    }

    // ---------------------------------------------------------------- parsing

    /** The version of the plan the coordinator edited, so a stale page's edit is refused. */
    private static int version(JsonObject body) {
        return requiredInt(body, "version", 1, 1_000_000);
    }

    private static String stopId(JsonObject body) {
        String id = requiredString(body, "stopId", 20);
        if (!id.matches("S\\d{1,6}")) {
            throw invalid("stopId", "stopId is a stop of the plan such as S12");
        }
        return id;
    }

    private static UUID uuid(JsonObject body, String field) {
        try {
            return UUID.fromString(requiredString(body, field, 36));
        } catch (IllegalArgumentException e) {
            throw invalid(field, field + " must be a UUID");
        }
    }
}
