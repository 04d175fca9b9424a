package cn.anxing.accident;

import cn.anxing.accident.cases.*;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.routing.LatLon;
import static cn.anxing.http.Bodies.object;
import static cn.anxing.http.Bodies.optionalString;
import static cn.anxing.http.Bodies.requiredDouble;
import static cn.anxing.http.Bodies.uuidParam;

import cn.anxing.accident.eligibility.ChecklistAnswers;
import cn.anxing.accident.liability.ScenarioCatalogue;
import cn.anxing.auth.Role;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.auth.Access;
import cn.anxing.auth.Authz;
import cn.anxing.http.Bodies;
import cn.anxing.http.ClientAddress;
import cn.anxing.http.Responses;
import cn.anxing.http.SecurityHeaders;
import cn.anxing.http.UploadRoutes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The drivers' accident API (事故快处), the scenario catalogue and the public agreement check.
 * Changes accept an {@code If-Match: <version>} header (or a {@code version} field): a stale one
 * is a 409, so a page acting on an old view of the case cannot overwrite a newer one.
 */
public final class AccidentRoutes implements UploadRoutes {

    private static final String CASE = "/api/v1/accidents/:id";
    /** The longest account of what happened a party may write (about a page). */
    private static final int ACCOUNT_MAX_CHARS = 2000;
    /** A signature PNG of a few hundred KB, base64: a third longer than its bytes. */
    private static final int MAX_SIGNATURE_BASE64 = 700_000;

    private final AccidentUseCases accidents;
    private final AccidentViews views;
    private final ScenarioCatalogue catalogue;
    private final Authz authz;
    private final long photoMaxBytes;
    private final Optional<String> verifyBaseUrl;
    private final JoinPreviewLimit previewLimit;

    /**
     * @param verifyBaseUrl the public page printed on agreements; empty: this server's own
     *                      {@code #/verify} page at the address the request came to
     */
    public AccidentRoutes(AccidentUseCases accidents, AccidentViews views,
            ScenarioCatalogue catalogue, Authz authz, long photoMaxBytes,
            Optional<String> verifyBaseUrl, JoinPreviewLimit previewLimit) {
        this.accidents = accidents;
        this.previewLimit = previewLimit;
        this.views = views;
        this.catalogue = catalogue;
        this.authz = authz;
        this.photoMaxBytes = photoMaxBytes;
        this.verifyBaseUrl = verifyBaseUrl;
    }

    @Override
    public void mountUploads(Router router) {
        router.put(CASE + "/photos/:slot").handler(BodyHandler.create(false)
                .setBodyLimit(photoMaxBytes));
    }

    @Override
    public void mount(Router router) {
        authz.guard(router.get("/api/v1/liability/scenarios"), Access.anyone())
                .handler(this::scenarios);
        authz.guard(router.get("/api/v1/agreements/:code/verify"), Access.anyone())
                .handler(this::verify);
        // the invitation's preview is read before signing in
        authz.guard(router.get("/api/v1/accidents/join/:code"), Access.anyone())
                .handler(this::joinPreview);
        // every route under /api/v1/accidents is the driver's; whose case it is, the use cases
        // check (a party of it)
        authz.guard(router.route("/api/v1/accidents*"), Access.roles(Role.DRIVER));
        authz.guard(router.get("/api/v1/insurers"), Access.signedIn()).handler(this::insurers);
        router.get("/api/v1/accidents/location").handler(this::locate);
        router.post("/api/v1/accidents").handler(this::report);
        router.get("/api/v1/accidents").handler(this::mine);
        router.post("/api/v1/accidents/join").handler(this::join);
        router.get(CASE).handler(this::view);
        router.get(CASE + "/transitions").handler(this::transitions);
        router.post(CASE + "/checklist").handler(this::checklist);
        router.put(CASE + "/photos/:slot").handler(this::upload);
        router.get(CASE + "/photos/:photoId").handler(this::photo);
        router.put(CASE + "/parties/me").handler(this::party);
        router.post(CASE + "/statement").handler(this::statement);
        router.post(CASE + "/police-request").handler(this::policeRequest);
        router.post(CASE + "/signature").handler(this::sign);
        router.get(CASE + "/agreement").handler(this::agreement);
        router.get(CASE + "/agreement.pdf").handler(this::agreementPdf);
        router.get(CASE + "/notifications").handler(this::notifications);
    }

