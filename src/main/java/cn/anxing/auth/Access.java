package cn.anxing.auth;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may call a route, declared on the route itself ({@link Authz#guard}). The HTTP server
 * refuses to start when an API route has none, and the authorization-matrix test checks every
 * declared route against the table in {@code src/test/resources/access-matrix.csv}.
 *
 * <p>The declaration is the route's coarse rule (signed in, which roles). Whose resource it is
 * (own insurer, own school, party of the case) is checked in the services, which know the
 * resource; the matrix test covers both.
 */
public record Access(Kind kind, Set<Role> roles) {

    /** Route metadata key under which the declaration is kept. */
    public static final String KEY = cn.anxing.http.RouteRules.KEY;

    public enum Kind {
        /** Anyone, signed in or not (sign-in itself, health, public verification). */
        ANYONE,
        /** Any signed-in account whose session is still valid. */
        SIGNED_IN,
        /** A signed-in account with one of {@link #roles}. */
        ROLES
    }

    public static Access anyone() {
        return new Access(Kind.ANYONE, Set.of());
    }

    public static Access signedIn() {
        return new Access(Kind.SIGNED_IN, Set.of());
    }

    public static Access roles(Role first, Role... more) {
        return new Access(Kind.ROLES, Set.copyOf(EnumSet.of(first, more)));
    }

    /** {@code anyone}, {@code signed-in}, or the roles joined by {@code |}, as in the table. */
    @Override
    public String toString() {
        return switch (kind) {
            case ANYONE -> "anyone";
            case SIGNED_IN -> "signed-in";
            case ROLES -> roles.stream().map(Role::wireName).sorted()
                    .collect(Collectors.joining("|"));
        };
    }
}
