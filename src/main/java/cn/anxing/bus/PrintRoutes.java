package cn.anxing.bus;

import static cn.anxing.http.Bodies.invalid;
import static cn.anxing.http.Bodies.pathParam;
import static cn.anxing.http.Bodies.uuidParam;

import cn.anxing.auth.Access;
import cn.anxing.auth.Authz;
import cn.anxing.auth.Role;
import cn.anxing.http.FeatureRoutes;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The school bus's printed documents: route sheets and stop lists for coordinators (and
 * admins), from the plan in the URL; a household's notice for coordinators and for its parent.
 */
public final class PrintRoutes implements FeatureRoutes {

    private static final String BASE = "/api/v1/bus";
    private static final String PLAN = BASE + "/plans/:planId";

    private final PrintService print;
    private final Authz authz;

    public PrintRoutes(PrintService print, Authz authz) {
        this.print = print;
        this.authz = authz;
    }

    @Override
    public void mount(Router router) {
        Access staff = Access.roles(Role.COORDINATOR, Role.ADMIN);
        Access parent = Access.roles(Role.PARENT);
        authz.guard(router.get(PLAN + "/lines/:line/sheet.pdf"), staff)
                .handler(ctx -> routeSheet(ctx, true));
        authz.guard(router.get(PLAN + "/lines/:line/sheet.csv"), staff)
                .handler(ctx -> routeSheet(ctx, false));
        authz.guard(router.get(PLAN + "/stops.pdf"), staff).handler(ctx -> stopList(ctx, true));
        authz.guard(router.get(PLAN + "/stops.csv"), staff).handler(ctx -> stopList(ctx, false));
        authz.guard(router.get(PLAN + "/households/:householdId/notice.pdf"), staff)
                .handler(this::notice);
        authz.guard(router.get(BASE + "/my-children/:householdId/notice.pdf"), parent)
                .handler(this::parentNotice);
    }

    private void routeSheet(RoutingContext ctx, boolean pdf) {
        send(ctx, print.routeSheet(Authz.caller(ctx), uuidParam(ctx, "planId"), run(ctx),
                line(ctx), pdf));
    }

    private void stopList(RoutingContext ctx, boolean pdf) {
        send(ctx, print.stopList(Authz.caller(ctx), uuidParam(ctx, "planId"), pdf));
    }

    private void notice(RoutingContext ctx) {
        send(ctx, print.notice(Authz.caller(ctx), uuidParam(ctx, "planId"),
                uuidParam(ctx, "householdId")));
    }

    private void parentNotice(RoutingContext ctx) {
        send(ctx, print.parentNotice(Authz.accountId(ctx), uuidParam(ctx, "householdId")));
    }

    /** {@code ?run=evening} (the default) or {@code morning}. */
    private static String run(RoutingContext ctx) {
        List<String> given = ctx.queryParam("run");
        if (given.isEmpty()) {
            return "evening";
        }
        if (given.size() > 1 || !List.of("evening", "morning").contains(given.get(0))) {
            throw invalid("run", "run 只能是 evening（晚自习放学）或 morning（早上到校）/ run must"
                    + " be evening or morning");
        }
        return given.get(0);
    }

    private static int line(RoutingContext ctx) {
        String given = pathParam(ctx, "line");
        if (!given.matches("[1-9][0-9]{0,2}")) {
            throw invalid("line", "line 必须是线路号，如 1 / line must be a line number such as 1");
        }
        return Integer.parseInt(given);
    }

    private static void send(RoutingContext ctx, Future<PrintService.Printout> printout) {
        printout.onSuccess(p -> ctx.response()
                .putHeader("Content-Type", p.fileName().endsWith(".pdf") ? "application/pdf"
                        : "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"" + p.fileName()
                        + "\"")
                .putHeader("Cache-Control", "no-store")
                .end(Buffer.buffer(p.bytes())))
                .onFailure(ctx::fail);
    }
}