    private void scenarios(RoutingContext ctx) {
        Responses.json(ctx, 200, new JsonObject().put("version", catalogue.version())
                .put("effectiveFrom", catalogue.effectiveFrom().toString())
                .put("jurisdiction", catalogue.jurisdiction())
                .put("jurisdictionName", catalogue.jurisdictionName())
                .put("scenarios", new JsonArray(catalogue.scenarios().stream()
                        .map(AccidentViews::scenario).toList())));
    }

    private void insurers(RoutingContext ctx) {
        Responses.reply(ctx, 200, accidents.parties().insurers()
                .map(AccidentViews::activeInsurers));
    }

    private void locate(RoutingContext ctx) {
        Responses.reply(ctx, 200, accidents.reports().locate(queryDouble(ctx, "lat"),
                queryDouble(ctx, "lon")).map(AccidentViews::location));
    }

    private void report(RoutingContext ctx) {
        JsonObject body = object(ctx, "lat", "lon", "occurredAt", "plates", "weather",
                "accidentForm", "ignoreDuplicates");
        var request = new ReportCases.ReportRequest(requiredDouble(body, "lat"),
                requiredDouble(body, "lon"), instant(optionalString(body, "occurredAt", 40)),
                strings(body, "plates"), optionalString(body, "weather", 40),
                optionalString(body, "accidentForm", 60),
                Bodies.optionalBoolean(body, "ignoreDuplicates", false));
        accidents.reports().report(Authz.accountId(ctx), request).onSuccess(result -> {
            if (result.createdCase() != null) {
                Responses.json(ctx, 201, views.forParty(result.createdCase()));
            } else {
                Responses.json(ctx, 200, new JsonObject().put("created", false)
                        .put("duplicates", AccidentViews.duplicates(result.duplicates())));
            }
        }).onFailure(ctx::fail);
    }

    private void mine(RoutingContext ctx) {
        Responses.reply(ctx, 200, accidents.reading().myCases(Authz.accountId(ctx))
                .map(list -> new JsonArray(list.stream().map(AccidentViews::summary).toList())));
    }

    private void joinPreview(RoutingContext ctx) {
        previewLimit.check(ClientAddress.of(ctx), ctx.pathParam("code"));
        Responses.reply(ctx, 200, accidents.reports().preview(ctx.pathParam("code"))
                .map(AccidentViews::joinPreview));
    }

    private void join(RoutingContext ctx) {
        JsonObject body = object(ctx, "shareCode", "caseId");
        String caseId = optionalString(body, "caseId", 36);
        Responses.reply(ctx, 200, accidents.reports().join(Authz.accountId(ctx),
                optionalString(body, "shareCode", 20), caseId == null ? null : uuid(caseId))
                .map(views::forParty));
    }

    private void view(RoutingContext ctx) {
        Responses.reply(ctx, 200, accidents.reading().view(Authz.accountId(ctx),
                uuidParam(ctx, "id")).map(views::forParty));
    }

    private void transitions(RoutingContext ctx) {
        Responses.reply(ctx, 200, accidents.reading().transitions(Authz.accountId(ctx),
                uuidParam(ctx, "id")).map(AccidentViews::transitions));
    }

    private void checklist(RoutingContext ctx) {
        JsonObject b = object(ctx, "anyoneInjured", "vehiclesDrivable", "allInsured",
                "allInspected", "drinkOrDrugs", "licencesValid", "facilityHit", "hazardousGoods",
                "plateMissingOrFalse", "schoolBusOverloadOrSpeeding", "partyLeftScene",
                "deliberate", "version");
        var answers = new ChecklistAnswers(bool(b, "anyoneInjured"),
                bool(b, "vehiclesDrivable"), bool(b, "allInsured"),
                Bodies.optionalBoolean(b, "allInspected", true), bool(b, "drinkOrDrugs"),
                Bodies.optionalBoolean(b, "licencesValid", true), bool(b, "facilityHit"),
                bool(b, "hazardousGoods"), Bodies.optionalBoolean(b, "plateMissingOrFalse", false),
                Bodies.optionalBoolean(b, "schoolBusOverloadOrSpeeding", false),
                Bodies.optionalBoolean(b, "partyLeftScene", false),
                Bodies.optionalBoolean(b, "deliberate", false), 2);
        Responses.reply(ctx, 200, accidents.evidence().answerChecklist(Authz.accountId(ctx),
                uuidParam(ctx, "id"), version(ctx, b), answers).map(views::forParty));
    }

