package cn.anxing.accident;

import static cn.anxing.http.Bodies.object;
import static cn.anxing.http.Bodies.requiredString;

import cn.anxing.auth.Role;
import cn.anxing.http.ApiException;
import cn.anxing.auth.Authz;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import cn.anxing.outbox.Outbox;
import io.vertx.core.Future;
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

    private final AccidentRepository repository;
    private final Outbox outbox;
    private final Authz authz;

    public InsurerRoutes(AccidentRepository repository, Outbox outbox, Authz authz) {
        this.repository = repository;
        this.outbox = outbox;
        this.authz = authz;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/admin/insurers").handler(authz.authenticated())
                .handler(Authz.anyOf(Role.ADMIN)).handler(this::list);
        router.put("/api/v1/admin/insurers/:code").handler(authz.authenticated())
                .handler(Authz.anyOf(Role.ADMIN)).handler(this::register);
    }

    private void list(RoutingContext ctx) {
        Responses.reply(ctx, 200, repository.insurers().map(list -> new JsonArray(list.stream()
                .map(i -> new JsonObject().put("code", i.code()).put("nameZh", i.nameZh())
                        .put("nameEn", i.nameEn()).put("active", i.active())
                        .put("webhookUrl", i.webhookUrl())).toList())));
    }

    private void register(RoutingContext ctx) {
        JsonObject body = object(ctx);
        String code = ctx.pathParam("code").toUpperCase();
        if (!code.matches("[A-Z][A-Z0-9_]{1,31}")) {
            throw ApiException.invalid("code", "an insurer code is 2 to 32 capital letters,"
                    + " digits or _, e.g. PICC");
        }
        String url = requiredString(body, "webhookUrl");
        if (!url.matches("https?://.+") || URI.create(url.replace(" ", "%20")).getHost() == null) {
            throw ApiException.invalid("webhookUrl", "webhookUrl must be an http(s) URL");
        }
        String secret = requiredString(body, "secret");
        if (secret.length() < 16) {
            throw ApiException.invalid("secret", "the HMAC secret needs at least 16 characters");
        }
        Responses.reply(ctx, 200, register(code, requiredString(body, "nameZh"),
                requiredString(body, "nameEn"), url, secret)
                .map(x -> new JsonObject().put("code", code).put("webhookUrl", url)));
    }

    /** Registers or updates an insurer and its outbox endpoint in one transaction. */
    public Future<Void> register(String code, String nameZh, String nameEn, String url,
            String secret) {
        String endpoint = AccidentService.insurerEndpoint(code);
        return repository.pool().withTransaction(tx -> outbox.registerEndpoint(tx, endpoint, url,
                secret, "insurer " + nameZh).compose(x -> repository.upsertInsurer(tx, code,
                nameZh, nameEn, endpoint)));
    }
}
