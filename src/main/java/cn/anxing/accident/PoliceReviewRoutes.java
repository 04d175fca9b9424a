package cn.anxing.accident;

import static cn.anxing.http.Bodies.object;
import static cn.anxing.http.Bodies.optionalString;
import static cn.anxing.http.Bodies.uuidParam;

import cn.anxing.accident.police.SendBack;
import cn.anxing.auth.Access;
import cn.anxing.auth.Authz;
import cn.anxing.auth.Role;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.http.Bodies;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The traffic police's desk (交警工作台): the queue, claims, a case with its photos and
 * statements, the decision with its legal basis, sending back, closing, the determination
 * document, the audit, and the statistics; the parties' side of determinations (the PDF, asking
 * for review) and the public determination check.
 */
public final class PoliceReviewRoutes implements FeatureRoutes {

    private static final String CASE = "/api/v1/police/accidents/:id";
    private static final String PARTY_CASE = "/api/v1/accidents/:id";

    private final PoliceDesk police;
    private final CaseEvidence evidence;
    private final CaseReading reading;
    private final AccidentViews views;
    private final Authz authz;
    private final Optional<String> verifyBaseUrl;

    public PoliceReviewRoutes(AccidentUseCases accidents, AccidentViews views, Authz authz,
            Optional<String> verifyBaseUrl) {
        this.police = accidents.police();
        this.evidence = accidents.evidence();
        this.reading = accidents.reading();
        this.views = views;
        this.authz = authz;
        this.verifyBaseUrl = verifyBaseUrl;
    }

    @Override
    public void mount(Router router) {
        authz.guard(router.get("/api/v1/determinations/:code/verify"), Access.anyone())
                .handler(this::verify);
        authz.guard(router.get(PARTY_CASE + "/determination.pdf"), Access.roles(Role.DRIVER))
                .handler(this::partyPdf);
        authz.guard(router.post(PARTY_CASE + "/review-request"), Access.roles(Role.DRIVER))
                .handler(this::reviewRequest);

        authz.guard(router.route("/api/v1/police/*"), Access.roles(Role.POLICE, Role.ADMIN));
        router.get("/api/v1/police/accidents").handler(this::queue);
        router.get("/api/v1/police/statistics").handler(this::statistics);
        router.get("/api/v1/police/legal-basis").handler(this::legalBasis);
        router.get("/api/v1/police/audit").handler(this::officerAudit);
        router.get(CASE).handler(this::view);
        router.post(CASE + "/claim").handler(this::claim);
        router.delete(CASE + "/claim").handler(this::release);
        router.post(CASE + "/take-over").handler(this::takeOver);
        router.get(CASE + "/audit").handler(this::caseAudit);
        router.get(CASE + "/photos/:photoId").handler(this::photo);
        router.post(CASE + "/decision").handler(this::decide);
        router.post(CASE + "/send-back").handler(this::sendBack);
        router.post(CASE + "/close").handler(this::close);
        router.get(CASE + "/determination.pdf").handler(this::policePdf);
    }

    private void queue(RoutingContext ctx) {
        var q = ctx.queryParams();
        var query = new PoliceQueue.QueueQuery(blankToNull(q.get("reason")),
                blankToNull(q.get("road")), time(q.get("from"), "from"), time(q.get("to"), "to"),
                blankToNull(q.get("state")), blankToNull(q.get("q")),
                "TIME".equalsIgnoreCase(q.get("sort")) ? "TIME" : "URGENCY");
        Instant now = Instant.now();
        Responses.reply(ctx, 200,
                police.queue().queue(query).map(list -> new JsonArray(list.stream()
                        .map(e -> AccidentViews.queueEntry(e, now)).toList())));
    }

    private void statistics(RoutingContext ctx) {
        Responses.reply(ctx, 200, police.queue().statistics().map(AccidentViews::statistics));
    }

    private void legalBasis(RoutingContext ctx) {
        Responses.json(ctx, 200, AccidentViews.legalBasis(police.decisions().legalBasis()));
    }

    private void view(RoutingContext ctx) {
        Responses.reply(ctx, 200, police.claims().view(Authz.accountId(ctx), uuidParam(ctx, "id"))
                .map(views::forPolice));
    }

    private void claim(RoutingContext ctx) {
        Responses.reply(ctx, 200, police.claims().claim(Authz.accountId(ctx), uuidParam(ctx, "id"))
                .map(views::forPolice));
    }

    private void release(RoutingContext ctx) {
        Responses.reply(ctx, 200,
                police.claims().release(Authz.accountId(ctx), uuidParam(ctx, "id"))
                        .map(x -> new JsonObject().put("released", true)));
    }

    private void takeOver(RoutingContext ctx) {
        boolean admin = Authz.roles(ctx).contains(Role.ADMIN);
        if (!admin && !Authz.roles(ctx).contains(Role.POLICE_SUPERVISOR)) {
            throw new DomainException(CommonError.FORBIDDEN, "只有督导或管理员可以接管案件 / only"
                    + " a police supervisor or an admin takes a claim over", null);
        }
        Responses.reply(ctx, 200, police.claims().takeOver(Authz.accountId(ctx),
                uuidParam(ctx, "id"), admin).map(views::forPolice));
    }

    private void caseAudit(RoutingContext ctx) {
        Responses.reply(ctx, 200, police.claims().auditOfCase(uuidParam(ctx, "id"))
                .map(AccidentViews::audit));
    }

