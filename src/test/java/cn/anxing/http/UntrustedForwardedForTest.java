package cn.anxing.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** With no trusted proxy (the default), X-Forwarded-* headers are a client's words only. */
@DisplayName("X-Forwarded-For from a client that is not a trusted proxy")
class UntrustedForwardedForTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("OTP_PER_ADDRESS_PER_HOUR", "3"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("does not buy a new code budget per invented address, nor HSTS")
    void ignored() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(202, code("1370003000" + i, "203.0.113." + i).statusCode());
        }
        var fourth = code("13700030003", "198.51.100.1");
        assertEquals(429, fourth.statusCode(), fourth.body());
        assertEquals("RATE_LIMITED", new JsonObject(fourth.body()).getString("code"));
        assertTrue(fourth.headers().firstValue("Strict-Transport-Security").isEmpty());
    }

    private static HttpResponse<String> code(String phone, String forwardedFor)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/api/v1/auth/otp/request"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("phone", phone)
                        .encode()));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
