package cn.anxing.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.UUID;

/** A signed-in person as the API shows them. */
public record Account(UUID id, String phone, String username, String displayName, Set<Role> roles,
        String organisation) {

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
                .put("roles", roleNames);
    }
}
