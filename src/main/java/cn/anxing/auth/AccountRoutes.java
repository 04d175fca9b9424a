package cn.anxing.auth;

import static cn.anxing.http.Bodies.object;
import static cn.anxing.http.Bodies.optionalString;
import static cn.anxing.http.Bodies.requiredString;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.http.ClientAddress;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Sign-in and the signed-in account. */
public final class AccountRoutes implements FeatureRoutes {

    private final AccountService accounts;
    private final Authz authz;

    public AccountRoutes(AccountService accounts, Authz authz) {
        this.accounts = accounts;
        this.authz = authz;
    }

    @Override
    public void mount(Router router) {
        authz.guard(router.post("/api/v1/auth/otp/request"), Access.anyone())
                .handler(this::requestCode);
        authz.guard(router.post("/api/v1/auth/otp/verify"), Access.anyone())
                .handler(this::verifyCode);
        authz.guard(router.post("/api/v1/auth/login"), Access.anyone()).handler(this::login);
        authz.guard(router.get("/api/v1/auth/me"), Access.signedIn()).handler(this::me);
        // the admin's account management: AdminRoutes
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
}
