package cn.anxing.auth;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.http.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The route-level checks every feature's routes put before their handlers: a valid session
 * token whose account still has it (not disabled, same session version), and one of the roles
 * a route allows. Each route declares its rule with {@link #guard}; it lives with the roles it
 * checks, so the http package knows no roles; it is the one class outside routes and views that
 * reads a request.
 */
public final class Authz {

    /** The account's current session state, or empty when it no longer exists. */
    @FunctionalInterface
    public interface Sessions {
        Future<Optional<SessionState>> current(UUID accountId);
    }

    private static final String CALLER = "anxing.caller";

    private final JWTAuthHandler token;
    private final Sessions sessions;

    public Authz(JWTAuth jwt, Sessions sessions) {
        this.token = JWTAuthHandler.create(jwt);
        this.sessions = sessions;
    }

    /**
     * Declares who may call {@code route} and puts the checks for it before the handlers that
     * follow. Returns the route, so the business handler is added next on the same line.
     */
    public Route guard(Route route, Access access) {
        if (access.kind() == Access.Kind.ANYONE) {
            return anyone(route);
        }
        route.putMetadata(Access.KEY, access);
        if (access.kind() != Access.Kind.ANYONE) {
            route.handler(token).handler(this::checkSession);
        }
        if (access.kind() == Access.Kind.ROLES) {
            route.handler(anyOf(access.roles().toArray(Role[]::new)));
        }
        return route;
    }

    /** Declares {@code route} (or a prefix) open to anyone, signed in or not. */
    public static Route anyone(Route route) {
        return route.putMetadata(Access.KEY, Access.anyone()).handler(RoutingContext::next);
    }

    /** For a path prefix ({@code /api/v1/x/*}): every route under it needs a valid session. */
    public Route signedIn(Route prefix) {
        return prefix.handler(token).handler(this::checkSession);
    }

    /**
     * Refuses, with 401, a token whose account is gone or disabled, whose organisation is
     * inactive, or that was issued before the account's session version last changed; keeps
     * the account as it is now for {@link #caller}.
     */
    private void checkSession(RoutingContext ctx) {
        if (ctx.get(CALLER) != null) {
            ctx.next();
            return;
        }
        UUID id = accountId(ctx);
        int version = ctx.user().principal().getInteger("sv", 1);
        sessions.current(id).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            Optional<SessionState> state = done.result();
            if (state.isEmpty() || state.get().disabled() || state.get().version() != version
                    || (state.get().organisationId() != null
                            && !state.get().organisationActive())) {
                ctx.fail(new DomainException(CommonError.UNAUTHENTICATED, "登录已失效，请重新登录"
                        + " / this session is no longer valid: sign in again"));
                return;
            }
            ctx.put(CALLER, state.get().caller(RequestIds.of(ctx)));
            ctx.next();
        });
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
                        + roles.stream().map(Role::wireName).sorted().toList()));
            }
        };
    }

    /** The signed-in caller as stored now; only after a guard that needs a session. */
    public static Caller caller(RoutingContext ctx) {
        Caller caller = ctx.get(CALLER);
        if (caller == null) {
            throw new DomainException(CommonError.UNAUTHENTICATED, "请先登录 / sign in first");
        }
        return caller;
    }

    public static UUID accountId(RoutingContext ctx) {
        return UUID.fromString(ctx.user().principal().getString("sub"));
    }

    /** The caller's roles as stored now, or as the token says before the session is checked. */
    public static Set<Role> roles(RoutingContext ctx) {
        Caller caller = ctx.get(CALLER);
        if (caller != null) {
            return caller.roles().isEmpty() ? EnumSet.noneOf(Role.class)
                    : EnumSet.copyOf(caller.roles());
        }
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
