package cn.anxing.payment;

import static cn.anxing.http.Bodies.object;
import static cn.anxing.http.Bodies.optionalString;
import static cn.anxing.http.Bodies.requiredArray;
import static cn.anxing.http.Bodies.requiredString;
import static cn.anxing.http.Bodies.uuidParam;

import cn.anxing.auth.Role;
import cn.anxing.auth.Access;
import cn.anxing.auth.Authz;
import cn.anxing.http.Bodies;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import cn.anxing.payment.rules.InjuredRelation;
import cn.anxing.payment.rules.ResidentIdNumber;
import cn.anxing.payment.rules.Bill;
import cn.anxing.payment.rules.BillItem;
import cn.anxing.payment.rules.Fen;
import cn.anxing.payment.rules.IdempotencyKey;
import cn.anxing.payment.rules.LiabilityState;
import cn.anxing.payment.rules.PayerKind;
import cn.anxing.payment.rules.PaymentError;
import cn.anxing.payment.rules.RequestFingerprint;
import cn.anxing.payment.rules.Vehicle;
import io.vertx.core.Future;
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
    private static final java.util.regex.Pattern PAYER_ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final PaymentService payments;
    private final AdvancePayments advances;
    private final PaymentReads reads;
    private final Authz authz;
    private final boolean demoPayerSystem;

    /**
     * @param demoPayerSystem mounts a stand-in payer system that accepts every disbursement
     *                        order, so the demo's outbox has somewhere to deliver
     */
    public PaymentRoutes(PaymentService payments, AdvancePayments advances, PaymentReads reads,
            Authz authz, boolean demoPayerSystem) {
        this.payments = payments;
        this.advances = advances;
        this.reads = reads;
        this.authz = authz;
        this.demoPayerSystem = demoPayerSystem;
    }

    @Override
    public void mount(Router router) {
        if (demoPayerSystem) {
            authz.guard(router.post(BASE + "/demo/payer-system"), Access.anyone())
                    .handler(this::demoPayerSystem);
        }
        // the role each route needs; whose application, bill or payer it is, the services check
        Access payers = Access.roles(Role.INSURER, Role.FUND);
        authz.guard(router.post(BASE + "/applications"),
                Access.roles(Role.DRIVER, Role.PARENT, Role.POLICE)).handler(this::apply);
        authz.guard(router.get(BASE + "/applications"), Access.signedIn()).handler(this::list);
        authz.guard(router.get(BASE + "/applications/:id"), Access.signedIn())
                .handler(this::one);
        authz.guard(router.post(BASE + "/applications/:id/notice"), Access.roles(Role.POLICE))
                .handler(this::notice);
        authz.guard(router.post(BASE + "/applications/:id/liability"),
                Access.roles(Role.POLICE)).handler(this::liability);
        authz.guard(router.post(BASE + "/applications/:id/bills"), Access.roles(Role.HOSPITAL))
                .handler(this::bill);
        authz.guard(router.post(BASE + "/applications/:id/payments"), payers)
                .handler(this::pay);
        authz.guard(router.post(BASE + "/instructions/:id/disbursement"), payers)
                .handler(this::disbursed);
        authz.guard(router.post(BASE + "/instructions/:id/reversal"), payers)
                .handler(this::reversed);
        authz.guard(router.get(BASE + "/notifications"), Access.signedIn())
                .handler(this::notifications);
        authz.guard(router.get(BASE + "/overdue"),
                Access.roles(Role.POLICE, Role.FUND, Role.ADMIN)).handler(this::overdue);
        authz.guard(router.get(BASE + "/reconciliation"),
                Access.roles(Role.FUND, Role.INSURER, Role.ADMIN)).handler(this::reconciliation);
        authz.guard(router.get(BASE + "/hospitals"), Access.signedIn()).handler(ctx ->
                Responses.reply(ctx, 200, reads.hospitals().map(PaymentViews::hospitals)));
        authz.guard(router.get(BASE + "/payers"), Access.signedIn()).handler(ctx ->
                Responses.reply(ctx, 200, reads.payers().map(PaymentViews::payers)));
        authz.guard(router.post(BASE + "/admin/hospitals"), Access.roles(Role.ADMIN))
                .handler(this::registerHospital);
        authz.guard(router.post(BASE + "/admin/payers"), Access.roles(Role.ADMIN))
                .handler(this::registerPayer);
    }

    private void apply(RoutingContext ctx) {
        JsonObject body = object(ctx, "caseId", "injuredPersonId", "hospitalId", "accidentAt",
                "applicantPhone", "injuredRelation", "injuredIdNumber");
        Optional<String> phone = Optional.ofNullable(optionalString(body, "applicantPhone", 20));
        if (phone.isPresent() && !Authz.roles(ctx).contains(Role.POLICE)) {
            throw Bodies.invalid("applicantPhone", "only an officer opening an application"
                    + " for someone names their phone; applicants are signed in");
        }
        Optional<Instant> accidentAt = body.getValue("accidentAt") == null ? Optional.empty()
                : Optional.of(instant(body, "accidentAt"));
        var request = new PaymentService.ApplyRequest(requiredString(body, "caseId"),
                requiredString(body, "injuredPersonId"), requiredString(body, "hospitalId"),
                accidentAt, phone,
                Optional.ofNullable(optionalString(body, "injuredRelation", 20))
                        .map(r -> InjuredRelation.parse(r, "injuredRelation")),
                Optional.ofNullable(optionalString(body, "injuredIdNumber", 40))
                        .filter(n -> !n.isBlank())
                        .map(n -> ResidentIdNumber.parse(n, "injuredIdNumber")));
        Responses.reply(ctx, 201, payments.apply(actor(ctx), request)
                .map(PaymentViews::application));
    }

    private void list(RoutingContext ctx) {
        Responses.reply(ctx, 200, reads.applications(actor(ctx))
                .map(PaymentViews::applications));
    }

    private void one(RoutingContext ctx) {
        Responses.reply(ctx, 200, reads.application(actor(ctx), uuidParam(ctx, "id"))
                .map(PaymentViews::application));
    }

    private void notice(RoutingContext ctx) {
        JsonObject body = object(ctx, "vehicles", "fundId");
        JsonArray array = body.getValue("vehicles") == null ? new JsonArray()
                : requiredArray(body, "vehicles");
        List<Vehicle> vehicles = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            vehicles.add(vehicle(array.getValue(i), "vehicles[" + i + "]"));
        }
        Responses.reply(ctx, 200, payments.issueNotice(actor(ctx), uuidParam(ctx, "id"),
                vehicles, Optional.ofNullable(optionalString(body, "fundId")))
                .map(PaymentViews::application));
    }

    private void liability(RoutingContext ctx) {
        JsonObject body = object(ctx, "payerId", "liability");
        Responses.reply(ctx, 200, payments.determineLiability(actor(ctx), uuidParam(ctx, "id"),
                requiredString(body, "payerId"), liabilityState(body, "liability"))
                .map(PaymentViews::application));
    }

    private void bill(RoutingContext ctx) {
        JsonObject body = object(ctx, "caseId", "injuredPersonId", "hospitalId", "items");
        JsonArray array = requiredArray(body, "items");
        List<BillItem> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject item)) {
                throw Bodies.invalid("items[" + i + "]", "each item must be an object");
            }
            String at = "items[" + i + "].";
            Bodies.only(item, at, "description", "renderedAt", "invoiceNumber", "amountFen");
            items.add(new BillItem(text(item, "description", at, 500), instant(item, "renderedAt", at),
                    text(item, "invoiceNumber", at, 40), Fen.parse(at + "amountFen",
                            item.getValue("amountFen"))));
        }
        var bill = new Bill(uuidParam(ctx, "id").toString(), requiredString(body, "caseId"),
                requiredString(body, "injuredPersonId"), requiredString(body, "hospitalId"),
                items);
        Responses.reply(ctx, 201, payments.submitBill(actor(ctx), bill).map(PaymentViews::billed));
    }

    private void pay(RoutingContext ctx) {
        JsonObject body = object(ctx, "payerId", "billId", "amountFen");
        UUID applicationId = uuidParam(ctx, "id");
        var key = new IdempotencyKey(ctx.request().getHeader("Idempotency-Key"));
        var fingerprint = RequestFingerprint.of("POST " + BASE + "/applications/" + applicationId
                + "/payments", body.getMap());
        var request = new AdvancePayments.PayRequest(applicationId, key, fingerprint,
                requiredString(body, "payerId"), uuid(body, "billId"),
                Fen.parse("amountFen", body.getValue("amountFen")));
        advances.pay(actor(ctx), request).onSuccess(receipt -> Responses.json(ctx,
                receipt.outcome().replayed() ? 200 : 201, PaymentViews.payment(receipt)))
                .onFailure(ctx::fail);
    }

    private void disbursed(RoutingContext ctx) {
        Responses.reply(ctx, 200, advances.confirmDisbursement(actor(ctx),
                uuidParam(ctx, "id")).map(PaymentViews::disbursement));
    }

    private void reversed(RoutingContext ctx) {
        Responses.reply(ctx, 200, advances.reverse(actor(ctx), uuidParam(ctx, "id"))
                .map(PaymentViews::reversal));
    }

    private void notifications(RoutingContext ctx) {
        String after = ctx.request().getParam("after", "0");
        long afterId;
        try {
            afterId = Long.parseLong(after);
            if (afterId < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw Bodies.invalid("after", "after must be the id of a notification");
        }
        Responses.reply(ctx, 200, reads.notifications(actor(ctx), afterId)
                .map(PaymentViews::notifications));
    }

    private void overdue(RoutingContext ctx) {
        Responses.reply(ctx, 200, reads.overdue(actor(ctx)).map(PaymentViews::overdue));
    }

    private void reconciliation(RoutingContext ctx) {
        LocalDate day;
        try {
            day = LocalDate.parse(ctx.request().getParam("date", ""));
        } catch (DateTimeParseException e) {
            throw Bodies.invalid("date", "date must be a day as YYYY-MM-DD (Asia/Shanghai)");
        }
        // a year PostgreSQL and the Asia/Shanghai offset both handle; nothing older is booked
        if (day.getYear() < 2000 || day.getYear() > 2999) {
            throw Bodies.invalid("date", "date must be a day between 2000 and 2999");
        }
        String payerId = ctx.request().getParam("payerId");
        if (payerId != null && !PAYER_ID.matcher(payerId).matches()) {
            throw Bodies.invalid("payerId", "payerId must be the id of a payer, such as PICC");
        }
        // an unknown payer would read as a balanced day with nothing booked: say so instead
        Future<Void> known = payerId == null ? Future.succeededFuture() : reads.payers()
                .compose(payers -> payers.stream().anyMatch(p -> p.id().equals(payerId))
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture(PaymentError.UNKNOWN_PAYER.error("payerId",
                                "no payer with id '" + payerId + "' is registered")));
        Responses.reply(ctx, 200, known.compose(x -> reads.reconciliation(actor(ctx), day,
                Optional.ofNullable(payerId)))
                .map(PaymentViews::reconciliation));
    }

    private void registerHospital(RoutingContext ctx) {
        JsonObject body = object(ctx, "id", "name", "active");
        Responses.reply(ctx, 201, payments.registerHospital(requiredString(body, "id", 64),
                requiredString(body, "name", 100), Bodies.optionalBoolean(body, "active", true))
                .map(PaymentViews::hospital));
    }

    private void registerPayer(RoutingContext ctx) {
        JsonObject body = object(ctx, "id", "kind", "name", "webhookUrl", "webhookSecret");
        PayerKind kind;
        try {
            kind = PayerKind.valueOf(requiredString(body, "kind"));
        } catch (IllegalArgumentException e) {
            throw Bodies.invalid("kind", "kind must be INSURER or ASSISTANCE_FUND");
        }
        Responses.reply(ctx, 201, payments.registerPayer(requiredString(body, "id", 64), kind,
                requiredString(body, "name", 100), requiredString(body, "webhookUrl", 500),
                requiredString(body, "webhookSecret", 200)).map(PaymentViews::registeredPayer));
    }

    /** The demo's stand-in for payers' systems: accepts and logs each order. */
    private void demoPayerSystem(RoutingContext ctx) {
        LOG.info("demo payer system received {} {}", ctx.request().getHeader("Idempotency-Key"),
                ctx.body() == null ? "" : ctx.body().asString());
        Responses.json(ctx, 202, new JsonObject().put("accepted", true));
    }

    // ---- parsing ---------------------------------------------------------------------------

    private static Actor actor(RoutingContext ctx) {
        return Actor.of(Authz.caller(ctx));
    }

    private static Vehicle vehicle(Object value, String at) {
        if (!(value instanceof JsonObject v)) {
            throw Bodies.invalid(at, "each vehicle must be an object");
        }
        Bodies.only(v, at + ".", "plate", "insurerId", "uninsured", "fled", "liability");
        LiabilityState liability = v.getValue("liability") == null ? LiabilityState.UNDETERMINED
                : liabilityState(v, "liability");
        return new Vehicle(Optional.ofNullable(optionalString(v, "plate")),
                Optional.ofNullable(optionalString(v, "insurerId")).filter(s -> !s.isEmpty()),
                flag(v, "uninsured", at), flag(v, "fled", at), liability);
    }

    private static boolean flag(JsonObject o, String field, String at) {
        Object value = o.getValue(field);
        if (value != null && !(value instanceof Boolean)) {
            throw Bodies.invalid(at.isEmpty() ? field : at + "." + field,
                    field + " must be true or false");
        }
        return Boolean.TRUE.equals(value);
    }

    private static LiabilityState liabilityState(JsonObject o, String field) {
        try {
            return LiabilityState.valueOf(requiredString(o, field));
        } catch (IllegalArgumentException e) {
            throw Bodies.invalid(field,
                    field + " must be LIABLE, NOT_LIABLE or UNDETERMINED");
        }
    }

    private static Instant instant(JsonObject o, String field) {
        return instant(o, field, "");
    }

    private static Instant instant(JsonObject o, String field, String at) {
        Object value = o.getValue(field);
        if (!(value instanceof String s)) {
            throw Bodies.invalid(at + field, field + " is required, as an ISO-8601 instant"
                    + " such as 2026-11-29T08:30:00Z");
        }
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw Bodies.invalid(at + field, field + " must be an ISO-8601 time with an"
                    + " offset, such as 2026-11-29T16:30:00+08:00");
        }
    }

    private static String text(JsonObject o, String field, String at, int maxLength) {
        Object value = o.getValue(field);
        if (!(value instanceof String s)) {
            throw Bodies.invalid(at + field, field + " is required");
        }
        if (s.trim().length() > maxLength) {
            throw Bodies.invalid(at + field, field + " 过长 / " + field + " may be at most "
                    + maxLength + " characters long");
        }
        return s.trim();
    }

    private static UUID uuid(JsonObject o, String field) {
        try {
            return UUID.fromString(requiredString(o, field));
        } catch (IllegalArgumentException e) {
            throw Bodies.invalid(field, field + " must be a UUID");
        }
    }
}
