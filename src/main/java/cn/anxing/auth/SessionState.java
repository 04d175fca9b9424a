package cn.anxing.auth;

import java.util.Set;
import java.util.UUID;

/**
 * What decides, per request, whether a session token still counts: the account's session
 * version (bumped when it is disabled, its roles or organisation change, or its password is
 * reset) and whether it or its organisation is disabled. Read by one primary-key query.
 */
public record SessionState(UUID accountId, int version, boolean disabled, Set<Role> roles,
        UUID organisationId, String organisationCode, OrganisationKind organisationKind,
        boolean organisationActive) {

    public Caller caller(String requestId) {
        return new Caller(accountId, roles, organisationId, organisationCode, organisationKind,
                requestId);
    }
}
