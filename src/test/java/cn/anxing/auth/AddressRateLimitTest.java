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

@DisplayName("One address asking codes for many phones")
class AddressRateLimitTest {

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
    @DisplayName("is rate limited once it passes the per-address limit, whatever the phone")
    void limitedPerAddress() {
        Api api = server.api();
        for (int i = 1; i <= 3; i++) {
            assertEquals(202, api.post("/api/v1/auth/otp/request",
                    new JsonObject().put("phone", "1370000000" + i)).status());
        }
        Api.Reply fourth = api.post("/api/v1/auth/otp/request",
                new JsonObject().put("phone", "13700000004"));
        assertEquals(429, fourth.status(), fourth.toString());
        assertEquals("RATE_LIMITED", fourth.json().getString("code"));
    }
}
