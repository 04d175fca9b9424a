package cn.anxing.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Duration;

/** Signs session tokens: HS256 JWTs carrying the account id, roles, organisation
 * and session version, with an expiry. */
public final class Tokens {

    private final JWTAuth jwt;
    private final Duration ttl;

    public Tokens(JWTAuth jwt, Duration ttl) {
        this.jwt = jwt;
        this.ttl = ttl;
    }

    public String issue(Account account) {
        var roles = new JsonArray();
        account.roles().forEach(role -> roles.add(role.wireName()));
        // the organisation and session version travel with the token; Authz compares the
        // version with the stored one on every request
        var claims = new JsonObject().put("roles", roles).put("name", account.displayName())
                .put("org", account.organisation()).put("sv", account.sessionVersion());
        return jwt.generateToken(claims, new JWTOptions()
                .setAlgorithm("HS256")
                .setSubject(account.id().toString())
                .setExpiresInSeconds((int) ttl.toSeconds()));
    }

    public JWTAuth provider() {
        return jwt;
    }
}
