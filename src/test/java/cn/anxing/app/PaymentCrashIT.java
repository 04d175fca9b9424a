package cn.anxing.app;

import static cn.anxing.payment.PaymentPeople.BASE;
import static cn.anxing.payment.PaymentPeople.insuredVehicle;
import static cn.anxing.payment.PaymentPeople.payment;
import static cn.anxing.payment.PaymentPeople.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.payment.PaymentPeople;
import cn.anxing.testing.TestDatabase;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done when (3) of medical advance payments: the packaged server is killed with SIGKILL in the middle of a payment run. After
 * the restart every payment is either fully recorded (instruction, headroom, balanced posting,
 * disbursement order) or absent, retries pay nothing twice, and the outbox delivers every order
 * to the payer's system under one Idempotency-Key, which the receiver applies once.
 */
@DisplayName("A payment run killed with SIGKILL")
class PaymentCrashIT {

    private static final String SECRET = "crash-test-secret-0123456789";
    private static final int PER_APPLICATION = 100;

    /** One payment of the run: its key, its body, and the answer if one came before the kill. */
    private record Payment(String applicationId, String token, String key, String body) {
    }

    @Test
    @DisplayName("every payment is whole or absent after the restart, retries pay once, and each"
            + " disbursement order reaches the payer under one key")
    void killedMidRun(@TempDir Path dataDir) throws Exception {
        TestDatabase.reset();
        int port = TestServer.freePort();
        String base = "http://127.0.0.1:" + port;
        try (PayerSystem payers = new PayerSystem(SECRET, Duration.ofMillis(20))) {
            Process first = start(dataDir, port, dataDir.resolve("first.log"));
            waitHealthy(base, first, dataDir.resolve("first.log"), Duration.ofMinutes(4));
            PaymentPeople people = new PaymentPeople(base);
            people.payersDeliverTo(payers.url(), SECRET);
            List<Payment> run = prepare(people);

            // fire the run from 16 threads; kill the server once 40 payments are answered
            Map<String, JsonObject> answered = new ConcurrentHashMap<>();
            AtomicInteger failed = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService threads = Executors.newFixedThreadPool(16);
            for (Payment p : run) {
                threads.submit(() -> {
                    try {
                        HttpResponse<String> r = people.rawPay(p.token(), p.applicationId(),
                                p.key(), p.body());
                        if (r.statusCode() / 100 == 2) {
                            answered.put(p.key(), new JsonObject(r.body()));
                        }
                        if (answered.size() >= 40 && killed.compareAndSet(false, true)) {
                            first.destroyForcibly(); // SIGKILL
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                });
            }
            threads.shutdown();
            assertTrue(threads.awaitTermination(2, TimeUnit.MINUTES));
            assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the server is dead");
            assertTrue(killed.get(), "the kill happened during the run");
            System.out.printf("before the kill: %d answered, %d cut off; stored %d%n",
                    answered.size(), failed.get(), scalar("SELECT count(*) FROM"
                            + " payment_instruction"));
            assertTrue(failed.get() > 0, "the kill cut the run short");

            // whole or absent, straight after the crash
            assertEveryPaymentWholeOrAbsent();
            for (String key : answered.keySet()) {
                assertEquals(1, scalar("SELECT count(*) FROM payment_instruction WHERE"
                        + " idempotency_key = '" + key + "' AND paid_fen > 0"),
                        "a payment answered before the kill is recorded: " + key);
            }
            Set<String> deliveredBeforeKill = outboxKeys("status = 'DELIVERED'");

            Process second = start(dataDir, port, dataDir.resolve("second.log"));
            try {
                waitHealthy(base, second, dataDir.resolve("second.log"), Duration.ofMinutes(2));
                // the clients retry everything: what was stored replays, the rest pays now
                for (Payment p : run) {
                    HttpResponse<String> r = people.rawPay(p.token(), p.applicationId(), p.key(),
                            p.body());
                    assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.body());
                    JsonObject before = answered.get(p.key());
                    if (before != null) {
                        assertEquals(200, r.statusCode(), "stored before: replayed");
                        assertEquals(before.getString("instructionId"),
                                new JsonObject(r.body()).getString("instructionId"));
                    }
                }
                assertEquals(run.size(), scalar("SELECT count(*) FROM payment_instruction"));
                assertEquals(PER_APPLICATION * 15_000L, scalar("SELECT sum(paid_fen) FROM"
                        + " payment_instruction WHERE payer_id = 'PICC'"));
                assertEquals(PER_APPLICATION * 20_000L, scalar("SELECT sum(paid_fen) FROM"
                        + " payment_instruction WHERE payer_id = 'fund-jx'"));
                assertEveryPaymentWholeOrAbsent();

                awaitAllDelivered(Duration.ofSeconds(90));
                Set<String> keys = outboxKeys("true");
                assertEquals(run.size(), keys.size());
                assertEquals(keys, payers.received.keySet(), "every order reached its payer");
                assertEquals(keys, payers.applied, "and was applied");
                assertEquals(List.of(), payers.badSignatures);
                int repeats = 0;
                for (var e : payers.received.entrySet()) {
                    if (e.getValue().get() > 1) {
                        repeats += e.getValue().get() - 1;
                        assertTrue(!deliveredBeforeKill.contains(e.getKey()), "only an order"
                                + " whose delivery the kill interrupted is sent again: "
                                + e.getKey());
                    }
                }
                System.out.printf("orders: %d, sent again after the restart: %d%n", keys.size(),
                        repeats);

                JsonObject report = people.fund.get(BASE + "/reconciliation?date="
                        + LocalDate.now(ZoneId.of("Asia/Shanghai"))).json();
                assertTrue(report.getBoolean("balanced"), report.encodePrettily());
            } finally {
                second.destroy();
                second.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /** Two applications billed generously: an insurer's (liable) and a hit-and-run's. */
    private static List<Payment> prepare(PaymentPeople people) {
        Instant accident = Instant.now().minus(Duration.ofHours(12));
        JsonObject insured = people.apply(people.driver, "CRASH-1", "injured-1", accident);
        people.notice(insured.getString("id"), insuredVehicle("PICC", "LIABLE"));
        String insuredBill = people.submitBill(insured, accident.plus(Duration.ofHours(1)),
                5_000_000);
        JsonObject fled = people.apply(people.family, "CRASH-2", "injured-1", accident);
        people.notice(fled.getString("id"), new JsonObject().put("fled", true));
        String fledBill = people.submitBill(fled, accident.plus(Duration.ofHours(1)), 5_000_000);
        String insurerToken = people.token("insurer1");
        String fundToken = people.token("fund1");
        List<Payment> run = new ArrayList<>();
        for (int i = 0; i < PER_APPLICATION; i++) {
            run.add(new Payment(insured.getString("id"), insurerToken, "crash-picc-" + i,
                    payment("PICC", insuredBill, 15_000).encode()));
            run.add(new Payment(fled.getString("id"), fundToken, "crash-fund-" + i,
                    payment("fund-jx", fledBill, 20_000).encode()));
        }
        return run;
    }

    /**
     * Every stored instruction is finished; each that paid has one balanced posting of its amount
     * and one disbursement order; the headroom rows equal what was paid; nothing else is stored.
     */
    private static void assertEveryPaymentWholeOrAbsent() throws SQLException {
        assertEquals(0, scalar("SELECT count(*) FROM payment_instruction WHERE finished_at IS"
                + " NULL"));
        assertEquals(0, scalar("""
                SELECT count(*) FROM payment_instruction i WHERE i.paid_fen > 0 AND (
                    (SELECT count(*) FROM ledger_posting p WHERE p.instruction_id = i.id
                        AND p.id = i.posting_id AND p.amount_fen = i.paid_fen) <> 1
                    OR (SELECT count(*) FROM ledger_entry e WHERE e.posting_id = i.posting_id
                        AND e.amount_fen = i.paid_fen) <> 2
                    OR (SELECT count(*) FROM outbox_message m
                        WHERE m.dedupe_key = 'disburse:' || i.idempotency_key) <> 1)"""));
        assertEquals(scalar("SELECT count(*) FROM payment_instruction WHERE paid_fen > 0"),
                scalar("SELECT count(*) FROM ledger_posting"), "no posting without its payment");
        assertEquals(scalar("SELECT count(*) FROM payment_instruction WHERE paid_fen > 0"),
                scalar("SELECT count(*) FROM outbox_message WHERE topic = 'payment.disburse'"),
                "no order without its payment");
        assertEquals(scalar("SELECT COALESCE(sum(paid_fen), 0) FROM payment_instruction"),
                scalar("SELECT COALESCE(sum(advanced_fen), 0) FROM payer_headroom"));
        assertEquals(0, scalar("SELECT COALESCE(sum(CASE side WHEN 'DEBIT' THEN amount_fen"
                + " ELSE -amount_fen END), 0) FROM ledger_entry"));
    }

    private static Set<String> outboxKeys(String where) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT dedupe_key FROM outbox_message WHERE "
                        + where)) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    private static void awaitAllDelivered(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (scalar("SELECT count(*) FROM outbox_message WHERE status <> 'DELIVERED'") > 0) {
            if (System.nanoTime() > deadline) {
                Map<String, Long> byStatus = new HashMap<>();
                for (String s : List.of("PENDING", "FAILED")) {
                    byStatus.put(s, scalar("SELECT count(*) FROM outbox_message WHERE status = '"
                            + s + "'"));
                }
                throw new AssertionError("the outbox did not drain: " + byStatus);
            }
            Thread.sleep(250);
        }
    }

    private static Process start(Path dataDir, int port, Path log) throws IOException {
        return JarProcess.start(log, JarProcess.serverEnv(dataDir, port, Map.of(
                "DATABASE_URL", TestDatabase.url(), "OTP_MIN_INTERVAL_SECONDS", "0",
                "OUTBOX_POLL_INTERVAL_MS", "200", "OUTBOX_BACKOFF_BASE_MS", "200")), List.of());
    }

    private static void waitHealthy(String base, Process process, Path log, Duration limit)
            throws Exception {
        JarProcess.awaitHealthy(base, process, log, limit, Duration.ofMillis(250));
    }
}
