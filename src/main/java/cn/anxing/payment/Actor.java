package cn.anxing.payment;

import cn.anxing.auth.Role;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** Who acts on a payment: the signed-in account and its roles. */
public record Actor(UUID accountId, Set<Role> roles) {

    private static final Set<Role> STAFF = EnumSet.of(Role.POLICE, Role.HOSPITAL, Role.INSURER,
            Role.FUND, Role.ADMIN);

    public Actor {
        roles = Set.copyOf(roles);
    }

    boolean is(Role role) {
        return roles.contains(role);
    }

    /** Staff see every application; anyone else only their own. */
    boolean isStaff() {
        return roles.stream().anyMatch(STAFF::contains);
    }
}
