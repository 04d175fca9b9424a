package cn.anxing.auth;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The route-level checks every feature's routes put before their handlers: a valid session
 * token, and one of the roles a route allows. It lives with the roles it checks, so the http
 * package knows no roles; it is the one class outside routes and views that reads a request.
 */
public final class Authz {

    private final JWTAuthHandler authenticated;

    public Authz(JWTAuth jwt) {
        this.authenticated = JWTAuthHandler.create(jwt);
    }

    /** Fails with 401 unless the request carries a valid, unexpired bearer token. */
    public Handler<RoutingContext> authenticated() {
        return authenticated;
    }

    /** Fails with 403 unless the signed-in account has one of {@code allowed}. */
    public static Handler<RoutingContext> anyOf(Role... allowed) {
        Set<Role> roles = EnumSet.of(allowed[0], allowed);
        return ctx -> {
            if (roles(ctx).stream().anyMatch(roles::contains)) {
                ctx.next();
            } else {
                ctx.fail(new DomainException(CommonError.FORBIDDEN, "这个操作需要以下角色之一 /"
                        + " this needs one of the roles "
                        + roles.stream().map(Role::wireName).toList()));
            }
        };
    }

    public static UUID accountId(RoutingContext ctx) {
        return UUID.fromString(ctx.user().principal().getString("sub"));
    }

    public static Set<Role> roles(RoutingContext ctx) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (ctx.user() == null) {
            return roles;
        }
        JsonArray names = ctx.user().principal().getJsonArray("roles", new JsonArray());
        for (Object name : names) {
            Role.fromWire(String.valueOf(name)).ifPresent(roles::add);
        }
        return roles;
    }
}
