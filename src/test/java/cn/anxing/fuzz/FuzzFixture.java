package cn.anxing.fuzz;

import cn.anxing.testing.Api;
import cn.anxing.testing.TestDatabase;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One server with the demo loaded and a case at every step a family needs, built through the
 * API as phones and staff would; and the means to send a generated request and to take a
 * fingerprint of everything stored.
 */
final class FuzzFixture implements AutoCloseable {

    static final double LAT = 28.29663;
    static final double LON = 117.20555;
    static final String PASSWORD = "anxing-demo";

    /** HTTP/1.1, as phones and browsers mostly speak to us; no upgrade to h2c. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static int phoneCounter = 1_500_000;
    private static int plateCounter = 20_000;

    final TestServer server;
    final Api anonymous;
    final Api police;
    final Api admin;
    final Api coordinator;
    final Api hospital;
    final Api insurer;
    final Api fund;
    final Api driverA;
    final Api driverB;
    final Api outsider;
    /** Cases at each step, as their ids. */
    final String draftCase;
    final String evidenceCase;
    final String partiesCase;
    final String liabilityCase;
    final String signingCase;
    final String reviewCase;
    final String joinableShareCode;
    final String schoolId;
    final JsonObject application;
    final String billId;

    FuzzFixture() {
        server = TestServer.start();
        anonymous = server.api();
        police = anonymous.staff("police1", PASSWORD);
        admin = anonymous.staff("admin", PASSWORD);
        coordinator = anonymous.staff("coord1", PASSWORD);
        hospital = anonymous.staff("hospital1", PASSWORD);
        insurer = anonymous.staff("insurer1", PASSWORD);
        fund = anonymous.staff("fund1", PASSWORD);
        driverA = anonymous.phone(freshPhone());
        driverB = anonymous.phone(freshPhone());
        outsider = anonymous.phone(freshPhone());

        draftCase = report(driverA);
        evidenceCase = report(driverA);
        ok(driverA.post(casePath(evidenceCase) + "/checklist", eligible()));
        partiesCase = report(driverA);
        ok(driverA.post(casePath(partiesCase) + "/checklist", eligible()));
        uploadAll(partiesCase);
        liabilityCase = inLiability();
        signingCase = inLiability();
        ok(driverA.post(casePath(signingCase) + "/statement", new JsonObject().put("assessments",
                new JsonObject().put("A", "NOT_AT_FAULT").put("B", "REAR_END"))));
        ok(driverB.post(casePath(signingCase) + "/statement", new JsonObject().put("assessments",
                new JsonObject().put("A", "NOT_AT_FAULT").put("B", "REAR_END"))));
        reviewCase = inLiability();
        ok(driverA.post(casePath(reviewCase) + "/statement",
                new JsonObject().put("declined", true)));
        String joinable = report(driverA);
        joinableShareCode = driverA.get(casePath(joinable)).json().getString("shareCode");

        schoolId = coordinator.get("/api/v1/bus/schools").jsonArray().getJsonObject(0)
                .getString("id");

        application = openApplication();
        billId = submitBill();
        // the hotspot map snaps new cases to road segments on a timer; done now, so its tables
        // do not change under the first family's fingerprint
        try {
            server.app().insight().snapNow().toCompletionStage().toCompletableFuture()
                    .get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the insight snapping did not finish", e);
        }
    }

    static synchronized String freshPhone() {
        return "1371" + (phoneCounter++);
    }

    static synchronized String freshPlate() {
        return "浙F" + (plateCounter++);
    }

    static String casePath(String id) {
        return "/api/v1/accidents/" + id;
    }

    static JsonObject eligible() {
        return new JsonObject().put("anyoneInjured", false).put("vehiclesDrivable", true)
                .put("allInsured", true).put("drinkOrDrugs", false).put("facilityHit", false)
                .put("hazardousGoods", false);
    }

    JsonObject reportBody() {
        return new JsonObject().put("lat", LAT).put("lon", LON)
                .put("plates", new JsonArray().add(freshPlate()).add(freshPlate()))
                .put("weather", "SUNNY").put("accidentForm", "REAR_END_COLLISION")
                .put("occurredAt", Instant.now().minusSeconds(600).toString())
                .put("ignoreDuplicates", true);
    }

    private String report(Api who) {
        Api.Reply created = who.post("/api/v1/accidents", reportBody());
        if (created.status() != 201) {
            throw new IllegalStateException("report: " + created);
        }
        return created.json().getString("id");
    }

    private void uploadAll(String caseId) {
        for (String slot : List.of("panorama-front", "panorama-rear", "collision-point",
                "plate-1", "plate-2")) {
            Api.Reply r = upload(driverA, caseId, slot, FuzzImages.photo("jpeg"), "image/jpeg",
                    UUID.randomUUID().toString());
            if (r.status() != 201) {
                throw new IllegalStateException("upload " + slot + ": " + r);
            }
        }
    }

