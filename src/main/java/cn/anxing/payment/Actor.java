package cn.anxing.payment;

import cn.anxing.auth.Caller;
import cn.anxing.auth.Role;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who acts on a payment: the signed-in account, its roles, and the code of the organisation it
 * acts for, which is its payer id ({@code PICC}, {@code fund-jx}) or hospital id
 * ({@code pinghu-1}); null for drivers and parents.
 */
public record Actor(UUID accountId, Set<Role> roles, String organisation, Caller caller) {

    private static final Set<Role> STAFF = EnumSet.of(Role.POLICE, Role.HOSPITAL, Role.INSURER,
            Role.FUND, Role.ADMIN);

    public Actor {
        roles = Set.copyOf(roles);
    }

    public static Actor of(Caller caller) {
        return new Actor(caller.accountId(), caller.roles(), caller.organisationCode(), caller);
    }

    /** An insurer or the fund acting as the payer {@code payerId}, and nobody else. */
    boolean actsAsPayer(String payerId) {
        return (is(Role.INSURER) || is(Role.FUND)) && payerId != null
                && payerId.equals(organisation);
    }

    /** A hospital acting as the hospital {@code hospitalId}. */
    boolean actsAsHospital(String hospitalId) {
        return is(Role.HOSPITAL) && hospitalId != null && hospitalId.equals(organisation);
    }

    /** The police and the admin see every application. */
    boolean seesAll() {
        return is(Role.POLICE) || is(Role.ADMIN);
    }

    boolean is(Role role) {
        return roles.contains(role);
    }

    /** Staff see every application; anyone else only their own. */
    boolean isStaff() {
        return roles.stream().anyMatch(STAFF::contains);
    }
}
