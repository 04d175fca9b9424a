package cn.anxing.bus;

import static cn.anxing.http.Bodies.object;
import static cn.anxing.http.Bodies.uuidParam;

import cn.anxing.auth.Access;
import cn.anxing.auth.Authz;
import cn.anxing.auth.PhoneNumbers;
import cn.anxing.auth.Role;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.http.Bodies;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import cn.anxing.routing.LatLon;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The school bus API: coordinators (and admins) manage schools, households, buses, rules and
 * plans. Reviewing, publishing and what parents read are {@link PlanReviewRoutes}'.
 */
public final class BusRoutes implements FeatureRoutes {

    private static final String BASE = "/api/v1/bus";
    /** The most households one bulk request may register. */
    private static final int BULK_LIMIT = 5000;

    private final BusService bus;
    private final Authz authz;

    public BusRoutes(BusService bus, Authz authz) {
        this.bus = bus;
        this.authz = authz;
    }

    @Override
    public void mount(Router router) {
        Access staff = Access.roles(Role.COORDINATOR, Role.ADMIN);
        authz.guard(router.post(BASE + "/schools"), staff).handler(this::createSchool);
        authz.guard(router.get(BASE + "/schools"), staff).handler(this::schools);
        authz.guard(router.get(BASE + "/schools/:schoolId"), staff).handler(this::school);
        authz.guard(router.post(BASE + "/schools/:schoolId/households"), staff)
                .handler(this::registerHousehold);
        authz.guard(router.post(BASE + "/schools/:schoolId/households/bulk"), staff)
                .handler(this::registerHouseholds);
        authz.guard(router.get(BASE + "/schools/:schoolId/households"), staff)
                .handler(this::households);
        authz.guard(router.post(BASE + "/schools/:schoolId/buses"), staff).handler(this::addBus);
        authz.guard(router.get(BASE + "/schools/:schoolId/buses"), staff).handler(this::buses);
        authz.guard(router.get(BASE + "/schools/:schoolId/policy"), staff).handler(this::policy);
        authz.guard(router.put(BASE + "/schools/:schoolId/policy"), staff).handler(this::setPolicy);
        authz.guard(router.post(BASE + "/schools/:schoolId/plans"), staff)
                .handler(this::requestPlan);
        authz.guard(router.get(BASE + "/schools/:schoolId/plans/latest"), staff)
                .handler(this::latestPlan);
        authz.guard(router.get(BASE + "/schools/:schoolId/plan-jobs"), staff).handler(this::jobs);
        authz.guard(router.get(BASE + "/plan-jobs/:jobId"), staff).handler(this::job);
        authz.guard(router.get(BASE + "/plans/:planId"), staff).handler(this::plan);
        authz.guard(router.get(BASE + "/plans/:planId/geojson"), staff).handler(this::geoJson);
    }

    // ---------------------------------------------------------------- handlers

    private void createSchool(RoutingContext ctx) {
        JsonObject body = object(ctx, "name", "lat", "lon", "crs", "eveningDismissal",
                "morningArrival");
        String name = text(body, "name", "", 100, true);
        LatLon location = location(body, "");
        LocalTime evening = time(body, "eveningDismissal", LocalTime.of(21, 0));
        LocalTime morning = time(body, "morningArrival", LocalTime.of(7, 20));
        Responses.reply(ctx, 201, bus.createSchool(Authz.caller(ctx),
                name, location, evening, morning)
                .map(BusRoutes::schoolJson));
    }

    private void schools(RoutingContext ctx) {
        Responses.reply(ctx, 200, bus.schools(Authz.caller(ctx)).map(list -> {
            var array = new JsonArray();
            list.forEach(s -> array.add(schoolJson(s.school())
                    .put("households", s.households()).put("students", s.students())
                    .put("buses", s.buses())
                    .put("latestPlanId", s.latestPlan() == null ? null
                            : s.latestPlan().toString())));
            return array;
        }));
    }

    private void school(RoutingContext ctx) {
        Responses.reply(ctx, 200, bus.school(Authz.caller(ctx), uuidParam(ctx, "schoolId"))
                .map(BusRoutes::schoolJson));
    }

