package cn.anxing.auth;

import cn.anxing.audit.AuditLog.AuditEntry;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who is asking, as the services see it: the signed-in account with its roles and organisation
 * as stored now (not as when the token was issued), so a role removed is gone at once.
 *
 * @param organisationId   null for drivers and parents
 * @param organisationCode the organisation's code ({@code PICC}); null for drivers and parents
 * @param organisationKind null for drivers and parents
 * @param requestId        the request's id, for the audit log
 */
public record Caller(UUID accountId, Set<Role> roles, UUID organisationId,
        String organisationCode, OrganisationKind organisationKind, String requestId) {

    /** An audit entry of an action by this caller. */
    public AuditEntry audit(String action, String subjectType, String subjectId,
            Map<String, ?> before, Map<String, ?> after) {
        return new AuditEntry(accountId, actingRole(), organisationId, action, subjectType,
                subjectId, before, after, requestId);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** True when this caller acts for the organisation with {@code code}. */
    public boolean actsFor(String code) {
        return organisationCode != null && organisationCode.equals(code);
    }

    /** The wire name of the role this caller acts in, for the audit log: its staff role first. */
    public String actingRole() {
        if (organisationKind != null && roles.contains(organisationKind.staffRole())) {
            return organisationKind.staffRole().wireName();
        }
        return roles.stream().map(Role::wireName).sorted().findFirst().orElse("");
    }
}
