package cn.anxing.app;

import static cn.anxing.payment.PaymentPeople.BASE;
import static cn.anxing.payment.PaymentPeople.insuredVehicle;
import static cn.anxing.payment.PaymentPeople.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.payment.PaymentPeople;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts and killed servers against the packaged jar on its embedded PostgreSQL: what the
 * API acknowledged is there after the restart, and a JVM killed alone does not block the next
 * start. Both tests use one data directory, so the road graph is imported once.
 */
@DisplayName("The packaged server on its embedded PostgreSQL, killed")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedCrashIT {

    private static final String SECRET = "embedded-crash-secret-0123456789";
    private static final int PAYMENTS_PER_APPLICATION = 100;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> FAST_OUTBOX = Map.of(
            "OUTBOX_POLL_INTERVAL_MS", "200", "OUTBOX_BACKOFF_BASE_MS", "200",
            "DATABASE_POOL_SIZE", "16");

    @TempDir
    static Path dataDir;

    private record Payment(String applicationId, String token, String key, String body) {
    }

    @Test
    @Order(1)
    @DisplayName("JVM and PostgreSQL killed together under a load of reports and payments: every"
            + " acknowledged write is there, the ledger balances, each order is applied once")
    void powerCut() throws Exception {
        int port = TestServer.freePort();
        try (PayerSystem payers = new PayerSystem(SECRET, Duration.ZERO)) {
            EmbeddedServer first = EmbeddedServer.start(dataDir, port, "cut-1.log", FAST_OUTBOX);
            System.out.printf("first start (initdb, migrations, graph): %d ms%n",
                    first.awaitHealthy(Duration.ofMinutes(3)));
            PaymentPeople people = new PaymentPeople(first.baseUrl());
            people.payersDeliverTo(payers.url(), SECRET);
            List<Payment> payments = preparePayments(people);
            List<String> drivers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                drivers.add(token(first.baseUrl(), "1371000000" + i));
            }

            Set<String> reportsAcknowledged = ConcurrentHashMap.newKeySet();
            Map<String, String> paymentsAcknowledged = new ConcurrentHashMap<>();
            AtomicInteger cutOff = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger plates = new AtomicInteger(10_000);
            ExecutorService load = Executors.newFixedThreadPool(drivers.size() + 8);
            long loadUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (String driver : drivers) {
                load.submit(() -> {
                    while (!killed.get() && System.nanoTime() < loadUntil) {
                        int n = plates.getAndIncrement();
                        try {
                            HttpResponse<String> r = post(first.baseUrl(), driver,
                                    "/api/v1/accidents", null, report(n).encode());
                            if (r.statusCode() == 201) {
                                reportsAcknowledged.add(new JsonObject(r.body()).getString("id"));
                            }
                        } catch (Exception e) {
                            cutOff.incrementAndGet();
                        }
                    }
                });
            }
            Set<String> paymentKeys = ConcurrentHashMap.newKeySet();
            var queue = new java.util.concurrent.ConcurrentLinkedQueue<>(payments);
            for (int t = 0; t < 8; t++) {
                load.submit(() -> {
                    Payment p;
                    while (!killed.get() && (p = queue.poll()) != null) {
                        paymentKeys.add(p.key());
                        try {
                            HttpResponse<String> r = post(first.baseUrl(), p.token(), BASE
                                    + "/applications/" + p.applicationId() + "/payments",
                                    p.key(), p.body());
                            if (r.statusCode() / 100 == 2) {
                                paymentsAcknowledged.put(p.key(), new JsonObject(r.body())
                                        .getString("instructionId"));
                            }
                        } catch (Exception e) {
                            cutOff.incrementAndGet();
                        }
                    }
                });
            }
            // the cut: once a good share is acknowledged, or after 40 s of load at the latest
            long cutAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while ((reportsAcknowledged.size() < 300 || paymentsAcknowledged.size() < 60)
                    && System.nanoTime() < cutAt) {
                Thread.sleep(20);
            }
            ProcessHandle postmaster = first.postmaster();
            List<ProcessHandle> postgres = Stream.concat(postmaster.descendants(),
                    Stream.of(postmaster)).toList();
            postgres.forEach(ProcessHandle::destroyForcibly); // SIGKILL, all at once
            first.process.destroyForcibly();
            killed.set(true);
            load.shutdown();
            assertTrue(load.awaitTermination(2, TimeUnit.MINUTES));
            assertTrue(first.process.waitFor(30, TimeUnit.SECONDS), "the JVM is dead");
            for (ProcessHandle p : postgres) {
                p.onExit().get(30, TimeUnit.SECONDS);
            }
            Set<String> receivedBeforeKill = new HashSet<>(payers.received.keySet());

            EmbeddedServer second = EmbeddedServer.start(dataDir, port, "cut-2.log", FAST_OUTBOX);
            try {
                System.out.printf("restart after the cut: %d ms%n",
                        second.awaitHealthy(Duration.ofMinutes(2)));
                Set<String> reportsFound = ids(second, "SELECT id::text FROM accident_case");
                Set<String> reportsLost = new HashSet<>(reportsAcknowledged);
                reportsLost.removeAll(reportsFound);
                Set<String> paidFound = ids(second, "SELECT idempotency_key FROM"
                        + " payment_instruction WHERE paid_fen > 0 AND finished_at IS NOT NULL");
                Set<String> paymentsLost = new HashSet<>(paymentsAcknowledged.keySet());
                paymentsLost.removeAll(paidFound);
                System.out.printf("reports: %d acknowledged, %d of them found (%d stored in"
                        + " all); payments: %d acknowledged, %d of them found (%d stored),"
                        + " %d requests cut off by the kill%n", reportsAcknowledged.size(),
                        reportsAcknowledged.size() - reportsLost.size(), reportsFound.size(),
                        paymentsAcknowledged.size(),
                        paymentsAcknowledged.size() - paymentsLost.size(), paidFound.size(),
                        cutOff.get());
                assertTrue(reportsAcknowledged.size() > 0 && paymentsAcknowledged.size() > 0,
                        "the cut came under load");
                assertEquals(Set.of(), reportsLost, "acknowledged reports lost");
                assertEquals(Set.of(), paymentsLost, "acknowledged payments lost");
                assertEquals(0, second.scalar("SELECT count(*) FROM payment_instruction WHERE"
                        + " finished_at IS NULL"), "no half-made payment");
                assertEquals(0, second.scalar("SELECT COALESCE(sum(CASE side WHEN 'DEBIT' THEN"
                        + " amount_fen ELSE -amount_fen END), 0) FROM ledger_entry"),
                        "the ledger balances");

                // the clients retry everything: what was stored replays, the rest pays now
                for (Payment p : payments) {
                    HttpResponse<String> r = post(second.baseUrl(), p.token(), BASE
                            + "/applications/" + p.applicationId() + "/payments", p.key(),
                            p.body());
                    assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.body());
                    String before = paymentsAcknowledged.get(p.key());
                    if (before != null) {
                        assertEquals(before, new JsonObject(r.body()).getString("instructionId"),
                                "an acknowledged payment replays as itself");
                    }
                }
                assertEquals(payments.size(), second.scalar("SELECT count(*) FROM"
                        + " payment_instruction WHERE paid_fen > 0"));
                assertEquals(0, second.scalar("SELECT COALESCE(sum(CASE side WHEN 'DEBIT' THEN"
                        + " amount_fen ELSE -amount_fen END), 0) FROM ledger_entry"));
                JsonObject report = people.fund.get(BASE + "/reconciliation?date="
                        + LocalDate.now(ZoneId.of("Asia/Shanghai"))).json();
                assertTrue(report.getBoolean("balanced"), report.encodePrettily());

                awaitOutboxDrained(second, Duration.ofSeconds(60));
                Set<String> keys = ids(second, "SELECT dedupe_key FROM outbox_message");
                assertEquals(payments.size(), keys.size(), "one order per payment");
                assertEquals(keys, payers.received.keySet(), "every order reached its payer");
                assertEquals(Set.of(), Set.copyOf(payers.badSignatures));
                int repeats = 0;
                for (var e : payers.received.entrySet()) {
                    if (e.getValue().get() > 1) {
                        repeats += e.getValue().get() - 1;
                        // first received while the old server still lived (a request it was
                        // sending may land just after the signal, before the process is gone)
                        assertTrue(receivedBeforeKill.contains(e.getKey()), "only an order"
                                + " whose delivery the kill cut short comes again: " + e.getKey()
                                + ", attempts " + ids(second, "SELECT a.attempted_at || ' '"
                                + " || coalesce(a.http_status::text, a.error) FROM outbox_attempt"
                                + " a JOIN outbox_message m ON m.id = a.message_id WHERE"
                                + " m.dedupe_key = '" + e.getKey() + "'"));
                    }
                }
                System.out.printf("orders: %d in the outbox, %d received, %d sent again after"
                        + " the restart (their first delivery was cut by the kill)%n",
                        keys.size(), payers.received.size(), repeats);
            } finally {
                second.stop();
            }
        }
    }

    @Test
    @Order(2)
    @DisplayName("a JVM killed alone leaves PostgreSQL running; the next start stops it and is"
            + " healthy within 30 s")
    void jvmKilledAlone() throws Exception {
        int port = TestServer.freePort();
        EmbeddedServer first = EmbeddedServer.start(dataDir, port, "orphan-1.log", Map.of());
        first.awaitHealthy(Duration.ofMinutes(3));
        String accountId = new Api(first.baseUrl()).phone("13710000099").get("/api/v1/auth/me")
                .json().getString("id");
        ProcessHandle postmaster = first.postmaster();
        first.process.destroyForcibly();
        assertTrue(first.process.waitFor(30, TimeUnit.SECONDS));
        Thread.sleep(500);
        assertTrue(postmaster.isAlive(), "PostgreSQL outlived the JVM: an orphan");

        long started = System.nanoTime();
        EmbeddedServer second = EmbeddedServer.start(dataDir, port, "orphan-2.log", Map.of());
        try {
            long healthy = second.awaitHealthy(Duration.ofSeconds(30));
            System.out.printf("restart with an orphaned PostgreSQL: healthy in %d ms (process"
                    + " start to /health 200: %d ms)%n", healthy,
                    (System.nanoTime() - started) / 1_000_000);
            assertFalse(postmaster.isAlive(), "the orphan was stopped");
            assertTrue(second.logText().contains("left by a server that did not stop"),
                    second.logText());
            assertEquals(accountId, new Api(second.baseUrl()).phone("13710000099")
                    .get("/api/v1/auth/me").json().getString("id"), "its data is there");
        } finally {
            second.stop();
        }
    }

    private static List<Payment> preparePayments(PaymentPeople people) {
        Instant accident = Instant.now().minus(Duration.ofHours(12));
        JsonObject insured = people.open("CUT-1", "injured-1", accident, "13800000001");
        people.notice(insured.getString("id"), insuredVehicle("PICC", "LIABLE"));
        String insuredBill = people.submitBill(insured, accident.plus(Duration.ofHours(1)),
                5_000_000);
        JsonObject fled = people.open("CUT-2", "injured-1", accident, "13800000002");
        people.notice(fled.getString("id"), new JsonObject().put("fled", true));
        String fledBill = people.submitBill(fled, accident.plus(Duration.ofHours(1)), 5_000_000);
        String insurerToken = people.token("insurer1");
        String fundToken = people.token("fund1");
        List<Payment> run = new ArrayList<>();
        for (int i = 0; i < PAYMENTS_PER_APPLICATION; i++) {
            run.add(new Payment(insured.getString("id"), insurerToken, "cut-picc-" + i,
                    payment("PICC", insuredBill, 15_000).encode()));
            run.add(new Payment(fled.getString("id"), fundToken, "cut-fund-" + i,
                    payment("fund-jx", fledBill, 20_000).encode()));
        }
        return run;
    }

    private static JsonObject report(int n) {
        return new JsonObject().put("lat", 28.29663).put("lon", 117.20555)
                .put("plates", new JsonArray().add("浙F" + n).add("浙FD" + n))
                .put("weather", "SUNNY").put("accidentForm", "REAR_END_COLLISION")
                .put("ignoreDuplicates", true);
    }

    private static String token(String baseUrl, String phone) {
        Api api = new Api(baseUrl);
        Api.Reply sent = api.post("/api/v1/auth/otp/request", new JsonObject().put("phone",
                phone));
        return api.post("/api/v1/auth/otp/verify", new JsonObject().put("phone", phone)
                .put("code", sent.json().getString("devCode"))).json().getString("token");
    }

    private static HttpResponse<String> post(String baseUrl, String token, String path,
            String key, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> ids(EmbeddedServer server, String query) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = server.sql(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static void awaitOutboxDrained(EmbeddedServer server, Duration limit)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (server.scalar("SELECT count(*) FROM outbox_message WHERE status <> 'DELIVERED'")
                > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the outbox did not drain: " + server.scalar(
                        "SELECT count(*) FROM outbox_message WHERE status <> 'DELIVERED'"));
            }
            Thread.sleep(250);
        }
    }
}
