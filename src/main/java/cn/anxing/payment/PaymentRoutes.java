package cn.anxing.payment;

import static cn.anxing.http.Bodies.object;
import static cn.anxing.http.Bodies.optionalString;
import static cn.anxing.http.Bodies.requiredArray;
import static cn.anxing.http.Bodies.requiredString;
import static cn.anxing.http.Bodies.uuidParam;

import cn.anxing.auth.Role;
import cn.anxing.http.ApiException;
import cn.anxing.auth.Access;
import cn.anxing.auth.Authz;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The medical advance payment API under {@code /api/v1/payments}. Handlers parse, call
 * {@link PaymentService} and respond; the rules are in the service and the domain.
 */
public final class PaymentRoutes implements FeatureRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentRoutes.class);
    private static final String BASE = "/api/v1/payments";

    private final PaymentService payments;
    private final Authz authz;
    private final boolean demoPayerSystem;

    /**
     * @param demoPayerSystem mounts a stand-in payer system that accepts every disbursement
     *                        order, so the demo's outbox has somewhere to deliver
     */
    public PaymentRoutes(PaymentService payments, Authz authz, boolean demoPayerSystem) {
        this.payments = payments;
        this.authz = authz;
        this.demoPayerSystem = demoPayerSystem;
    }

    @Override
    public void mount(Router router) {
        if (demoPayerSystem) {
            authz.guard(router.post(BASE + "/demo/payer-system"), Access.anyone())
                    .handler(this::demoPayerSystem);
        }
        authz.guard(router.route(BASE + "/*"), Access.signedIn());
        router.post(BASE + "/applications")
                .handler(Authz.anyOf(Role.DRIVER, Role.PARENT, Role.POLICE)).handler(this::apply);
        router.get(BASE + "/applications").handler(this::list);
        router.get(BASE + "/applications/:id").handler(this::one);
        router.post(BASE + "/applications/:id/notice")
                .handler(Authz.anyOf(Role.POLICE)).handler(this::notice);
        router.post(BASE + "/applications/:id/liability")
                .handler(Authz.anyOf(Role.POLICE)).handler(this::liability);
        router.post(BASE + "/applications/:id/bills")
                .handler(Authz.anyOf(Role.HOSPITAL)).handler(this::bill);
        router.post(BASE + "/applications/:id/payments")
                .handler(Authz.anyOf(Role.INSURER, Role.FUND)).handler(this::pay);
        router.post(BASE + "/instructions/:id/disbursement")
                .handler(Authz.anyOf(Role.INSURER, Role.FUND)).handler(this::disbursed);
        router.post(BASE + "/instructions/:id/reversal")
                .handler(Authz.anyOf(Role.INSURER, Role.FUND)).handler(this::reversed);
        router.get(BASE + "/notifications").handler(this::notifications);
        router.get(BASE + "/overdue")
                .handler(Authz.anyOf(Role.POLICE, Role.FUND, Role.ADMIN)).handler(this::overdue);
        router.get(BASE + "/reconciliation")
                .handler(Authz.anyOf(Role.FUND, Role.INSURER, Role.ADMIN))
                .handler(this::reconciliation);
        router.get(BASE + "/hospitals").handler(ctx -> Responses.reply(ctx, 200,
                payments.hospitals()));
        router.get(BASE + "/payers").handler(ctx -> Responses.reply(ctx, 200, payments.payers()));
        router.post(BASE + "/admin/hospitals")
                .handler(Authz.anyOf(Role.ADMIN)).handler(this::registerHospital);
        router.post(BASE + "/admin/payers")
                .handler(Authz.anyOf(Role.ADMIN)).handler(this::registerPayer);
    }

    private void apply(RoutingContext ctx) {
        JsonObject body = object(ctx);
        Optional<String> phone = Optional.ofNullable(optionalString(body, "applicantPhone"));
        if (phone.isPresent() && !Authz.roles(ctx).contains(Role.POLICE)) {
            throw ApiException.invalid("applicantPhone", "only an officer opening an application"
                    + " for someone names their phone; applicants are signed in");
        }
        Optional<Instant> accidentAt = body.getValue("accidentAt") == null ? Optional.empty()
                : Optional.of(instant(body, "accidentAt"));
        var request = new PaymentService.ApplyRequest(requiredString(body, "caseId"),
                requiredString(body, "injuredPersonId"), requiredString(body, "hospitalId"),
                accidentAt, phone);
        Responses.reply(ctx, 201, payments.apply(actor(ctx), request));
    }

    private void list(RoutingContext ctx) {
        Responses.reply(ctx, 200, payments.applications(actor(ctx)));
    }

    private void one(RoutingContext ctx) {
        Responses.reply(ctx, 200, payments.application(actor(ctx), uuidParam(ctx, "id")));
    }

    private void notice(RoutingContext ctx) {
        JsonObject body = object(ctx);
        JsonArray array = body.getValue("vehicles") == null ? new JsonArray()
                : requiredArray(body, "vehicles");
        List<Vehicle> vehicles = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            vehicles.add(vehicle(array.getValue(i), "vehicles[" + i + "]"));
        }
        Responses.reply(ctx, 200, payments.issueNotice(actor(ctx), uuidParam(ctx, "id"),
                vehicles, Optional.ofNullable(optionalString(body, "fundId"))));
    }

    private void liability(RoutingContext ctx) {
        JsonObject body = object(ctx);
        Responses.reply(ctx, 200, payments.determineLiability(actor(ctx), uuidParam(ctx, "id"),
                requiredString(body, "payerId"), liabilityState(body, "liability")));
    }

    private void bill(RoutingContext ctx) {
        JsonObject body = object(ctx);
        JsonArray array = requiredArray(body, "items");
        List<BillItem> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject item)) {
                throw ApiException.invalid("items[" + i + "]", "each item must be an object");
            }
            String at = "items[" + i + "].";
            items.add(new BillItem(text(item, "description", at), instant(item, "renderedAt", at),
                    text(item, "invoiceNumber", at), Fen.parse(at + "amountFen",
                            item.getValue("amountFen"))));
        }
        var bill = new Bill(uuidParam(ctx, "id").toString(), requiredString(body, "caseId"),
                requiredString(body, "injuredPersonId"), requiredString(body, "hospitalId"),
                items);
        Responses.reply(ctx, 201, payments.submitBill(actor(ctx), bill));
    }

    private void pay(RoutingContext ctx) {
        JsonObject body = object(ctx);
        UUID applicationId = uuidParam(ctx, "id");
        var key = new IdempotencyKey(ctx.request().getHeader("Idempotency-Key"));
        var fingerprint = RequestFingerprint.of("POST " + BASE + "/applications/" + applicationId
                + "/payments", body.getMap());
        var request = new PaymentService.PayRequest(applicationId, key, fingerprint,
                requiredString(body, "payerId"), uuid(body, "billId"),
                Fen.parse("amountFen", body.getValue("amountFen")));
        payments.pay(actor(ctx), request).onSuccess(result -> Responses.json(ctx,
                result.getBoolean("replayed") ? 200 : 201, result)).onFailure(ctx::fail);
    }

    private void disbursed(RoutingContext ctx) {
        Responses.reply(ctx, 200, payments.confirmDisbursement(actor(ctx),
                uuidParam(ctx, "id")));
    }

    private void reversed(RoutingContext ctx) {
        Responses.reply(ctx, 200, payments.reverse(actor(ctx), uuidParam(ctx, "id")));
    }

    private void notifications(RoutingContext ctx) {
        String after = ctx.request().getParam("after", "0");
        long afterId;
        try {
            afterId = Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("after", "after must be the id of a notification");
        }
        Responses.reply(ctx, 200, payments.notifications(actor(ctx), afterId));
    }

    private void overdue(RoutingContext ctx) {
        Responses.reply(ctx, 200, payments.overdue(actor(ctx)));
    }

    private void reconciliation(RoutingContext ctx) {
        LocalDate day;
        try {
            day = LocalDate.parse(ctx.request().getParam("date", ""));
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("date", "date must be a day as YYYY-MM-DD (Asia/Shanghai)");
        }
        Responses.reply(ctx, 200, payments.reconciliation(day,
                Optional.ofNullable(ctx.request().getParam("payerId"))));
    }

    private void registerHospital(RoutingContext ctx) {
        JsonObject body = object(ctx);
        Responses.reply(ctx, 201, payments.registerHospital(requiredString(body, "id"),
                requiredString(body, "name"), body.getBoolean("active", true)));
    }

    private void registerPayer(RoutingContext ctx) {
        JsonObject body = object(ctx);
        PayerKind kind;
        try {
            kind = PayerKind.valueOf(requiredString(body, "kind"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("kind", "kind must be INSURER or ASSISTANCE_FUND");
        }
        Responses.reply(ctx, 201, payments.registerPayer(requiredString(body, "id"), kind,
                requiredString(body, "name"), requiredString(body, "webhookUrl"),
                requiredString(body, "webhookSecret")));
    }

    /** The demo's stand-in for payers' systems: accepts and logs each order. */
    private void demoPayerSystem(RoutingContext ctx) {
        LOG.info("demo payer system received {} {}", ctx.request().getHeader("Idempotency-Key"),
                ctx.body() == null ? "" : ctx.body().asString());
        Responses.json(ctx, 202, new JsonObject().put("accepted", true));
    }

    // ---- parsing ---------------------------------------------------------------------------

    private static PaymentService.Actor actor(RoutingContext ctx) {
        return new PaymentService.Actor(Authz.accountId(ctx), Authz.roles(ctx));
    }

    private static Vehicle vehicle(Object value, String at) {
        if (!(value instanceof JsonObject v)) {
            throw ApiException.invalid(at, "each vehicle must be an object");
        }
        LiabilityState liability = v.getValue("liability") == null ? LiabilityState.UNDETERMINED
                : liabilityState(v, "liability");
        return new Vehicle(Optional.ofNullable(optionalString(v, "plate")),
                Optional.ofNullable(optionalString(v, "insurerId")).filter(s -> !s.isEmpty()),
                flag(v, "uninsured", at), flag(v, "fled", at), liability);
    }

    private static boolean flag(JsonObject o, String field, String at) {
        Object value = o.getValue(field);
        if (value != null && !(value instanceof Boolean)) {
            throw ApiException.invalid(at + "." + field, field + " must be true or false");
        }
        return Boolean.TRUE.equals(value);
    }

    private static LiabilityState liabilityState(JsonObject o, String field) {
        try {
            return LiabilityState.valueOf(requiredString(o, field));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field,
                    field + " must be LIABLE, NOT_LIABLE or UNDETERMINED");
        }
    }

    private static Instant instant(JsonObject o, String field) {
        return instant(o, field, "");
    }

    private static Instant instant(JsonObject o, String field, String at) {
        Object value = o.getValue(field);
        if (!(value instanceof String s)) {
            throw ApiException.invalid(at + field, field + " is required, as an ISO-8601 instant"
                    + " such as 2026-11-29T08:30:00Z");
        }
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(at + field, field + " must be an ISO-8601 time with an"
                    + " offset, such as 2026-11-29T16:30:00+08:00");
        }
    }

    private static String text(JsonObject o, String field, String at) {
        Object value = o.getValue(field);
        if (!(value instanceof String s)) {
            throw ApiException.invalid(at + field, field + " is required");
        }
        return s.trim();
    }

    private static UUID uuid(JsonObject o, String field) {
        try {
            return UUID.fromString(requiredString(o, field));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, field + " must be a UUID");
        }
    }
}
