package cn.anxing.fuzz;

import static cn.anxing.fuzz.BadRequests.Field.optional;
import static cn.anxing.fuzz.BadRequests.Field.required;
import static cn.anxing.fuzz.BadRequests.Kind.ARRAY;
import static cn.anxing.fuzz.BadRequests.Kind.BOOLEAN;
import static cn.anxing.fuzz.BadRequests.Kind.DATE;
import static cn.anxing.fuzz.BadRequests.Kind.FORMATTED;
import static cn.anxing.fuzz.BadRequests.Kind.MONEY;
import static cn.anxing.fuzz.BadRequests.Kind.NUMBER;
import static cn.anxing.fuzz.BadRequests.Kind.OBJECT;
import static cn.anxing.fuzz.BadRequests.Kind.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.anxing.fuzz.BadRequests.BadRequest;
import cn.anxing.fuzz.BadRequests.Family;
import cn.anxing.fuzz.BadRequests.Template;
import cn.anxing.testing.Api;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * At least a thousand generated bad requests per endpoint family, each answered with a 4xx
 * JSON error naming the problem, and nothing stored changed by any of them (a fingerprint of
 * every table's content before and after each family). The requests are built by
 * {@link BadRequests} from valid ones, one thing wrong in each.
 */
@Label("Generated bad requests")
class BadInputFuzzTest {

    private static final int TRIES = 1000;

    private static FuzzFixture fx;
    private static final Map<String, Map<Integer, AtomicInteger>> STATUSES =
            new ConcurrentHashMap<>();
    private Map<String, String> before;
    /** With -Dfuzz.survey=true, failures are listed at the end instead of failing at once. */
    private static final boolean SURVEY = Boolean.getBoolean("fuzz.survey");
    private static final Map<String, String> FAILURES = new java.util.concurrent
            .ConcurrentSkipListMap<>();

    @BeforeContainer
    static void start() {
        fx = new FuzzFixture();
    }

    @AfterContainer
    static void stop() {
        STATUSES.forEach((family, counts) -> {
            int total = counts.values().stream().mapToInt(AtomicInteger::get).sum();
            int errors = counts.entrySet().stream().filter(e -> e.getKey() >= 500)
                    .mapToInt(e -> e.getValue().get()).sum();
            System.out.printf("FUZZ %-10s requests %5d, 5xx %d, statuses %s%n", family, total,
                    errors, new TreeMap<>(counts));
        });
        FAILURES.forEach((kind, example) -> System.out.println("FUZZ FAIL " + kind + "\n    "
                + example));
        if (fx != null) {
            fx.close();
        }
    }

    @BeforeProperty
    void fingerprintBefore() {
        before = FuzzFixture.fingerprint();
    }

    @AfterProperty
    void nothingStored() {
        Map<String, String> after = FuzzFixture.fingerprint();
        List<String> changed = new ArrayList<>();
        for (var entry : after.entrySet()) {
            if (!entry.getValue().equals(before.get(entry.getKey()))) {
                changed.add(entry.getKey());
            }
        }
        if (SURVEY && !changed.isEmpty()) {
            System.out.println("FUZZ CHANGED " + changed);
            return;
        }
        assertEquals(List.of(), changed, "tables changed by refused requests");
    }

    // ------------------------------------------------------------------ families

    private static final Family ACCIDENTS = new Family("accidents");
    private static final Family ADMIN = new Family("admin");
    private static final Family AUTH = new Family("auth");
    private static final Family BUS = new Family("bus");
    private static final Family JOINS = new Family("joins");
    private static final Family PARTIES = new Family("parties");
    private static final Family PAYMENTS = new Family("payments");
    private static final Family POLICE = new Family("police");
    private static final Family SIGNATURES = new Family("signatures");
    private static final Family STATEMENTS = new Family("statements");

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF,
            generation = GenerationMode.RANDOMIZED)
    @Label("accidents: reports, joins, checklists")
    void accidents(@ForAll("accidentRequests") BadRequest r) {
        refused(fx.driverA, r);
    }

    @Provide
    Arbitrary<BadRequest> accidentRequests() {
        return BadRequests.anyOf(
                ACCIDENTS.post("/api/v1/accidents",
                        fx::reportBody, required("lat", NUMBER), required("lon", NUMBER),
                        required("plates", ARRAY), optional("plates.0", FORMATTED),
                        required("weather", FORMATTED), required("accidentForm", FORMATTED),
                        optional("occurredAt", DATE), optional("ignoreDuplicates", BOOLEAN)),
                ACCIDENTS.post(
                        FuzzFixture.casePath(fx.draftCase) + "/checklist",
                        FuzzFixture::eligible, required("anyoneInjured", BOOLEAN),
                        required("vehiclesDrivable", BOOLEAN), required("allInsured", BOOLEAN),
                        required("drinkOrDrugs", BOOLEAN), required("facilityHit", BOOLEAN),
                        required("hazardousGoods", BOOLEAN)));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF,
            generation = GenerationMode.RANDOMIZED)
    @Label("joins by share code")
    void joins(@ForAll("joinRequests") BadRequest r) {
        refused(fx.outsider, r);
    }

    @Provide
    Arbitrary<BadRequest> joinRequests() {
        return JOINS.post("/api/v1/accidents/join",
                () -> new JsonObject().put("shareCode", fx.joinableShareCode),
                required("shareCode", FORMATTED));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF,
            generation = GenerationMode.RANDOMIZED)
    @Label("photos: files that are not what they claim, bad slots and keys")
    void photos(@ForAll("photoRequests") BadRequest r) {
        refused(fx.driverA, r);
    }

    @Provide
    Arbitrary<BadRequest> photoRequests() {
        String path = FuzzFixture.casePath(fx.evidenceCase) + "/photos/";
        byte[] good = FuzzImages.photo("jpeg");
        Arbitrary<BadRequest> badFiles = Arbitraries.of(FuzzImages.badPhotos())
                .map(f -> new BadRequest("photos", f.name(), "PUT", path + "panorama-front",
                        f.contentType(), f.bytes(), BadRequests.freshKey()));
        Arbitrary<BadRequest> badSlots = Arbitraries.of("plate-99", "plate-0", "..%2F..%2Fetc",
                "PANORAMA-FRONT", "x".repeat(3000), "panorama-front%00", "%ED%A0%80",
                "plate-1e3", "plate--1").map(slot -> new BadRequest("photos", "slot " + slot,
                        "PUT", path + slot, "image/jpeg", good, BadRequests.freshKey()));
        Arbitrary<BadRequest> badKeys = Arbitraries.of("", "k".repeat(300), "a\tb",
                "x".repeat(100_000)).map(key -> new BadRequest("photos", "key of "
                        + key.length() + " chars", "PUT", path + "panorama-rear", "image/jpeg",
                        good, key.isEmpty() ? Map.of() : Map.of("Idempotency-Key", key)));
        // a truncated upload of a real photo at any length
        Arbitrary<BadRequest> truncated = Arbitraries.integers().between(0, good.length - 2)
                .map(n -> new BadRequest("photos", "photo cut at " + n, "PUT",
                        path + "collision-point", "image/jpeg",
                        java.util.Arrays.copyOf(good, n), BadRequests.freshKey()));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, badFiles), net.jqwik.api.Tuple.of(1, badSlots),
                net.jqwik.api.Tuple.of(1, badKeys), net.jqwik.api.Tuple.of(3, truncated));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF,
            generation = GenerationMode.RANDOMIZED)
    @Label("parties: name, plate, licence, insurer and policy")
    void parties(@ForAll("partyRequests") BadRequest r) {
        refused(fx.driverA, r);
    }

    @Provide
    Arbitrary<BadRequest> partyRequests() {
        String plate = fx.driverA.get(FuzzFixture.casePath(fx.partiesCase)).json()
                .getJsonArray("plates").getString(0);
        return PARTIES.put(
                FuzzFixture.casePath(fx.partiesCase) + "/parties/me",
                () -> FuzzFixture.party("王五", plate, "330482199202023456", "PICC"),
                optional("name", TEXT), optional("plate", FORMATTED),
                        optional("vehicleType", TEXT), optional("licenceNo", FORMATTED),
                        optional("insurerCode", FORMATTED), optional("policyNo", FORMATTED),
                        optional("collisionPart", TEXT));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF,
            generation = GenerationMode.RANDOMIZED)
    @Label("statements: what each party says happened")
    void statements(@ForAll("statementRequests") BadRequest r) {
        refused(fx.driverA, r);
    }

    @Provide
    Arbitrary<BadRequest> statementRequests() {
        String path = FuzzFixture.casePath(fx.liabilityCase) + "/statement";
        return BadRequests.anyOf(
                STATEMENTS.post(path,
                        () -> new JsonObject().put("assessments", new JsonObject()
                                .put("A", "NOT_AT_FAULT").put("B", "REAR_END")),
                        required("assessments", OBJECT),
                                required("assessments.A", FORMATTED),
                                required("assessments.B", FORMATTED)),
                STATEMENTS.post(path,
                        () -> new JsonObject().put("declined", true),
                        required("declined", BOOLEAN)));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF,
            generation = GenerationMode.RANDOMIZED)
    @Label("signatures: consent and the signature image")
    void signatures(@ForAll("signatureRequests") BadRequest r) {
        refused(fx.driverA, r);
    }

    @Provide
    Arbitrary<BadRequest> signatureRequests() {
        String path = FuzzFixture.casePath(fx.signingCase) + "/signature";
        byte[] good = FuzzImages.signature();
        Arbitrary<BadRequest> badImages = Arbitraries.of(FuzzImages.badSignatures())
                .map(s -> new BadRequest("signatures", s.name(), "POST", path,
                        "application/json", BadRequests.encode(FuzzFixture.signatureBody(
                                s.bytes())), Map.of()));
        Arbitrary<BadRequest> badBase64 = Arbitraries.of("not base64 at all", "====",
                "iVBORw0KGgo", "data:image/png;base64,AAAA").map(s -> new BadRequest(
                        "signatures", "signature " + s, "POST", path, "application/json",
                        BadRequests.encode(new JsonObject().put("confirm", true)
                                .put("signaturePng", s)), Map.of()));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, SIGNATURES.post(path,
                        () -> FuzzFixture.signatureBody(good),
                        required("confirm", BOOLEAN),
                                required("signaturePng", FORMATTED))),
                net.jqwik.api.Tuple.of(1, badImages), net.jqwik.api.Tuple.of(1, badBase64));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF,
            generation = GenerationMode.RANDOMIZED)
    @Label("police: decisions")
    void police(@ForAll("policeRequests") BadRequest r) {
        refused(fx.police, r);
    }

    @Provide
    Arbitrary<BadRequest> policeRequests() {
        return POLICE.post("/api/v1/police/accidents/"
                + fx.reviewCase + "/decision", () -> new JsonObject().put("grades",
                        new JsonObject().put("A", "FULL").put("B", "NONE"))
                        .put("basis", new JsonObject().put("A", new JsonArray().add("RTSL-43"))
                                .put("B", new JsonArray().add("RTSL-43")))
                        .put("note", "B车追尾"),
                required("grades", OBJECT), required("grades.A", FORMATTED),
                        required("grades.B", FORMATTED), optional("note", TEXT));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF,
            generation = GenerationMode.RANDOMIZED)
    @Label("payments: applications, liability, bills and payments")
    void payments(@ForAll("paymentRequests") BadRequest r) {
        refused(senderOf(r), r);
    }

    @Provide
    Arbitrary<BadRequest> paymentRequests() {
        String app = "/api/v1/payments/applications/" + fx.application.getString("id");
        return BadRequests.anyOf(
                PAYMENTS.post("/api/v1/payments/applications",
                        () -> new JsonObject().put("caseId", "HZ-FUZZ-" + UUID.randomUUID()
                                .toString().substring(0, 8)).put("injuredPersonId", "p-"
                                + UUID.randomUUID().toString().substring(0, 8))
                                .put("hospitalId", "pinghu-1")
                                .put("accidentAt", Instant.now().minusSeconds(7200).toString())
                                .put("applicantPhone", "13800000001")
                                .put("injuredRelation", "SPOUSE")
                                .put("injuredIdNumber", "330482199001011232"),
                        required("caseId", FORMATTED),
                                required("injuredPersonId", FORMATTED),
                                required("hospitalId", FORMATTED), required("accidentAt", DATE),
                                optional("applicantPhone", FORMATTED),
                                optional("injuredRelation", FORMATTED),
                                optional("injuredIdNumber", FORMATTED)),
                PAYMENTS.post(app + "/bills", fx::billBody,
                        required("caseId", FORMATTED),
                                required("injuredPersonId", FORMATTED),
                                required("hospitalId", FORMATTED), required("items", ARRAY),
                                required("items.0", OBJECT),
                                required("items.0.description", TEXT),
                                required("items.0.renderedAt", DATE),
                                required("items.0.invoiceNumber", FORMATTED),
                                required("items.0.amountFen", MONEY)),
                overflowingBill(app),
                BadRequests.of(new Template("payments", "POST", app + "/payments",
                        () -> new JsonObject().put("payerId", "PICC").put("billId", fx.billId)
                                .put("amountFen", 1000),
                        List.of(required("payerId", FORMATTED), required("billId", FORMATTED),
                                required("amountFen", MONEY)), BadRequests::freshKey)));
    }

    /** Two items of 2^63 - 1 fen each: their sum overflows a long. */
    private Arbitrary<BadRequest> overflowingBill(String app) {
        return Arbitraries.of(Long.MAX_VALUE, Long.MAX_VALUE / 2 + 1, 4_611_686_018_427_387_904L)
                .map(amount -> {
                    JsonObject bill = fx.billBody();
                    JsonObject item = bill.getJsonArray("items").getJsonObject(0);
                    bill.getJsonArray("items").add(item.copy()
                            .put("invoiceNumber", "INV-OVER").put("amountFen", amount));
                    item.put("amountFen", amount);
                    return new BadRequest("payments", "bill of two items of " + amount + " fen",
                            "POST", app + "/bills", "application/json", BadRequests.encode(bill),
                            Map.of());
                });
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF,
            generation = GenerationMode.RANDOMIZED)
    @Label("bus: schools, households, buses and rules")
    void bus(@ForAll("busRequests") BadRequest r) {
        refused(fx.coordinator, r);
    }

    @Provide
    Arbitrary<BadRequest> busRequests() {
        String school = "/api/v1/bus/schools/" + fx.schoolId;
        AtomicInteger n = new AtomicInteger();
        return BadRequests.anyOf(
                BUS.post("/api/v1/bus/schools",
                        () -> new JsonObject().put("name", "测试中学" + n.incrementAndGet())
                                .put("lat", FuzzFixture.LAT).put("lon", FuzzFixture.LON)
                                .put("eveningDismissal", "21:00").put("morningArrival", "07:20"),
                        required("name", TEXT), required("lat", NUMBER),
                                required("lon", NUMBER), optional("eveningDismissal", FORMATTED),
                                optional("morningArrival", FORMATTED)),
                BUS.post(school + "/households",
                        () -> new JsonObject().put("lat", FuzzFixture.LAT + 0.001)
                                .put("lon", FuzzFixture.LON).put("students", 2)
                                .put("needsDoorStop", false).put("parentPhone", "13900000077")
                                .put("label", "测试一户"),
                        required("lat", NUMBER), required("lon", NUMBER),
                                required("students", NUMBER), optional("needsDoorStop", BOOLEAN),
                                optional("parentPhone", FORMATTED), optional("label", TEXT)),
                BUS.post(school + "/buses",
                        () -> new JsonObject().put("label", "测试车").put("capacity", 33),
                        required("label", TEXT), required("capacity", NUMBER)),
                BUS.put(school + "/policy",
                        () -> new JsonObject().put("maxWalkMetres", 350)
                                .put("maxRideSeconds", 2400).put("dwellBaseSeconds", 25)
                                .put("dwellPerStudentSeconds", 4).put("solverSeconds", 7)
                                .put("noStopRoadClasses", new JsonArray().add("motorway")),
                        required("maxWalkMetres", NUMBER),
                                required("maxRideSeconds", NUMBER),
                                required("dwellBaseSeconds", NUMBER),
                                required("dwellPerStudentSeconds", NUMBER),
                                required("solverSeconds", NUMBER),
                                optional("noStopRoadClasses", ARRAY)));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF,
            generation = GenerationMode.RANDOMIZED)
    @Label("auth: password sign-in and phone codes")
    void auth(@ForAll("authRequests") BadRequest r) {
        refused(null, r);
    }

    @Provide
    Arbitrary<BadRequest> authRequests() {
        return BadRequests.anyOf(
                AUTH.post("/api/v1/auth/login",
                        () -> new JsonObject().put("username", "admin")
                                .put("password", FuzzFixture.PASSWORD),
                        required("username", FORMATTED), required("password", TEXT)),
                AUTH.post("/api/v1/auth/otp/request",
                        () -> new JsonObject().put("phone", FuzzFixture.freshPhone()),
                        required("phone", FORMATTED)),
                AUTH.post("/api/v1/auth/otp/verify",
                        () -> new JsonObject().put("phone", "13800000001").put("code", "000000"),
                        required("phone", FORMATTED), required("code", FORMATTED)));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF,
            generation = GenerationMode.RANDOMIZED)
    @Label("admin: insurers, hospitals, payers, accounts")
    void admin(@ForAll("adminRequests") BadRequest r) {
        refused(fx.admin, r);
    }

    @Provide
    Arbitrary<BadRequest> adminRequests() {
        AtomicInteger n = new AtomicInteger();
        return BadRequests.anyOf(
                ADMIN.put("/api/v1/admin/insurers/FUZZINS",
                        () -> new JsonObject().put("nameZh", "测试保险")
                                .put("nameEn", "Fuzz Ins")
                                .put("webhookUrl", "http://127.0.0.1:9/hook")
                                .put("secret", "a-secret-that-is-long-enough"),
                        required("nameZh", TEXT), required("nameEn", TEXT),
                                required("webhookUrl", FORMATTED), required("secret", TEXT)),
                ADMIN.post("/api/v1/payments/admin/payers",
                        () -> new JsonObject().put("id", "fuzz-payer-" + n.incrementAndGet())
                                .put("kind", "INSURER").put("name", "测试财险")
                                .put("webhookUrl", "http://127.0.0.1:9/pay")
                                .put("webhookSecret", "a-secret-that-is-long-enough"),
                        required("id", FORMATTED), required("kind", FORMATTED),
                                required("name", TEXT), required("webhookUrl", FORMATTED),
                                required("webhookSecret", TEXT)),
                ADMIN.post("/api/v1/admin/accounts",
                        () -> new JsonObject().put("username", "fuzz" + n.incrementAndGet())
                                .put("displayName", "测试警官")
                                .put("password", "a-long-password")
                                .put("roles", new JsonArray().add("police")),
                        required("username", FORMATTED), required("displayName", TEXT),
                                required("password", TEXT), required("roles", ARRAY),
                                required("roles.0", FORMATTED)));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF,
            generation = GenerationMode.RANDOMIZED)
    @Label("queries: coordinates, dates, cursors")
    void queries(@ForAll("queryRequests") BadRequest r) {
        refused(senderOf(r), r);
    }

    @Provide
    Arbitrary<BadRequest> queryRequests() {
        List<String> bad = List.of("NaN", "Infinity", "1e309", "-1e309", "abc", "", "%00",
                "%ED%A0%80", "%27%20OR%201%3D1", "-999999999-01-01", "+999999999-12-31",
                "2026-13-45", "91", "-181", "1" + "0".repeat(400), "0x10", "%FF%FE");
        List<String[]> endpoints = List.of(
                new String[] {"/api/v1/accidents/location", "lat=28.29663&lon=117.20555"},
                new String[] {"/api/v1/map/snap", "lat=28.29663&lon=117.20555"},
                new String[] {"/api/v1/map/roads", "bbox=117.2,28.29,117.21,28.30"},
                new String[] {"/api/v1/payments/reconciliation", "date=2026-12-01&payerId=PICC"},
                new String[] {"/api/v1/payments/notifications", "after=0"});
        return Arbitraries.of(endpoints).flatMap(e -> {
            String[] params = e[1].split("&");
            return Arbitraries.integers().between(0, params.length - 1).flatMap(i -> {
                String name = params[i].substring(0, params[i].indexOf('='));
                // a whole number is a valid cursor (the client polls after the last id it saw)
                List<String> badHere = bad.stream()
                        .filter(v -> !(name.equals("after") && v.matches("[0-9]+"))).toList();
                return Arbitraries.of(badHere).map(value -> {
                        String[] changed = params.clone();
                        changed[i] = name + "=" + value;
                        return new BadRequest("queries", name + "=" + value, "GET",
                                e[0] + "?" + String.join("&", changed), null, new byte[0],
                                Map.of());
                    });
            });
        });
    }

    /**
     * Who sends a request of the families whose endpoints need different roles: the hospital
     * bills and the insurer pays; the insurer reads its reconciliation and the coordinator the
     * bus queries; the officer or the driver everything else.
     */
    private static Api senderOf(BadRequest r) {
        String path = r.path();
        if (r.family().equals("payments")) {
            return path.endsWith("/bills") ? fx.hospital
                    : path.endsWith("/payments") ? fx.insurer : fx.police;
        }
        return path.contains("/payments/reconciliation") ? fx.insurer
                : path.contains("/bus/") ? fx.coordinator : fx.driverA;
    }

    // ------------------------------------------------------------------ the assertion

    private static void refused(Api who, BadRequest r) {
        HttpResponse<String> response;
        try {
            response = fx.send(who == null ? null : who.token(), r);
        } catch (AssertionError e) {
            STATUSES.computeIfAbsent(r.family(), f -> new ConcurrentHashMap<>())
                    .computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
            if (!SURVEY) {
                throw e;
            }
            FAILURES.computeIfAbsent(r.family() + " " + r.what().replaceAll("[0-9]+", "#"),
                    k -> e.getMessage());
            return;
        }
        STATUSES.computeIfAbsent(r.family(), f -> new ConcurrentHashMap<>())
                .computeIfAbsent(response.statusCode(), s -> new AtomicInteger())
                .incrementAndGet();
        String body = response.body();
        String what = r + " -> " + response.statusCode() + " "
                + (body.length() > 300 ? body.substring(0, 300) : body);
        try {
            check(r, response, body, what);
        } catch (AssertionError e) {
            if (!SURVEY) {
                throw e;
            }
            FAILURES.computeIfAbsent(r.family() + " " + r.what().replaceAll("[0-9]+", "#"),
                    k -> e.getMessage());
        }
    }

    private static void check(BadRequest r, HttpResponse<String> response, String body,
                              String what) {
        if (response.statusCode() < 400 || response.statusCode() > 499) {
            throw new AssertionError("not a 4xx: " + what);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json")) {
            throw new AssertionError("not a JSON error body (" + type + "): " + what);
        }
        try {
            JsonObject error = new JsonObject(body);
            if (error.getString("code", "").isBlank() || error.getString("message", "")
                    .isBlank()) {
                throw new AssertionError("error without code or message: " + what);
            }
        } catch (DecodeException | ClassCastException e) {
            throw new AssertionError("not a JSON error body: " + what);
        }
        // nothing of the request may come back verbatim unescaped into a message
        if (new String(r.body(), StandardCharsets.UTF_8).contains("<script>")
                && body.contains("<script>")) {
            throw new AssertionError("the error echoes markup: " + what);
        }
    }
}
