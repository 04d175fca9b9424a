package cn.anxing.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.demo.DemoAccounts;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestDatabase;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Password guessing is limited per account and per address (taken from X-Forwarded-For, since
 * the test client's 127.0.0.1 is configured as the trusted proxy), with a growing delay and a
 * lock that the right password does not open.
 */
@DisplayName("Guessing passwords")
class PasswordLimitTest {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).build();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("HTTP_TRUSTED_PROXIES", "127.0.0.1",
                "PASSWORD_MAX_FAILURES", "5", "PASSWORD_DELAY_AFTER_FAILURES", "3",
                "PASSWORD_LOCK_MINUTES", "15", "PASSWORD_MAX_FAILURES_PER_ADDRESS", "12"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("slows down after 3 wrong passwords (a try within the wait is refused and"
            + " counted), locks the account at 5, and then the right password is refused too;"
            + " other accounts are not affected")
    void delayThenLock() throws Exception {
        String from = "203.0.113.10";
        for (int i = 0; i < 3; i++) {
            assertEquals(401, login("police1", "wrong-" + i, from).statusCode());
        }
        var tooFast = login("police1", "wrong-3", from);
        assertEquals(429, tooFast.statusCode(), tooFast.body());
        assertEquals("SIGN_IN_TOO_FAST", json(tooFast).getString("code"));
        assertEquals("password", json(tooFast).getString("field"));
        Thread.sleep(2_100); // four counted now: 2 s after the last tried one
        assertEquals(401, login("police1", "wrong-4", from).statusCode(), "the fifth");

        var locked = login("police1", DemoAccounts.PASSWORD, from);
        assertEquals(429, locked.statusCode(), locked.body());
        assertEquals("SIGN_IN_LOCKED", json(locked).getString("code"));
        assertEquals("username", json(locked).getString("field"));
        var elsewhere = login("Police1 ", DemoAccounts.PASSWORD, "198.51.100.7");
        assertEquals(429, elsewhere.statusCode(), "the account is locked from any address");
        try (var c = TestDatabase.connect(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT failures, locked_until - now() FROM"
                        + " sign_in_failure WHERE scope = 'account' AND subject = 'police1'")) {
            assertTrue(rs.next(), "the lock is kept in PostgreSQL, for every instance");
            assertEquals(5, rs.getInt(1));
            assertTrue(rs.getString(2).startsWith("00:14:") || rs.getString(2)
                    .startsWith("00:15:"), rs.getString(2));
        }
        assertEquals(200, login("coord1", DemoAccounts.PASSWORD, from).statusCode(),
                "another account from the same address");
    }

    @Test
    @DisplayName("40 parallel guesses: at most 5 are tried, the rest refused and counted, so"
            + " the account locks and the right password is refused as well")
    void parallelBurst() throws Exception {
        String from = "203.0.113.20";
        ExecutorService threads = Executors.newFixedThreadPool(20);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            answers.add(threads.submit(() -> login("insurer1", "guess-" + n, "203.0.113."
                    + (30 + n))));
        }
        int tried = 0;
        int refused = 0;
        for (var a : answers) {
            int status = a.get().statusCode();
            if (status == 401) {
                tried++;
            } else if (status == 429) {
                refused++;
            } else {
                throw new AssertionError(status + " " + a.get().body());
            }
        }
        threads.shutdown();
        System.out.printf("40 parallel guesses: %d tried, %d refused%n", tried, refused);
        assertTrue(tried <= 5, tried + " tried");
        assertEquals(40, tried + refused);
        assertEquals(429, login("insurer1", DemoAccounts.PASSWORD, from).statusCode());
    }

    @Test
    @DisplayName("one address trying many accounts is locked at its own limit; another address"
            + " is not")
    void perAddress() throws Exception {
        String from = "203.0.113.99";
        for (int i = 0; i < 12; i++) {
            assertEquals(401, login("nobody" + i, "x", from).statusCode());
        }
        var locked = login("fund1", DemoAccounts.PASSWORD, from);
        assertEquals(429, locked.statusCode(), locked.body());
        assertEquals("SIGN_IN_LOCKED", json(locked).getString("code"));
        assertEquals(200, login("fund1", DemoAccounts.PASSWORD, "203.0.113.98").statusCode());
        Api.Reply direct = server.api().post("/api/v1/auth/login", new JsonObject()
                .put("username", "hospital1").put("password", DemoAccounts.PASSWORD));
        assertEquals(200, direct.status(), "the proxy's own address is a different client");
    }

    @Test
    @DisplayName("a username no account can have (huge, NUL, lone surrogate) is a 400 and is not"
            + " stored as a counter")
    void impossibleUsernames() throws Exception {
        long before = counters();
        // as JSON text, so the escapes reach the server as they are
        for (String name : List.of("a".repeat(200_000), "pol\\u0000ice1", "x\\ud800y")) {
            var request = HttpRequest.newBuilder(URI.create(server.baseUrl()
                            + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"" + name
                            + "\", \"password\": \"whatever\"}"));
            var r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("username", json(r).getString("field"));
        }
        assertEquals(before, counters());
    }

    private static long counters() throws Exception {
        try (var c = TestDatabase.connect(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM sign_in_failure")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static HttpResponse<String> login(String username, String password, String from)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/auth/login"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("username", username).put("password", password).encode()));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> r) {
        return new JsonObject(r.body());
    }
}
