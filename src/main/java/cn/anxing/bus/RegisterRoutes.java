package cn.anxing.bus;

import static cn.anxing.http.Bodies.object;
import static cn.anxing.http.Bodies.uuidParam;

import cn.anxing.auth.Access;
import cn.anxing.auth.Authz;
import cn.anxing.auth.Role;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The coordinator desk's register (登记): edit a school, its buses and households, pin a
 * household given by address, and import the household list a school exports. Coordinators
 * act on their own organisation's schools (the service checks), admins on every school.
 */
public final class RegisterRoutes implements FeatureRoutes {

    private static final String SCHOOL = "/api/v1/bus/schools/:schoolId";
    private static final String REGISTER = SCHOOL + "/register";
    private static final String IMPORT = SCHOOL + "/households/import";
    private static final Pattern FILE_TYPE = Pattern.compile("(?i)(text/csv|text/plain"
            + "|application/vnd\\.openxmlformats-officedocument\\.spreadsheetml\\.sheet"
            + "|application/vnd\\.ms-excel|application/octet-stream)(;.*)?");

    private final RegisterService register;
    private final RegisterBodies bodies;
    private final Authz authz;

    public RegisterRoutes(RegisterService register, BusService bus, Authz authz) {
        this.register = register;
        this.bodies = new RegisterBodies(bus::requireOnMap);
        this.authz = authz;
    }

    @Override
    public void mount(Router router) {
        Access staff = Access.roles(Role.COORDINATOR, Role.ADMIN);
        authz.guard(router.get(REGISTER), staff).handler(this::read);
        authz.guard(router.put(SCHOOL), staff).handler(this::editSchool);
        authz.guard(router.post(SCHOOL + "/remove"), staff).handler(this::removeSchool);
        authz.guard(router.post(REGISTER + "/buses"), staff).handler(this::addBus);
        authz.guard(router.put(REGISTER + "/buses/:busId"), staff).handler(this::editBus);
        authz.guard(router.post(REGISTER + "/buses/remove"), staff).handler(this::removeBuses);
        authz.guard(router.post(REGISTER + "/households"), staff).handler(this::addHousehold);
        authz.guard(router.put(REGISTER + "/households/:householdId"), staff)
                .handler(this::editHousehold);
        authz.guard(router.put(REGISTER + "/households/:householdId/position"), staff)
                .handler(this::pin);
        authz.guard(router.post(REGISTER + "/households/remove"), staff)
                .handler(this::removeHouseholds);
        authz.guard(router.get(IMPORT + "/template.csv"), staff).handler(this::csvTemplate);
        authz.guard(router.get(IMPORT + "/template.xlsx"), staff).handler(this::xlsxTemplate);
        authz.guard(router.post(IMPORT + "/preview"), staff).handler(this::preview);
        authz.guard(router.post(IMPORT), staff).handler(this::importFile);
    }

    private void read(RoutingContext ctx) {
        Responses.reply(ctx, 200, register.register(Authz.caller(ctx), schoolId(ctx))
                .map(RegisterViews::register));
    }

    private void editSchool(RoutingContext ctx) {
        var fields = bodies.school(object(ctx));
        Responses.reply(ctx, 200, register.updateSchool(Authz.caller(ctx), schoolId(ctx),
                fields.name(), fields.location(), fields.evening(), fields.morning())
                .map(BusRoutes::schoolJson));
    }

    private void removeSchool(RoutingContext ctx) {
        String name = cn.anxing.http.Bodies.requiredString(object(ctx, "name"), "name", 100);
        Responses.reply(ctx, 200, register.deleteSchool(Authz.caller(ctx), schoolId(ctx), name)
                .map(x -> new JsonObject().put("removed", true)));
    }

    private void addBus(RoutingContext ctx) {
        var bus = bodies.bus(null, object(ctx));
        Responses.reply(ctx, 201, register.addBus(Authz.caller(ctx), schoolId(ctx), bus)
                .map(RegisterViews::bus));
    }

