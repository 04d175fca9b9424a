package cn.anxing.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Asking for codes too often")
class AddressRateLimitTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("OTP_PER_ADDRESS_PER_HOUR", "4",
                "OTP_MIN_INTERVAL_SECONDS", "60"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("from one address is rate limited once it passes the per-address limit,"
            + " whatever the phone; a phone must also wait between two codes")
    void limitedPerAddress() {
        Api api = server.api();
        Api.Reply tooSoon = api.post("/api/v1/auth/otp/request",
                new JsonObject().put("phone", "13700000001"));
        assertEquals(202, tooSoon.status(), tooSoon.toString());
        Api.Reply again = api.post("/api/v1/auth/otp/request",
                new JsonObject().put("phone", "13700000001"));
        assertEquals(429, again.status(), again.toString());
        assertEquals("RATE_LIMITED", again.json().getString("code"));
        for (int i = 2; i <= 4; i++) {
            assertEquals(202, api.post("/api/v1/auth/otp/request",
                    new JsonObject().put("phone", "1370000000" + i)).status());
        }
        // a phone that never asked: only the address limit can refuse it
        Api.Reply fifth = api.post("/api/v1/auth/otp/request",
                new JsonObject().put("phone", "13700000005"));
        assertEquals(429, fifth.status(), fifth.toString());
        assertEquals("RATE_LIMITED", fifth.json().getString("code"));
    }
}
