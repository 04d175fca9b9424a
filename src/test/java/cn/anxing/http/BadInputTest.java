package cn.anxing.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Bad input gets a 4xx JSON error, never a 500")
class BadInputTest {

    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("HTTP_BODY_LIMIT_BYTES", "4096"));
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "{bad json                          | 400 | MALFORMED_JSON   |",
        "[1, 2, 3]                          | 400 | MALFORMED_JSON   |",
        "''                                 | 400 | MISSING_BODY     |",
        "{\"phone\": 13800000001}           | 400 | VALIDATION_FAILED | phone",
        "{\"phone\": [\"13800000001\"]}     | 400 | VALIDATION_FAILED | phone",
        "{\"phone\": null}                  | 400 | VALIDATION_FAILED | phone",
    })
    @DisplayName("Malformed JSON and wrong types are refused with the field at fault")
    void malformedAndWrongTypes(String body, int status, String code, String field) {
        Api.Reply reply = api.postRaw("/api/v1/auth/otp/request", body, "application/json");
        assertEquals(status, reply.status(), reply.toString());
        assertEquals(code, reply.json().getString("code"));
        assertEquals(field, reply.json().getString("field"));
    }

    @Test
    @DisplayName("A body over the limit is refused with 413 in JSON")
    void oversizedBody() {
        String big = "{\"phone\":\"" + "1".repeat(10_000) + "\"}";
        Api.Reply reply = api.postRaw("/api/v1/auth/otp/request", big, "application/json");
        assertEquals(413, reply.status(), reply.toString());
        assertEquals("PAYLOAD_TOO_LARGE", reply.json().getString("code"));
    }

    @Test
    @DisplayName("An unknown API path is a JSON 404 and carries the request id")
    void unknownPath() {
        Api.Reply reply = api.get("/api/v1/no-such-thing");
        assertEquals(404, reply.status());
        assertEquals("NOT_FOUND", reply.json().getString("code"));
        assertEquals(reply.headers().firstValue("X-Request-Id").orElseThrow(),
                reply.json().getString("requestId"));
    }

    @Test
    @DisplayName("The wrong method on a known path is a JSON 405")
    void wrongMethod() {
        Api.Reply reply = api.get("/api/v1/auth/login");
        assertTrue(reply.status() == 405 || reply.status() == 404, reply.toString());
        assertTrue(reply.json().containsKey("code"));
    }

    @Test
    @DisplayName("The shell page is revalidated on every visit; hashed assets are cached a year")
    void cacheHeaders() {
        Api.Reply page = api.get("/");
        assertEquals(200, page.status());
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""));
        var asset = java.util.regex.Pattern.compile("/assets/[^\"]+\\.js").matcher(page.body());
        assertTrue(asset.find(), page.body());
        Api.Reply js = api.get(asset.group());
        assertEquals(200, js.status());
        assertTrue(js.headers().firstValue("Cache-Control").orElse("").contains("max-age=31536000"),
                js.headers().map().toString());
    }

    @Test
    @DisplayName("Metrics are served in Prometheus text format")
    void metrics() {
        api.get("/health");
        Api.Reply reply = api.get("/metrics");
        assertEquals(200, reply.status());
        assertTrue(reply.body().contains("vertx_http_server_requests_total"), reply.body()
                .substring(0, Math.min(500, reply.body().length())));
    }

    @Test
    @DisplayName("Response times are a histogram: the answers within 50 ms are counted, so the"
            + " tail can be read from /metrics")
    void responseTimeBuckets() {
        api.get("/health");
        String body = api.get("/metrics").body();
        var within50ms = java.util.regex.Pattern.compile(
                "vertx_http_server_response_time_seconds_bucket\\{[^}]*le=\"0\\.05\"[^}]*} (\\S+)")
                .matcher(body);
        assertTrue(within50ms.find(), body.lines()
                .filter(l -> l.startsWith("vertx_http_server_response_time")).toList().toString());
        assertTrue(Double.parseDouble(within50ms.group(1)) >= 1, within50ms.group());
    }
}
