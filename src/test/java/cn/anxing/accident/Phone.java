package cn.anxing.accident;

import cn.anxing.accident.photo.AccidentPhotos;
import cn.anxing.testing.Api;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * One driver's phone in a test: signed in by phone code, it calls the accident API the way the
 * phone page does, and knows the steps of the happy path so tests can start from any step.
 */
final class Phone {

    static final double SCENE_LAT = 28.29663;
    static final double SCENE_LON = 117.20555;

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static int plateCounter = 10_000;

    final String baseUrl;
    final String phone;
    final String token;
    final Api api;

    Phone(Api anonymous, String baseUrl, String phone) {
        this.baseUrl = baseUrl;
        this.phone = phone;
        Api.Reply sent = anonymous.post("/api/v1/auth/otp/request",
                new JsonObject().put("phone", phone));
        Api.Reply verified = anonymous.post("/api/v1/auth/otp/verify", new JsonObject()
                .put("phone", phone).put("code", sent.json().getString("devCode")));
        if (verified.status() != 200) {
            throw new IllegalStateException("sign in " + phone + ": " + verified);
        }
        this.token = verified.json().getString("token");
        this.api = anonymous.as(token);
    }

    /** A plate no other test case uses, so repeated-report matching never links tests. */
    static synchronized String freshPlate() {
        return "浙F" + (plateCounter++);
    }

    Api.Reply report(String... plates) {
        return api.post("/api/v1/accidents", reportBody(SCENE_LAT, SCENE_LON, plates)
                .put("ignoreDuplicates", true));
    }

    static JsonObject reportBody(double lat, double lon, String... plates) {
        return new JsonObject().put("lat", lat).put("lon", lon)
                .put("plates", new JsonArray(List.of(plates)))
                .put("weather", "SUNNY").put("accidentForm", "REAR_END_COLLISION");
    }

    Api.Reply get(String caseId) {
        return api.get("/api/v1/accidents/" + caseId);
    }

    Api.Reply checklist(String caseId, boolean injured) {
        return api.post("/api/v1/accidents/" + caseId + "/checklist", new JsonObject()
                .put("anyoneInjured", injured).put("vehiclesDrivable", true)
                .put("allInsured", true).put("drinkOrDrugs", false).put("facilityHit", false)
                .put("hazardousGoods", false));
    }

    Api.Reply upload(String caseId, String slot, byte[] bytes, String contentType, String key) {
        return send("PUT", "/api/v1/accidents/" + caseId + "/photos/" + slot,
                HttpRequest.BodyPublishers.ofByteArray(bytes), "Content-Type", contentType,
                "Idempotency-Key", key);
    }

    /** Every required photo of a two-vehicle case. */
    void uploadAll(String caseId) {
        for (String slot : List.of("panorama-front", "panorama-rear", "collision-point",
                "plate-1", "plate-2")) {
            Api.Reply reply = upload(caseId, slot, AccidentPhotos.jpeg(), "image/jpeg",
                    UUID.randomUUID().toString());
            if (reply.status() != 201) {
                throw new IllegalStateException("upload " + slot + ": " + reply);
            }
        }
    }

    Api.Reply join(String shareCode) {
        return api.post("/api/v1/accidents/join", new JsonObject().put("shareCode", shareCode));
    }

    Api.Reply details(String caseId, String name, String plate, String licence, String insurer) {
        return api.put("/api/v1/accidents/" + caseId + "/parties/me", new JsonObject()
                .put("name", name).put("plate", plate).put("vehicleType", "小型轿车")
                .put("licenceNo", licence).put("insurerCode", insurer)
                .put("policyNo", "PDZA2026" + plate.hashCode()).put("collisionPart", "车头"));
    }

    Api.Reply state(String caseId, JsonObject assessments) {
        return api.post("/api/v1/accidents/" + caseId + "/statement",
                new JsonObject().put("assessments", assessments));
    }

    Api.Reply decline(String caseId) {
        return api.post("/api/v1/accidents/" + caseId + "/statement",
                new JsonObject().put("declined", true));
    }

    Api.Reply sign(String caseId) {
        return api.post("/api/v1/accidents/" + caseId + "/signature", new JsonObject()
                .put("confirm", true).put("signaturePng", java.util.Base64.getEncoder()
                        .encodeToString(AccidentPhotos.png())));
    }

    Api.Reply send(String method, String path, HttpRequest.BodyPublisher body,
            String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60)).method(method, body)
                .header("Authorization", "Bearer " + token);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = CLIENT.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(r.statusCode(), r.body(), r.headers());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param headers name, value, name, value... */
    byte[] bytes(String path, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        var request = builder.build();
        try {
            HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + r.statusCode());
            }
            return r.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
