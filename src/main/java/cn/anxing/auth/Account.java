package cn.anxing.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.UUID;

/**
 * A signed-in person as the API shows them.
 *
 * @param organisation     the code of the organisation a staff account acts for ({@code PICC});
 *                         null for drivers and parents
 * @param organisationId   that organisation's id
 * @param organisationName its Chinese name
 * @param sessionVersion   carried in the session token; a token of another version is refused
 */
public record Account(UUID id, String phone, String username, String displayName, Set<Role> roles,
        String organisation, UUID organisationId, String organisationName, boolean disabled,
        int sessionVersion) {

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public JsonObject toJson() {
        var roleNames = new JsonArray();
        roles.stream().map(Role::wireName).sorted().forEach(roleNames::add);
        return new JsonObject()
                .put("id", id.toString())
                .put("phone", phone)
                .put("username", username)
                .put("displayName", displayName)
                .put("organisation", organisation)
                .put("organisationId", organisationId == null ? null : organisationId.toString())
                .put("organisationName", organisationName)
                .put("disabled", disabled)
                .put("roles", roleNames);
    }
}