    private void registerHousehold(RoutingContext ctx) {
        Household household = household(object(ctx), "");
        Responses.reply(ctx, 201, bus.registerHouseholds(Authz.caller(ctx),
                uuidParam(ctx, "schoolId"),
                List.of(household)).map(list -> householdJson(list.get(0))));
    }

    private void registerHouseholds(RoutingContext ctx) {
        JsonArray items = array(object(ctx, "households"), "households", BULK_LIMIT);
        List<Household> households = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            households.add(household(item(items, i, "households"), "households[" + i + "]."));
        }
        Responses.reply(ctx, 201, bus.registerHouseholds(Authz.caller(ctx),
                uuidParam(ctx, "schoolId"), households)
                .map(list -> new JsonObject().put("registered", list.size())));
    }

    private void households(RoutingContext ctx) {
        Responses.reply(ctx, 200, bus.households(Authz.caller(ctx),
                uuidParam(ctx, "schoolId")).map(list -> {
            var array = new JsonArray();
            list.forEach(h -> array.add(householdJson(h)));
            return array;
        }));
    }

    private void addBus(RoutingContext ctx) {
        JsonObject body = object(ctx);
        List<SchoolBus> buses = new ArrayList<>();
        if (body.containsKey("buses")) {
            Bodies.only(body, "", "buses");
            JsonArray items = array(body, "buses", 500);
            for (int i = 0; i < items.size(); i++) {
                buses.add(schoolBus(item(items, i, "buses"), "buses[" + i + "]."));
            }
        } else {
            buses.add(schoolBus(body, ""));
        }
        Responses.reply(ctx, 201, bus.addBuses(Authz.caller(ctx),
                uuidParam(ctx, "schoolId"), buses).map(list -> {
            var array = new JsonArray();
            list.forEach(b -> array.add(busJson(b)));
            return array;
        }));
    }

    private void buses(RoutingContext ctx) {
        Responses.reply(ctx, 200, bus.buses(Authz.caller(ctx),
                uuidParam(ctx, "schoolId")).map(list -> {
            var array = new JsonArray();
            list.forEach(b -> array.add(busJson(b)));
            return array;
        }));
    }

    private void policy(RoutingContext ctx) {
        Responses.reply(ctx, 200, bus.policy(Authz.caller(ctx), uuidParam(ctx, "schoolId"))
                .map(JsonObject::mapFrom));
    }

    private void setPolicy(RoutingContext ctx) {
        JsonObject body = object(ctx, "maxWalkMetres", "maxRideSeconds", "dwellBaseSeconds",
                "dwellPerStudentSeconds", "noStopRoadClasses", "solverSeconds");
        List<String> classes = new ArrayList<>();
        JsonArray given = array(body, "noStopRoadClasses", 50);
        for (int i = 0; i < given.size(); i++) {
            if (!(given.getValue(i) instanceof String s) || !s.matches("[a-z_]{2,30}")) {
                throw invalid("noStopRoadClasses[" + i + "]",
                        "an OSM highway class such as motorway or trunk_link");
            }
            classes.add(s);
        }
        var policy = new BusPolicy(whole(body, "maxWalkMetres", 50, 3000),
                whole(body, "maxRideSeconds", 300, 4 * 3600),
                whole(body, "dwellBaseSeconds", 0, 600),
                whole(body, "dwellPerStudentSeconds", 0, 120), classes,
                whole(body, "solverSeconds", 1, 600));
        Responses.reply(ctx, 200, bus.updatePolicy(Authz.caller(ctx),
                uuidParam(ctx, "schoolId"), policy)
                .map(JsonObject::mapFrom));
    }

    private void requestPlan(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        JsonObject body = text == null || text.isBlank() ? new JsonObject()
                : object(ctx, "solverSeconds", "seed");
        Duration solverTime = body.containsKey("solverSeconds")
                ? Duration.ofSeconds(whole(body, "solverSeconds", 1, 600)) : null;
        long seed = body.containsKey("seed") ? whole(body, "seed", 0, Integer.MAX_VALUE) : 1;
        Responses.reply(ctx, 202, bus.requestPlan(Authz.caller(ctx), uuidParam(ctx, "schoolId"),
                Authz.accountId(ctx), solverTime, seed));
    }

    private void latestPlan(RoutingContext ctx) {
        Responses.reply(ctx, 200, bus.latestPlan(Authz.caller(ctx), uuidParam(ctx, "schoolId")));
    }

    private void jobs(RoutingContext ctx) {
        Responses.reply(ctx, 200, bus.jobsOf(Authz.caller(ctx),
                uuidParam(ctx, "schoolId")).map(JsonArray::new));
    }

    private void job(RoutingContext ctx) {
        Responses.reply(ctx, 200, bus.job(Authz.caller(ctx), uuidParam(ctx, "jobId")));
    }

    private void plan(RoutingContext ctx) {
        Responses.reply(ctx, 200, bus.plan(Authz.caller(ctx), uuidParam(ctx, "planId")));
    }

    private void geoJson(RoutingContext ctx) {
        bus.planGeoJson(Authz.caller(ctx), uuidParam(ctx, "planId")).onSuccess(geo -> ctx.response()
                .putHeader("Content-Type", "application/geo+json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(geo.encode())).onFailure(ctx::fail);
    }

    // ---------------------------------------------------------------- parsing

    private Household household(JsonObject body, String prefix) {
        Bodies.only(body, prefix, "lat", "lon", "crs", "students", "needsDoorStop",
                "parentPhone", "label");
        LatLon location = location(body, prefix);
        int students = whole(body, "students", prefix, 1, 20);
        boolean door = flag(body, "needsDoorStop", prefix);
        String phone = body.getValue("parentPhone") == null ? null
                : PhoneNumbers.normalise(text(body, "parentPhone", prefix, 20, true),
                prefix + "parentPhone");
        String label = text(body, "label", prefix, 100, false);
        if (label == null) {
            label = "家庭 " + (phone == null ? "" : PhoneNumbers.mask(phone));
        }
        return new Household(null, label.trim(), location, students, door, phone, false);
    }

    private SchoolBus schoolBus(JsonObject body, String prefix) {
        Bodies.only(body, prefix, "label", "capacity", "depot");
        String label = text(body, "label", prefix, 50, true);
        int capacity = whole(body, "capacity", prefix, 1, 100);
        LatLon depot = null;
        Object given = body.getValue("depot");
        if (given != null) {
            if (!(given instanceof JsonObject d)) {
                throw invalid(prefix + "depot",
                        "depot must be an object {lat, lon, crs} or null for the school");
            }
            depot = location(Bodies.only(d, prefix + "depot.", "lat", "lon", "crs"),
                    prefix + "depot.");
        }
        return new SchoolBus(null, label, capacity, depot);
    }

    /** lat and lon in the given crs (WGS84 unless said), converted to WGS-84 and on the map. */
    private LatLon location(JsonObject body, String prefix) {
        double lat = number(body, "lat", prefix);
        double lon = number(body, "lon", prefix);
        CoordinateSystem crs = CoordinateSystem.WGS84;
        if (body.getValue("crs") != null) {
            String name = text(body, "crs", prefix, 10, true);
            crs = CoordinateSystem.parse(name).orElseThrow(() -> invalid(
                    prefix + "crs", prefix + "crs 只能是 WGS84、GCJ02 或 BD09 / " + prefix
                    + "crs must be WGS84, GCJ02 or BD09"));
        }
        if (lat < -90 || lat > 90) {
            throw invalid(prefix + "lat", prefix + "lat 不是有效纬度 / " + prefix
                    + "lat must be a latitude");
        }
        if (lon < -180 || lon > 180) {
            throw invalid(prefix + "lon", prefix + "lon 不是有效经度 / " + prefix
                    + "lon must be a longitude");
        }
        LatLon point = crs.toWgs84(new LatLon(lat, lon));
        bus.requireOnMap(point, prefix + "lat", prefix + "lon");
        return point;
    }

    private static double number(JsonObject body, String field, String prefix) {
        Object value = body.getValue(field);
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw invalid(prefix + field, prefix + field + " 必须是数字 / " + prefix + field
                    + " must be a number");
        }
        return n.doubleValue();
    }

    private static int whole(JsonObject body, String field, int min, int max) {
        return whole(body, field, "", min, max);
    }

    private static int whole(JsonObject body, String field, String prefix, int min, int max) {
        Object value = body.getValue(field);
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw invalid(prefix + field, prefix + field + " 必须是整数 / " + prefix
                    + field + " must be a whole number");
        }
        if (n.doubleValue() < min || n.doubleValue() > max) {
            throw invalid(prefix + field, prefix + field + " 应在 " + min + " 到 "
                    + max + " 之间 / " + prefix + field + " must be between " + min + " and "
                    + max);
        }
        return n.intValue();
    }

    private static boolean flag(JsonObject body, String field, String prefix) {
        Object value = body.getValue(field);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw invalid(prefix + field, prefix + field + " 必须是 true 或 false / "
                    + prefix + field + " must be true or false");
        }
        return b;
    }

    private static String text(JsonObject body, String field, String prefix, int maxLength,
                               boolean required) {
        Object value = body.getValue(field);
        if (value == null || value instanceof String s && s.isBlank()) {
            if (required) {
                throw invalid(prefix + field, prefix + field + " 必填 / " + prefix
                        + field + " is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw invalid(prefix + field, prefix + field + " 必须是文本 / " + prefix
                    + field + " must be a string");
        }
        if (s.length() > maxLength) {
            throw invalid(prefix + field, prefix + field + " is longer than "
                    + maxLength + " characters");
        }
        return s.trim();
    }

    private static LocalTime time(JsonObject body, String field, LocalTime otherwise) {
        Object value = body.getValue(field);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof String text) || text.length() > 8) {
            throw invalid(field, field + " must be a time of day such as 21:00");
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(field, field + " must be a time of day such as 21:00");
        }
    }

    private static JsonArray array(JsonObject body, String field, int max) {
        Object value = body.getValue(field);
        if (!(value instanceof JsonArray a)) {
            throw invalid(field, field + " 必须是数组 / " + field + " must be an array");
        }
        if (a.isEmpty()) {
            throw invalid(field, field + " 不能为空 / " + field + " must not be empty");
        }
        if (a.size() > max) {
            throw invalid(field, field + " may hold at most " + max + " items");
        }
        return a;
    }

    private static JsonObject item(JsonArray items, int i, String field) {
        if (!(items.getValue(i) instanceof JsonObject o)) {
            throw invalid(field + "[" + i + "]", field + "[" + i
                    + "] must be an object");
        }
        return o;
    }

    private static DomainException invalid(String field, String message) {
        return new DomainException(CommonError.VALIDATION_FAILED, message, field);
    }

    // ---------------------------------------------------------------- responses

    static JsonObject schoolJson(School s) {
        return new JsonObject().put("id", s.id().toString()).put("name", s.name())
                .put("lat", s.location().lat()).put("lon", s.location().lon())
                .put("eveningDismissal", s.eveningDismissal().toString())
                .put("morningArrival", s.morningArrival().toString());
    }

    static JsonObject householdJson(Household h) {
        return new JsonObject().put("id", h.id().toString()).put("label", h.label())
                .put("lat", h.location().lat()).put("lon", h.location().lon())
                .put("students", h.students()).put("needsDoorStop", h.needsDoorStop())
                .put("parentPhone", h.parentPhone() == null ? null
                        : PhoneNumbers.mask(h.parentPhone()))
                .put("generated", h.generated());
    }

    static JsonObject busJson(SchoolBus b) {
        return new JsonObject().put("id", b.id().toString()).put("label", b.label())
                .put("capacity", b.capacity())
                .put("depot", b.depot() == null ? null : new JsonObject()
                        .put("lat", b.depot().lat()).put("lon", b.depot().lon()));
    }
}
