package cn.anxing.accident;

import static cn.anxing.http.Bodies.object;
import static cn.anxing.http.Bodies.requiredString;

import cn.anxing.auth.Role;
import cn.anxing.auth.Access;
import cn.anxing.auth.Authz;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * Insurers (保险公司) as the admin registers them: code, names, the webhook URL their system
 * receives agreements at, and the HMAC secret shared with it. The secret is write-only.
 */
public final class InsurerRoutes implements FeatureRoutes {

    private final InsurerRepository insurers;
    private final Authz authz;

    public InsurerRoutes(InsurerRepository insurers, Authz authz) {
        this.insurers = insurers;
        this.authz = authz;
    }

    @Override
    public void mount(Router router) {
        authz.guard(router.get("/api/v1/admin/insurers"), Access.roles(Role.ADMIN))
                .handler(this::list);
        authz.guard(router.put("/api/v1/admin/insurers/:code"), Access.roles(Role.ADMIN))
                .handler(this::register);
    }

    private void list(RoutingContext ctx) {
        Responses.reply(ctx, 200, insurers.insurers().map(list -> new JsonArray(list.stream()
                .map(i -> new JsonObject().put("code", i.code()).put("nameZh", i.nameZh())
                        .put("nameEn", i.nameEn()).put("active", i.active())
                        .put("webhookUrl", i.webhookUrl())).toList())));
    }

    private void register(RoutingContext ctx) {
        JsonObject body = object(ctx, "nameZh", "nameEn", "webhookUrl", "secret");
        String code = ctx.pathParam("code").toUpperCase();
        if (!code.matches("[A-Z][A-Z0-9_]{1,31}")) {
            throw AccidentRoutes.invalid("code", "an insurer code is 2 to 32 capital letters,"
                    + " digits or _, e.g. PICC");
        }
        String url = requiredString(body, "webhookUrl", 500);
        if (!url.matches("https?://.+") || URI.create(url.replace(" ", "%20")).getHost() == null) {
            throw AccidentRoutes.invalid("webhookUrl", "webhookUrl must be an http(s) URL");
        }
        String secret = requiredString(body, "secret");
        if (secret.length() < 16) {
            throw AccidentRoutes.invalid("secret", "the HMAC secret needs at least 16 characters");
        }
        Responses.reply(ctx, 200, insurers.register(code, requiredString(body, "nameZh", 50),
                requiredString(body, "nameEn", 100), url, secret)
                .map(x -> new JsonObject().put("code", code).put("webhookUrl", url)));
    }
}