    private void editBus(RoutingContext ctx) {
        var bus = bodies.bus(uuidParam(ctx, "busId"), object(ctx));
        Responses.reply(ctx, 200, register.updateBus(Authz.caller(ctx), schoolId(ctx), bus)
                .map(RegisterViews::bus));
    }

    private void removeBuses(RoutingContext ctx) {
        var ids = RegisterBodies.ids(object(ctx));
        Responses.reply(ctx, 200, register.deleteBuses(Authz.caller(ctx), schoolId(ctx), ids)
                .map(n -> new JsonObject().put("removed", n)));
    }

    private void addHousehold(RoutingContext ctx) {
        var household = bodies.household(null, object(ctx));
        Responses.reply(ctx, 201, register.addHousehold(Authz.caller(ctx), schoolId(ctx),
                household).map(RegisterViews::household));
    }

    /** Without {@code parentPhone} the registered phone is kept; {@code null} removes it. */
    private void editHousehold(RoutingContext ctx) {
        JsonObject body = object(ctx);
        var household = bodies.household(uuidParam(ctx, "householdId"), body);
        Responses.reply(ctx, 200, register.updateHousehold(Authz.caller(ctx), schoolId(ctx),
                household, !body.containsKey("parentPhone")).map(RegisterViews::household));
    }

    private void pin(RoutingContext ctx) {
        var location = bodies.position(object(ctx));
        Responses.reply(ctx, 200, register.pin(Authz.caller(ctx), schoolId(ctx),
                uuidParam(ctx, "householdId"), location).map(RegisterViews::household));
    }

    private void removeHouseholds(RoutingContext ctx) {
        var ids = RegisterBodies.ids(object(ctx));
        Responses.reply(ctx, 200, register.deleteHouseholds(Authz.caller(ctx), schoolId(ctx), ids)
                .map(n -> new JsonObject().put("removed", n)));
    }

    private void csvTemplate(RoutingContext ctx) {
        download(ctx, false, "text/csv; charset=utf-8", "家庭导入模板.csv");
    }

    private void xlsxTemplate(RoutingContext ctx) {
        download(ctx, true, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "家庭导入模板.xlsx");
    }

    private void download(RoutingContext ctx, boolean xlsx, String type, String name) {
        register.template(Authz.caller(ctx), schoolId(ctx), xlsx).onSuccess(bytes -> ctx
                .response().putHeader("Content-Type", type)
                .putHeader("Content-Disposition", "attachment; filename=\"template."
                        + (xlsx ? "xlsx" : "csv") + "\"; filename*=UTF-8''"
                        + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20"))
                .putHeader("Cache-Control", "no-store")
                .end(Buffer.buffer(bytes))).onFailure(ctx::fail);
    }

    /** The file's check, line by line; nothing is stored. */
    private void preview(RoutingContext ctx) {
        byte[] file = file(ctx);
        Responses.reply(ctx, 200, register.preview(Authz.caller(ctx), schoolId(ctx), file,
                ctx.request().getParam("encoding"), crs(ctx)).map(RegisterViews::report));
    }

    /** Stores the whole file when its check is clean; otherwise 400 and nothing stored. */
    private void importFile(RoutingContext ctx) {
        byte[] file = file(ctx);
        Responses.reply(ctx, 201, register.importFile(Authz.caller(ctx), schoolId(ctx), file,
                ctx.request().getParam("encoding"), crs(ctx)).map(RegisterViews::report));
    }

    private static Optional<CoordinateSystem> crs(RoutingContext ctx) {
        return HouseholdImport.option(ctx.request().getParam("crs"));
    }

    private static byte[] file(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !FILE_TYPE.matcher(type).matches()) {
            throw new DomainException(CommonError.UNSUPPORTED_MEDIA_TYPE, "请上传 CSV 或 Excel 文件"
                    + " / send the file as text/csv or an Excel type", "Content-Type");
        }
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        return body == null ? new byte[0] : body.getBytes();
    }

    private static UUID schoolId(RoutingContext ctx) {
        return uuidParam(ctx, "schoolId");
    }
}