    private String inLiability() {
        String id = report(driverA);
        ok(driverA.post(casePath(id) + "/checklist", eligible()));
        uploadAll(id);
        String share = driverA.get(casePath(id)).json().getString("shareCode");
        ok(driverB.post("/api/v1/accidents/join", new JsonObject().put("shareCode", share)));
        JsonObject view = driverA.get(casePath(id)).json();
        JsonArray plates = view.getJsonArray("plates");
        ok(driverA.put(casePath(id) + "/parties/me", party("张三", plates.getString(0),
                "330482199001011234", "PICC")));
        ok(driverB.put(casePath(id) + "/parties/me", party("李四", plates.getString(1),
                "330482198505052345", "PINGAN")));
        return id;
    }

    static JsonObject party(String name, String plate, String licence, String insurerCode) {
        return new JsonObject().put("name", name).put("plate", plate)
                .put("vehicleType", "小型轿车").put("licenceNo", licence)
                .put("insurerCode", insurerCode).put("policyNo", "PDZA2026" + Math.abs(
                        plate.hashCode())).put("collisionPart", "车头");
    }

    static JsonObject signatureBody(byte[] png) {
        return new JsonObject().put("confirm", true)
                .put("signaturePng", Base64.getEncoder().encodeToString(png));
    }

    private JsonObject openApplication() {
        Api.Reply r = police.post("/api/v1/payments/applications", new JsonObject()
                .put("caseId", "HZ-FUZZ-0001").put("injuredPersonId", "fuzz-person-1")
                .put("hospitalId", "pinghu-1")
                .put("accidentAt", Instant.now().minusSeconds(3600).toString())
                .put("applicantPhone", "13800000001"));
        if (r.status() != 201) {
            throw new IllegalStateException("application: " + r);
        }
        JsonObject app = r.json();
        Api.Reply notice = police.post("/api/v1/payments/applications/" + app.getString("id")
                + "/notice", new JsonObject().put("vehicles", new JsonArray().add(new JsonObject()
                        .put("plate", freshPlate()).put("insurerId", "PICC")
                        .put("liability", "UNDETERMINED"))));
        if (notice.status() != 200) {
            throw new IllegalStateException("notice: " + notice);
        }
        return app;
    }

    JsonObject billBody() {
        return new JsonObject().put("caseId", application.getString("caseId"))
                .put("injuredPersonId", application.getString("injuredPersonId"))
                .put("hospitalId", application.getString("hospitalId"))
                .put("items", new JsonArray().add(new JsonObject()
                        .put("description", "抢救费用")
                        .put("renderedAt", Instant.now().minusSeconds(1800).toString())
                        .put("invoiceNumber", "INV-" + UUID.randomUUID().toString()
                                .substring(0, 8))
                        .put("amountFen", 120_000)));
    }

    private String submitBill() {
        Api.Reply r = hospital.post("/api/v1/payments/applications/" + application
                .getString("id") + "/bills", billBody());
        if (r.status() != 201) {
            throw new IllegalStateException("bill: " + r);
        }
        return r.json().getString("billId");
    }

    static Api.Reply upload(Api who, String caseId, String slot, byte[] bytes, String type,
                            String key) {
        return who.send("PUT", casePath(caseId) + "/photos/" + slot, bytes, type,
                key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    private static void ok(Api.Reply reply) {
        if (reply.status() >= 300) {
            throw new IllegalStateException("setup step refused: " + reply);
        }
    }

    /** Sends a generated request as {@code who}. */
    HttpResponse<String> send(String token, BadRequests.BadRequest r) {
        var builder = HttpRequest.newBuilder(URI.create(server.baseUrl() + r.path()))
                .timeout(Duration.ofSeconds(30))
                .method(r.method(), HttpRequest.BodyPublishers.ofByteArray(r.body()));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (r.contentType() != null) {
            builder.header("Content-Type", r.contentType());
        }
        r.headers().forEach(builder::header);
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // a reset or closed connection is an answer too, and a wrong one
            throw new AssertionError("no HTTP answer (" + e.getMessage() + "): " + r, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A fingerprint of every table's content, less those that record requests rather than
     * data (sign-in attempts and code requests, delivery attempts) and the schema history.
     */
    static Map<String, String> fingerprint() {
        Map<String, String> prints = new LinkedHashMap<>();
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("""
                    SELECT table_name FROM information_schema.tables
                    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                    ORDER BY table_name""")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                if (table.startsWith("flyway") || table.equals("server_secret")
                        || table.contains("attempt") || table.equals("otp_request")
                        || table.contains("rate") || table.contains("lockout")
                        || table.equals("sign_in_failure")) {
                    continue;
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*), coalesce(md5(string_agg("
                        + "md5(t::text), '' ORDER BY md5(t::text))), '') FROM \"" + table
                        + "\" t")) {
                    rs.next();
                    prints.put(table, rs.getLong(1) + ":" + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return prints;
    }

    String tokenOf(Api api) {
        return api.token();
    }

    @Override
    public void close() {
        server.close();
    }
}