    private void upload(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.matches("(?i)image/(jpeg|png|heic)(;.*)?")) {
            throw new DomainException(CommonError.UNSUPPORTED_MEDIA_TYPE, "照片须为 JPEG、PNG 或"
                    + " HEIC / send the photo as image/jpeg, image/png or image/heic",
                    "Content-Type");
        }
        Buffer body = ctx.body().buffer();
        byte[] bytes = body == null ? new byte[0] : body.getBytes();
        accidents.evidence().uploadPhoto(Authz.accountId(ctx), uuidParam(ctx, "id"),
                ctx.pathParam("slot"), ctx.request().getHeader("Idempotency-Key"), type, bytes)
                .onSuccess(result -> Responses.json(ctx, result.replayed() ? 200 : 201,
                        AccidentViews.upload(result, views.forParty(result.updated()))))
                .onFailure(ctx::fail);
    }

    private void photo(RoutingContext ctx) {
        accidents.evidence().photo(Authz.accountId(ctx), false, uuidParam(ctx, "id"),
                uuidParam(ctx, "photoId")).onSuccess(file -> {
                    SecurityHeaders.userFile(ctx.response(), ctx.pathParam("photoId"),
                            file.contentType());
                    ctx.response().putHeader("Cache-Control", "private, max-age=3600")
                            .end(Buffer.buffer(file.bytes()));
                })
                .onFailure(ctx::fail);
    }

    private void party(RoutingContext ctx) {
        JsonObject b = object(ctx, "name", "plate", "vehicleType", "licenceNo", "insurerCode",
                "policyNo", "collisionPart", "version");
        var request = new CaseParties.PartyRequest(optionalString(b, "name", 50),
                optionalString(b, "plate", 20), optionalString(b, "vehicleType", 50),
                optionalString(b, "licenceNo", 30), optionalString(b, "insurerCode", 32),
                optionalString(b, "policyNo", 40), optionalString(b, "collisionPart", 100));
        Responses.reply(ctx, 200, accidents.parties().updateParty(Authz.accountId(ctx),
                uuidParam(ctx, "id"), version(ctx, b), request).map(views::forParty));
    }

    private void statement(RoutingContext ctx) {
        JsonObject b = object(ctx, "declined", "assessments", "account", "version");
        boolean declined = Bodies.optionalBoolean(b, "declined", false);
        Map<String, String> assessments = new LinkedHashMap<>();
        if (!declined) {
            Bodies.requiredObject(b, "assessments").forEach(e -> assessments.put(e.getKey(),
                    e.getValue() instanceof String s ? s : null));
        }
        String account = optionalString(b, "account", ACCOUNT_MAX_CHARS);
        if (account != null && account.length() > ACCOUNT_MAX_CHARS) {
            throw invalid("account", "经过描述不能超过 " + ACCOUNT_MAX_CHARS + " 字 / the account"
                    + " may have at most " + ACCOUNT_MAX_CHARS + " characters");
        }
        Responses.reply(ctx, 200, accidents.parties().makeStatement(Authz.accountId(ctx),
                uuidParam(ctx, "id"), version(ctx, b), declined, assessments,
                account == null || account.isBlank() ? null : account.strip())
                .map(views::forParty));
    }

    private void policeRequest(RoutingContext ctx) {
        Responses.reply(ctx, 200, accidents.parties().requestPolice(Authz.accountId(ctx),
                uuidParam(ctx, "id"), version(ctx, null)).map(views::forParty));
    }

    private void sign(RoutingContext ctx) {
        JsonObject b = object(ctx, "confirm", "signaturePng", "version");
        if (!Bodies.optionalBoolean(b, "confirm", false)) {
            throw invalid("confirm", "请确认责任认定结果 / confirm the decision (confirm: true)"
                    + " to sign");
        }
        Responses.reply(ctx, 200, accidents.agreements().sign(Authz.accountId(ctx),
                uuidParam(ctx, "id"), version(ctx, b),
                optionalString(b, "signaturePng", MAX_SIGNATURE_BASE64))
                .map(views::forParty));
    }

    private void agreement(RoutingContext ctx) {
        Responses.reply(ctx, 200, accidents.agreements().agreement(Authz.accountId(ctx),
                uuidParam(ctx, "id")).map(sealed -> AgreementViews.agreement(sealed, catalogue)));
    }

    private void agreementPdf(RoutingContext ctx) {
        String verifyUrl = verifyBaseUrl.orElseGet(() -> ownVerifyPage(ctx));
        accidents.parties().insurers().compose(insurers -> accidents.agreements()
                        .agreementPdf(Authz.accountId(ctx), uuidParam(ctx, "id"), verifyUrl,
                                AgreementViews.insurerNamesZh(insurers)))
                .onSuccess(pdf -> ctx.response().putHeader("Content-Type", "application/pdf")
                        .putHeader("Content-Disposition",
                                "attachment; filename=\"agreement.pdf\"")
                        .putHeader("Cache-Control", "no-store")
                        .end(Buffer.buffer(pdf)))
                .onFailure(ctx::fail);
    }

    private void notifications(RoutingContext ctx) {
        Responses.reply(ctx, 200, accidents.agreements().notifications(Authz.accountId(ctx),
                uuidParam(ctx, "id")).map(list -> new JsonArray(list.stream()
                        .map(AgreementViews::notification).toList())));
    }

    private void verify(RoutingContext ctx) {
        Responses.reply(ctx, 200, accidents.agreements().verify(ctx.pathParam("code"))
                .compose(v -> accidents.parties().insurers()
                        .map(insurers -> AgreementViews.verification(v, insurers))));
    }

    /**
     * This server's own check page, at the address the request came to (through a proxy: the
     * scheme it forwarded), so a printed link works wherever the server is reached from.
     */
    static String ownVerifyPage(RoutingContext ctx) {
        String forwarded = ctx.request().getHeader("X-Forwarded-Proto");
        String scheme = forwarded != null && !forwarded.isBlank()
                ? forwarded.split(",")[0].trim() : ctx.request().scheme();
        String host = ctx.request().getHeader("Host");
        if (host == null || host.isBlank()) {
            host = String.valueOf(ctx.request().authority());
        }
        return scheme + "://" + host + "/#/verify";
    }

    /** The version the page acted on: If-Match (quotes and W/ allowed) or the body's field. */
    static Integer version(RoutingContext ctx, JsonObject body) {
        String header = ctx.request().getHeader("If-Match");
        Object value = header != null ? header.replaceAll("^W/|\"", "").trim()
                : body == null ? null : body.getValue("version");
        if (value == null) {
            return null;
        }
        try {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            throw invalid("version", "If-Match / version must be the case's version"
                    + " number");
        }
    }

    static double queryDouble(RoutingContext ctx, String name) {
        String value = ctx.queryParams().get(name);
        try {
            double d = Double.parseDouble(value);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NullPointerException | NumberFormatException e) {
            throw invalid(name, name + " must be a number");
        }
    }

    static DomainException invalid(String field, String message) {
        return new DomainException(CommonError.VALIDATION_FAILED, message, field);
    }

    private static boolean bool(JsonObject body, String field) {
        return Bodies.requiredBoolean(body, field);
    }

    private static List<String> strings(JsonObject body, String field) {
        if (body.getValue(field) == null) {
            return null;
        }
        List<String> list = new ArrayList<>();
        JsonArray array = Bodies.requiredArray(body, field);
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof String s)) {
                throw invalid(field + "[" + i + "]", "a plate must be a string");
            }
            list.add(s);
        }
        return list;
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid("occurredAt", "occurredAt must be an ISO-8601 instant such"
                    + " as 2026-11-29T08:30:00Z");
        }
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid("caseId", "caseId must be a UUID");
        }
    }
}
