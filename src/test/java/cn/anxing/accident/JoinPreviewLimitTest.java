package cn.anxing.accident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The second driver reads what case a share code joins before signing in; that public preview
 * is limited per client address and per code, so that codes cannot be walked (issue 15).
 */
@DisplayName("The public join preview is limited per client address and per share code")
class JoinPreviewLimitTest {

    private static TestServer server;
    private static Api anyone;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("ACCIDENT_JOIN_PREVIEW_PER_ADDRESS_PER_MINUTE", "6",
                "ACCIDENT_JOIN_PREVIEW_PER_CODE_PER_MINUTE", "3"));
        anyone = new Api(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void refused(Api.Reply r) {
        assertEquals(429, r.status(), r.toString());
        assertEquals("TOO_MANY_PREVIEWS", r.json().getString("code"));
        assertTrue(r.json().getString("message").startsWith("查询太频繁"), r.toString());
        long wait = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(wait >= 1 && wait <= 60, "Retry-After " + wait);
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow()
                .startsWith("application/json"));
    }

    @Test
    @DisplayName("The fourth preview of one code in a minute is a 429 with Retry-After; another"
            + " code goes on until the address has asked six times, then every code is refused")
    void perCodeThenPerAddress() {
        for (int i = 0; i < 3; i++) {
            assertEquals(404, anyone.get("/api/v1/accidents/join/ZZZZ9999").status(),
                    "an unknown code is counted too");
        }
        refused(anyone.get("/api/v1/accidents/join/zzzz9999"));
        assertEquals(404, anyone.get("/api/v1/accidents/join/YYYY1111").status(),
                "another code is not held back by the first");
        assertEquals(404, anyone.get("/api/v1/accidents/join/XXXX2222").status());
        refused(anyone.get("/api/v1/accidents/join/WWWW3333"));
    }
}