    private void officerAudit(RoutingContext ctx) {
        String officer = ctx.queryParams().get("officer");
        UUID id;
        if (officer == null || officer.isBlank() || officer.equals("me")) {
            id = Authz.accountId(ctx);
        } else {
            try {
                id = UUID.fromString(officer);
            } catch (IllegalArgumentException e) {
                throw AccidentRoutes.invalid("officer", "officer must be an account id or me");
            }
        }
        Responses.reply(ctx, 200, police.claims().auditOfOfficer(id).map(AccidentViews::audit));
    }

    private void photo(RoutingContext ctx) {
        police.claims().photo(Authz.accountId(ctx), uuidParam(ctx, "id"),
                uuidParam(ctx, "photoId"), evidence).onSuccess(file -> {
                    cn.anxing.http.SecurityHeaders.userFile(ctx.response(),
                            ctx.pathParam("photoId"), file.contentType());
                    ctx.response().putHeader("Cache-Control", "private, max-age=3600")
                            .end(Buffer.buffer(file.bytes()));
                })
                .onFailure(ctx::fail);
    }

    private void close(RoutingContext ctx) {
        Responses.reply(ctx, 200,
                police.decisions().close(Authz.accountId(ctx), uuidParam(ctx, "id"),
                        AccidentRoutes.version(ctx, null)).map(views::forPolice));
    }

    private void decide(RoutingContext ctx) {
        JsonObject body = object(ctx, "grades", "basis", "facts", "note", "version");
        Map<String, String> grades = new LinkedHashMap<>();
        Bodies.requiredObject(body, "grades").forEach(e -> grades.put(e.getKey(),
                e.getValue() instanceof String s ? s : null));
        Map<String, List<String>> basis = new LinkedHashMap<>();
        if (body.getValue("basis") != null) {
            Bodies.requiredObject(body, "basis").forEach(e -> {
                if (!(e.getValue() instanceof JsonArray codes)) {
                    throw AccidentRoutes.invalid("basis." + e.getKey(), "the legal basis of a"
                            + " party is a list of article codes");
                }
                List<String> list = new ArrayList<>();
                for (int i = 0; i < codes.size(); i++) {
                    if (!(codes.getValue(i) instanceof String s)) {
                        throw AccidentRoutes.invalid("basis." + e.getKey() + "[" + i + "]",
                                "an article code is a string");
                    }
                    list.add(s);
                }
                basis.put(e.getKey(), list);
            });
        }
        var request = new PoliceDecisions.DecisionRequest(grades, basis,
                optionalString(body, "facts", 2000), optionalString(body, "note", 2000));
        Responses.reply(ctx, 200,
                police.decisions().decide(Authz.accountId(ctx), uuidParam(ctx, "id"),
                        AccidentRoutes.version(ctx, body), request).map(views::forPolice));
    }

    private void sendBack(RoutingContext ctx) {
        JsonObject body = object(ctx, "items", "note", "version");
        JsonArray array = Bodies.requiredArray(body, "items");
        List<SendBack.Item> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject item)) {
                throw AccidentRoutes.invalid("items[" + i + "]", "each item is an object");
            }
            Bodies.only(item, "items[" + i + "].", "kind", "target", "party");
            String kind = optionalString(item, "kind");
            SendBack.Kind k;
            try {
                k = SendBack.Kind.valueOf(kind == null ? "" : kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw AccidentRoutes.invalid("items[" + i + "].kind", "kind is PHOTO, FIELD or"
                        + " STATEMENT");
            }
            items.add(new SendBack.Item(k, optionalString(item, "target"),
                    optionalString(item, "party"), false));
        }
        Responses.reply(ctx, 200,
                police.sendBack().sendBack(Authz.accountId(ctx), uuidParam(ctx, "id"),
                        AccidentRoutes.version(ctx, body), items, optionalString(body, "note", 2000))
                        .map(views::forPolice));
    }

    private void policePdf(RoutingContext ctx) {
        pdf(ctx, police.decisions().determinationPdf(uuidParam(ctx, "id"), determinationBase(ctx)));
    }

    private void partyPdf(RoutingContext ctx) {
        var caseId = uuidParam(ctx, "id");
        pdf(ctx, reading.view(Authz.accountId(ctx), caseId)
                .compose(v -> police.decisions().determinationPdf(caseId, determinationBase(ctx))));
    }

    private void pdf(RoutingContext ctx, Future<byte[]> pdf) {
        pdf.onSuccess(bytes -> ctx.response().putHeader("Content-Type", "application/pdf")
                        .putHeader("Content-Disposition",
                                "attachment; filename=\"determination.pdf\"")
                        .putHeader("Cache-Control", "no-store")
                        .end(Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    private String determinationBase(RoutingContext ctx) {
        return verifyBaseUrl.orElseGet(() -> AccidentRoutes.ownVerifyPage(ctx))
                + "/determination";
    }

    private void reviewRequest(RoutingContext ctx) {
        var caseId = uuidParam(ctx, "id");
        UUID actor = Authz.accountId(ctx);
        Responses.reply(ctx, 200, police.reviews().requestReview(actor, caseId,
                AccidentRoutes.version(ctx, null)).compose(x -> reading.view(actor, caseId))
                .map(views::forParty));
    }

    private void verify(RoutingContext ctx) {
        Responses.reply(ctx, 200, police.decisions().verify(ctx.pathParam("code"))
                .map(AccidentViews::determinationVerification));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Instant time(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw AccidentRoutes.invalid(field, field + " must be an ISO-8601 instant such as"
                    + " 2026-11-29T08:30:00Z");
        }
    }
}
