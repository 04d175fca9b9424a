package cn.anxing.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.config.ConfigLoader;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestDatabase;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every answer carries and what is refused before any route runs: security headers, closed
 * CORS, JSON errors for requests Netty refuses, strict JSON bodies, the metrics token, HSTS and
 * X-Forwarded-* only from a trusted proxy (here the test client's own 127.0.0.1).
 */
@DisplayName("HTTP hardening")
public class HttpHardeningTest {

    static final String METRICS_TOKEN = "metrics-token-for-the-test-0123";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).build();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("HTTP_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8",
                "METRICS_TOKEN", METRICS_TOKEN));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    public static void assertSecurityHeaders(HttpHeaders h) {
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY,
                h.firstValue("Content-Security-Policy").orElse(""));
        String csp = h.firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self';") && !csp.contains("unsafe-eval")
                && csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("DENY", h.firstValue("X-Frame-Options").orElse(""));
        assertEquals("strict-origin-when-cross-origin",
                h.firstValue("Referrer-Policy").orElse(""));
        assertTrue(h.firstValue("Access-Control-Allow-Origin").isEmpty(), h.map().toString());
    }

    @Test
    @DisplayName("the shell page, an API answer and an API error carry the security headers;"
            + " no HSTS over plain HTTP")
    void securityHeaders() {
        Api.Reply page = server.api().get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<script type=\"module\""), "the built page");
        assertFalse(page.body().matches("(?s).*<script(?![^>]*\\ssrc=)[^>]*>\\s*\\S.*"),
                "no inline script on the page (the CSP would block it)");
        assertSecurityHeaders(page.headers());
        Api.Reply api = server.api().get("/api/v1/liability/scenarios");
        assertEquals(200, api.status());
        assertSecurityHeaders(api.headers());
        Api.Reply error = server.api().get("/api/v1/no-such-thing");
        assertEquals(404, error.status());
        assertSecurityHeaders(error.headers());
        assertTrue(page.headers().firstValue("Strict-Transport-Security").isEmpty());
    }

    @Test
    @DisplayName("HSTS when the trusted proxy says the client came over HTTPS")
    void hstsBehindTrustedProxy() throws Exception {
        var r = send(request("/api/v1/liability/scenarios").header("X-Forwarded-Proto", "https")
                .GET());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Strict-Transport-Security").orElse("")
                .startsWith("max-age="), r.headers().map().toString());
    }

    @Test
    @DisplayName("CORS is closed: a foreign preflight is a JSON 403, a foreign request gets no"
            + " Access-Control-Allow-Origin; the page's own origin works")
    void cors() throws Exception {
        var preflight = send(request("/api/v1/auth/login").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, preflight.statusCode(), preflight.body());
        assertEquals("CORS_REFUSED", new JsonObject(preflight.body()).getString("code"));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").isEmpty());

        var foreign = send(request("/api/v1/liability/scenarios")
                .header("Origin", "https://evil.example").GET());
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());

        var own = send(request("/api/v1/auth/login").header("Origin", server.baseUrl())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("username", "coord1").put("password", "anxing-demo").encode())));
        assertEquals(200, own.statusCode(), own.body());
    }

    @Test
    @DisplayName("a request line over 4 KB is a JSON 414, a 100 KB header a JSON 431 (read, not"
            + " reset), a body over the limit a JSON 413")
    void tooLarge() throws Exception {
        Raw uri = raw("GET /api/v1/liability/scenarios?q=" + "a".repeat(5000) + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n\r\n");
        assertEquals(414, uri.status(), uri.text());
        assertEquals("URI_TOO_LONG", uri.json().getString("code"));
        assertTrue(uri.text().contains("application/json"), uri.text());

        Raw header = raw("POST /api/v1/payments/applications/x/payments HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                + "Idempotency-Key: " + "k".repeat(100 * 1024) + "\r\n\r\n{}");
        assertEquals(431, header.status(), header.text());
        assertEquals("HEADERS_TOO_LARGE", header.json().getString("code"));
        assertTrue(header.json().containsKey("requestId"));

        Raw garbage = raw("\u0001\u0002 nonsense\r\n\r\n");
        assertEquals(400, garbage.status(), garbage.text());
        assertTrue(garbage.json().containsKey("code"));

        String big = "{\"phone\":\"" + "1".repeat(1_100_000) + "\"}";
        Api.Reply body = server.api().postRaw("/api/v1/auth/otp/request", big,
                "application/json");
        assertEquals(413, body.status());
        assertEquals("PAYLOAD_TOO_LARGE", body.json().getString("code"));
    }

    @ParameterizedTest(name = "{0}: {3} {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "text/plain              | {\"phone\": \"13700000011\"}                        | 415"
                + " | UNSUPPORTED_MEDIA_TYPE | Content-Type",
        "application/x-www-form-urlencoded | phone=13700000011                       | 415"
                + " | UNSUPPORTED_MEDIA_TYPE | Content-Type",
        "application/json; charset=iso-8859-1 | {\"phone\": \"13700000011\"}           | 415"
                + " | UNSUPPORTED_MEDIA_TYPE | Content-Type",
        "application/json        | {\"phone\": \"13700000011\", \"phone\": \"13700000012\"} | 400"
                + " | DUPLICATE_KEY | phone",
        "application/json        | {\"phone\": \"13700000011\", \"a\": {\"b\": 1, \"b\": 2}} | 400"
                + " | DUPLICATE_KEY | a.b",
        "application/json        | `{\"phone\": \"13700000011\", \"l\": [{\"x\": 1}, {\"y\": 1, \"y\": 2}]}`"
                + " | 400 | DUPLICATE_KEY | l[1].y",
        "application/json        | {\"phone\": \"13700000011\" /* a comment */}       | 400"
                + " | MALFORMED_JSON |",
        "application/json        | {\"phone\": \"13700000011\"} // a comment          | 400"
                + " | MALFORMED_JSON |",
        "application/json        | {\"phone\": \"13700000011\"} {}                    | 400"
                + " | MALFORMED_JSON |",
        "application/json        | `{'phone': '13700000011'}`                        | 400"
                + " | MALFORMED_JSON |",
    })
    @DisplayName("bodies that are not strict JSON are refused before the route and store nothing")
    void strictJson(String contentType, String body, int status, String code, String field)
            throws Exception {
        long before = otpRequests();
        Api.Reply reply = server.api().postRaw("/api/v1/auth/otp/request", body, contentType);
        assertEquals(status, reply.status(), reply.toString());
        assertEquals(code, reply.json().getString("code"));
        assertEquals(field, reply.json().getString("field"));
        assertEquals(before, otpRequests(), "nothing stored");
    }

    @Test
    @DisplayName("invalid UTF-8 is a 400 and stores nothing; a valid body in UTF-8 is accepted")
    void invalidUtf8() throws Exception {
        long before = otpRequests();
        byte[] latin1 = "{\"phone\": \"13700000013\", \"name\": \"Jos\u00e9\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        Api.Reply bad = server.api().postBytes("/api/v1/auth/otp/request", latin1,
                "application/json");
        assertEquals(400, bad.status(), bad.toString());
        assertEquals("INVALID_UTF8", bad.json().getString("code"));
        byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}'};
        assertEquals(400, server.api().postBytes("/api/v1/auth/otp/request", overlong,
                "application/json").status());
        assertEquals(before, otpRequests());
        // the route takes only a phone (an unknown field such as name is itself a 400), so the
        // accepted body is the phone alone, in UTF-8 with the charset named
        Api.Reply good = server.api().postBytes("/api/v1/auth/otp/request",
                "{\"phone\": \"13700000013\"}"
                        .getBytes(StandardCharsets.UTF_8), "application/json; charset=UTF-8");
        assertEquals(202, good.status(), good.toString());
        assertEquals(before + 1, otpRequests());
    }

    @Test
    @DisplayName("/metrics needs the bearer token when one is configured")
    void metricsToken() throws Exception {
        var without = send(request("/metrics").GET());
        assertEquals(401, without.statusCode());
        assertEquals("UNAUTHENTICATED", new JsonObject(without.body()).getString("code"));
        var wrong = send(request("/metrics").header("Authorization", "Bearer nope").GET());
        assertEquals(401, wrong.statusCode());
        var with = send(request("/metrics").header("Authorization", "Bearer " + METRICS_TOKEN)
                .GET());
        assertEquals(200, with.statusCode());
        assertTrue(with.body().contains("vertx_http_server_requests_total"));
    }

    @Test
    @DisplayName("without a token /metrics is loopback-only in the demo and off in production")
    void metricsWithoutToken() {
        var demo = ConfigLoader.load(Map.of()).http();
        assertTrue(demo.metricsOnLoopback());
        var production = ConfigLoader.load(Map.of("DEMO", "false", "JWT_SECRET", "x".repeat(32),
                "OTP_EXPOSE_IN_RESPONSE", "false", "ACCIDENT_FIELD_KEY", "a", "ACCIDENT_SEAL_KEY",
                "b")).http();
        assertFalse(production.metricsOnLoopback());
        assertTrue(production.metricsToken().isEmpty());
    }

    @Test
    @DisplayName("behind the trusted proxy each client has its own code budget, taken from the"
            + " rightmost untrusted X-Forwarded-For entry")
    void trustedProxyAddress() throws Exception {
        String first = "203.0.113." + (int) (Math.random() * 200 + 1);
        String second = "198.51.100." + (int) (Math.random() * 200 + 1);
        // a client cannot pick its own address: the entries left of the proxy's are its own
        // words, so "1.2.3.4, <first>" is still <first>
        for (int i = 0; i < 3; i++) {
            assertEquals(202, code("1370001000" + i, "1.2.3." + i + ", " + first));
        }
        try (var c = TestDatabase.connect(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(DISTINCT address), min(address) FROM"
                        + " otp_request WHERE phone LIKE '137000100%'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
            assertEquals(first, rs.getString(2));
        }
        // the proxy chain 10.0.0.0/8 is trusted too: the client is left of it
        assertEquals(202, code("13700020000", second + ", 10.1.2.3"));
        try (var c = TestDatabase.connect(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT address FROM otp_request WHERE phone ="
                        + " '13700020000'")) {
            rs.next();
            assertEquals(second, rs.getString(1));
        }
    }

    private static int code(String phone, String forwardedFor) throws Exception {
        return send(request("/api/v1/auth/otp/request").header("X-Forwarded-For", forwardedFor)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("phone", phone)
                        .encode()))).statusCode();
    }

    static long otpRequests() throws SQLException {
        try (var c = TestDatabase.connect(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM otp_request")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(30));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A response read off a raw socket: for requests an HTTP client would not send. */
    record Raw(String text) {
        int status() {
            return Integer.parseInt(text.split(" ", 3)[1]);
        }

        JsonObject json() {
            return new JsonObject(text.substring(text.indexOf("\r\n\r\n") + 4));
        }
    }

    static Raw raw(String request) throws IOException {
        URI uri = URI.create(server.baseUrl());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            var buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            try {
                while ((n = in.read(chunk)) > 0) {
                    buffer.write(chunk, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                // keep-alive: what came is the answer
            }
            return new Raw(buffer.toString(StandardCharsets.UTF_8));
        }
    }
}
