package cn.anxing.accident;

import cn.anxing.auth.Role;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.auth.Access;
import cn.anxing.auth.Authz;
import cn.anxing.auth.Caller;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import cn.anxing.outbox.Outbox;
import cn.anxing.outbox.WebhookSignature;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * The demo only: an insurer's webhook receiver inside this server, so the demo insurers have
 * somewhere to be notified and the insurer1 account can see what arrived. It checks the
 * signature as a real insurer would and keeps each Idempotency-Key once.
 */
public final class InsurerInboxRoutes implements FeatureRoutes {

    public static final String PATH = "/api/v1/demo/insurer-inbox/";

    private static final String RECEIVE = """
            INSERT INTO insurer_inbox (idempotency_key, insurer_code, topic, body)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (idempotency_key) DO UPDATE SET deliveries = insurer_inbox.deliveries + 1
            RETURNING deliveries""";
    private static final String LIST = """
            SELECT idempotency_key, insurer_code, topic, body, received_at, deliveries
            FROM insurer_inbox WHERE $1::text IS NULL OR insurer_code = $1
            ORDER BY received_at DESC LIMIT 100""";

    private final Pool pool;
    private final Outbox outbox;
    private final Authz authz;

    public InsurerInboxRoutes(Pool pool, Outbox outbox, Authz authz) {
        this.pool = pool;
        this.outbox = outbox;
        this.authz = authz;
    }

    @Override
    public void mount(Router router) {
        // the insurers' webhook stand-in: the HMAC signature, not a session, proves the sender
        authz.guard(router.post(PATH + ":code"), Access.anyone()).handler(this::receive);
        authz.guard(router.get("/api/v1/insurer/notifications"),
                Access.roles(Role.INSURER, Role.ADMIN)).handler(this::list);
    }

    private void receive(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        String body = ctx.body().asString();
        String key = ctx.request().getHeader("Idempotency-Key");
        String signature = ctx.request().getHeader(WebhookSignature.HEADER);
        outbox.secretOf(InsurerRepository.endpointOf(code)).compose(secret -> {
            if (secret.isEmpty() || body == null || key == null
                    || !WebhookSignature.verify(secret.get(), body, signature)) {
                throw new DomainException(CommonError.UNAUTHENTICATED, "signature does not verify");
            }
            JsonObject json;
            try {
                json = new JsonObject(body);
            } catch (DecodeException e) {
                throw new DomainException(CommonError.MALFORMED_JSON, "body is not JSON");
            }
            return pool.preparedQuery(RECEIVE).execute(Tuple.of(key, code,
                    ctx.request().getHeader("X-Anxing-Topic"), json));
        }).onSuccess(rows -> Responses.json(ctx, 200, new JsonObject().put("received", true)
                .put("deliveries", rows.iterator().next().getInteger(0))))
                .onFailure(ctx::fail);
    }

    /** An insurer sees what was delivered to its own organisation only; the admin all. */
    private void list(RoutingContext ctx) {
        Caller caller = Authz.caller(ctx);
        String insurer = caller.has(Role.ADMIN) ? null
                : caller.organisationCode() == null ? "" : caller.organisationCode();
        var rowsOf = pool.preparedQuery(LIST).execute(Tuple.of(insurer));
        Responses.reply(ctx, 200, rowsOf.map(rows -> {
            JsonArray list = new JsonArray();
            rows.forEach(r -> list.add(new JsonObject()
                    .put("idempotencyKey", r.getString("idempotency_key"))
                    .put("insurer", r.getString("insurer_code"))
                    .put("topic", r.getString("topic"))
                    .put("body", r.getValue("body"))
                    .put("receivedAt", r.getOffsetDateTime("received_at").toInstant().toString())
                    .put("deliveries", r.getInteger("deliveries"))));
            return list;
        }));
    }
}
