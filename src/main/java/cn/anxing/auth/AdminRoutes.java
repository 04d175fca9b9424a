package cn.anxing.auth;

import static cn.anxing.http.Bodies.object;
import static cn.anxing.http.Bodies.optionalString;
import static cn.anxing.http.Bodies.requiredString;
import static cn.anxing.http.Bodies.uuidParam;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The admin's organisations and staff accounts (账号管理), all for {@code admin} only. */
public final class AdminRoutes implements FeatureRoutes {

    private static final String BASE = "/api/v1/admin";
    private static final Access ADMIN = Access.roles(Role.ADMIN);

    private final StaffAccounts staff;
    private final Authz authz;

    public AdminRoutes(StaffAccounts staff, Authz authz) {
        this.staff = staff;
        this.authz = authz;
    }

    @Override
    public void mount(Router router) {
        authz.guard(router.get(BASE + "/accounts"), ADMIN).handler(this::accounts);
        authz.guard(router.post(BASE + "/accounts"), ADMIN).handler(this::create);
        authz.guard(router.put(BASE + "/accounts/:id"), ADMIN).handler(this::update);
        authz.guard(router.post(BASE + "/accounts/:id/password"), ADMIN).handler(this::password);
        authz.guard(router.post(BASE + "/accounts/:id/disable"), ADMIN).handler(this::disable);
        authz.guard(router.post(BASE + "/accounts/:id/enable"), ADMIN).handler(this::enable);
        authz.guard(router.get(BASE + "/organisations"), ADMIN).handler(this::organisations);
        authz.guard(router.post(BASE + "/organisations"), ADMIN).handler(this::createOrg);
        authz.guard(router.put(BASE + "/organisations/:id"), ADMIN).handler(this::updateOrg);
    }

    private void accounts(RoutingContext ctx) {
        Responses.reply(ctx, 200, staff.list().map(list -> {
            var array = new JsonArray();
            list.forEach(a -> array.add(a.toJson()));
            return array;
        }));
    }

    private void create(RoutingContext ctx) {
        JsonObject body = object(ctx, "username", "displayName", "password", "roles",
                "organisation");
        Responses.reply(ctx, 201, staff.create(Authz.caller(ctx),
                requiredString(body, "username"), requiredString(body, "password"),
                change(body)).map(Account::toJson));
    }

    private void update(RoutingContext ctx) {
        Responses.reply(ctx, 200, staff.update(Authz.caller(ctx), uuidParam(ctx, "id"),
                change(object(ctx, "displayName", "roles", "organisation")))
                .map(Account::toJson));
    }

    private void password(RoutingContext ctx) {
        Responses.reply(ctx, 200, staff.resetPassword(Authz.caller(ctx), uuidParam(ctx, "id"),
                requiredString(object(ctx, "password"), "password")).map(Account::toJson));
    }

    private void disable(RoutingContext ctx) {
        Responses.reply(ctx, 200, staff.setDisabled(Authz.caller(ctx), uuidParam(ctx, "id"),
                true).map(Account::toJson));
    }

    private void enable(RoutingContext ctx) {
        Responses.reply(ctx, 200, staff.setDisabled(Authz.caller(ctx), uuidParam(ctx, "id"),
                false).map(Account::toJson));
    }

    private void organisations(RoutingContext ctx) {
        Responses.reply(ctx, 200, staff.organisations().map(AdminRoutes::toJson));
    }

    private void createOrg(RoutingContext ctx) {
        JsonObject body = object(ctx, "kind", "code", "nameZh", "nameEn", "parent");
        String kind = optionalString(body, "kind");
        var change = new StaffAccounts.OrganisationChange(kind == null ? null
                : OrganisationKind.fromName(kind).orElseThrow(() -> new DomainException(
                        CommonError.VALIDATION_FAILED, "unknown kind: " + kind, "kind")),
                optionalString(body, "code"), optionalString(body, "nameZh"),
                optionalString(body, "nameEn"), optionalString(body, "parent"), null);
        Responses.reply(ctx, 201, staff.createOrganisation(Authz.caller(ctx), change)
                .map(AdminRoutes::toJson));
    }

    private void updateOrg(RoutingContext ctx) {
        JsonObject body = object(ctx, "nameZh", "nameEn", "active");
        Object active = body.getValue("active");
        if (active != null && !(active instanceof Boolean)) {
            throw new DomainException(CommonError.VALIDATION_FAILED, "active: true or false",
                    "active");
        }
        var change = new StaffAccounts.OrganisationChange(null, null,
                optionalString(body, "nameZh"), optionalString(body, "nameEn"), null,
                (Boolean) active);
        Responses.reply(ctx, 200, staff.updateOrganisation(Authz.caller(ctx),
                uuidParam(ctx, "id"), change).map(AdminRoutes::toJson));
    }

    private static StaffAccounts.StaffChange change(JsonObject body) {
        Set<Role> roles = null;
        JsonArray names = body.getValue("roles") instanceof JsonArray a ? a : null;
        if (body.getValue("roles") != null && names == null) {
            throw new DomainException(CommonError.VALIDATION_FAILED, "roles: a list of roles",
                    "roles");
        }
        if (names != null) {
            roles = EnumSet.noneOf(Role.class);
            for (Object name : names) {
                roles.add(Role.fromWire(String.valueOf(name)).orElseThrow(() ->
                        new DomainException(CommonError.VALIDATION_FAILED, "unknown role: " + name,
                                "roles")));
            }
        }
        return new StaffAccounts.StaffChange(optionalString(body, "displayName"), roles,
                optionalString(body, "organisation"));
    }

    static JsonObject toJson(Organisation o) {
        return new JsonObject().put("id", o.id().toString()).put("kind", o.kind().name())
                .put("code", o.code()).put("nameZh", o.nameZh()).put("nameEn", o.nameEn())
                .put("parentId", o.parentId() == null ? null : o.parentId().toString())
                .put("active", o.active());
    }

    private static JsonArray toJson(List<Organisation> list) {
        var array = new JsonArray();
        list.forEach(o -> array.add(toJson(o)));
        return array;
    }
}
