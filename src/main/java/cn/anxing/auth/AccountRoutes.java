package cn.anxing.auth;

import static cn.anxing.http.Bodies.object;
import static cn.anxing.http.Bodies.optionalString;
import static cn.anxing.http.Bodies.requiredArray;
import static cn.anxing.http.Bodies.requiredString;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.http.ClientAddress;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;

/** Sign-in, the signed-in account, and the admin's account management. */
public final class AccountRoutes implements FeatureRoutes {

    private final AccountService accounts;
    private final Authz authz;

    public AccountRoutes(AccountService accounts, Authz authz) {
        this.accounts = accounts;
        this.authz = authz;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/v1/auth/otp/request").handler(this::requestCode);
        router.post("/api/v1/auth/otp/verify").handler(this::verifyCode);
        router.post("/api/v1/auth/login").handler(this::login);
        router.get("/api/v1/auth/me").handler(authz.authenticated()).handler(this::me);
        router.get("/api/v1/admin/accounts").handler(authz.authenticated())
                .handler(Authz.anyOf(Role.ADMIN)).handler(this::list);
        router.post("/api/v1/admin/accounts").handler(authz.authenticated())
                .handler(Authz.anyOf(Role.ADMIN)).handler(this::createStaff);
    }

    private void requestCode(RoutingContext ctx) {
        var body = object(ctx, "phone");
        String address = ClientAddress.of(ctx);
        Responses.reply(ctx, 202, accounts.requestCode(requiredString(body, "phone", 20), address)
                .map(AccountService.CodeSent::toJson));
    }

    private void verifyCode(RoutingContext ctx) {
        var body = object(ctx, "phone", "code");
        Responses.reply(ctx, 200, accounts.verifyCode(requiredString(body, "phone", 20),
                requiredString(body, "code", 10)).map(AccountService.Session::toJson));
    }

    private void login(RoutingContext ctx) {
        var body = object(ctx, "username", "password");
        Responses.reply(ctx, 200, accounts.login(optionalString(body, "username", 64),
                optionalString(body, "password", 200), ClientAddress.of(ctx))
                .map(AccountService.Session::toJson));
    }

    private void me(RoutingContext ctx) {
        Responses.reply(ctx, 200, accounts.me(Authz.accountId(ctx).toString())
                .map(Account::toJson));
    }

    private void list(RoutingContext ctx) {
        Responses.reply(ctx, 200, accounts.list().map(list -> {
            var array = new JsonArray();
            list.forEach(a -> array.add(a.toJson()));
            return array;
        }));
    }

    private void createStaff(RoutingContext ctx) {
        var body = object(ctx, "username", "displayName", "password", "roles", "organisation");
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object name : requiredArray(body, "roles")) {
            if (!(name instanceof String)) {
                throw new DomainException(CommonError.VALIDATION_FAILED, "roles 须为文本 / each"
                        + " role must be a string such as police", "roles");
            }
            roles.add(Role.fromWire(String.valueOf(name)).orElseThrow(() ->
                    new DomainException(CommonError.VALIDATION_FAILED, "unknown role: " + name,
                            "roles")));
        }
        Responses.reply(ctx, 201, accounts.createStaff(requiredString(body, "username", 64),
                requiredString(body, "displayName", 50), requiredString(body, "password", 200),
                roles, optionalString(body, "organisation", 64)).map(Account::toJson));
    }
}
