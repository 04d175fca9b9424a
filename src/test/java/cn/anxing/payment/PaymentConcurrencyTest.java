package cn.anxing.payment;

import static cn.anxing.payment.PaymentPeople.BASE;
import static cn.anxing.payment.PaymentPeople.insuredVehicle;
import static cn.anxing.payment.PaymentPeople.payment;
import static cn.anxing.payment.PaymentPeople.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Done when (2): well over 50 conflicting bills and payment requests at the same moment over
 * HTTP, with random retries of the same idempotency keys among them. The caps hold, nothing is
 * paid twice and the ledger balances.
 */
@DisplayName("Bills, payments and retries arriving at the same moment")
class PaymentConcurrencyTest {

    private static final long PICC_CAP = 1_800_000; // liable vehicle, 18,000 yuan
    private static final long CPIC_CAP = 180_000;   // vehicle not liable, 1,800 yuan
    private static final int PAYMENTS = 60;
    private static final int NEW_BILLS = 20;

    private static TestServer server;
    private static PaymentPeople people;

    /** One request of the burst and what came back. */
    private record Sent(String key, String payerId, String request, boolean bill, int status,
            JsonObject body) {
    }

    @BeforeAll
    static void start() {
        server = TestServer.start();
        people = new PaymentPeople(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("The caps hold, each key pays at most once, every retry gets the first result,"
            + " and the ledger balances")
    void burst() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        // 48 h ago, so that the last new bill (39 h after the accident) is not in the future,
        // which a bill may not be
        Instant accident = Instant.now().minus(Duration.ofHours(48));
        JsonObject app = people.apply(people.driver, "RACE-" + seed, "injured-1", accident);
        String id = app.getString("id");
        people.notice(id, insuredVehicle("PICC", "LIABLE"), insuredVehicle("CPIC", "NOT_LIABLE"));
        List<String> bills = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            bills.add(people.submitBill(app, accident.plus(Duration.ofHours(1 + i)), 600_000));
        }
        Map<String, String> tokens = Map.of("PICC", people.token("insurer1"),
                "CPIC", people.token("insurer2"), "hospital", people.token("hospital1"));

        List<Callable<Sent>> requests = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            String payer = i % 2 == 0 ? "PICC" : "CPIC";
            long amount = payer.equals("PICC") ? 60_000 + random.nextInt(100_000)
                    : 10_000 + random.nextInt(30_000);
            String key = "race-" + seed + "-" + i;
            String body = payment(payer, bills.get(random.nextInt(bills.size())), amount)
                    .encode();
            int copies = 1 + random.nextInt(3); // the first send and up to two retries
            for (int c = 0; c < copies; c++) {
                requests.add(() -> {
                    HttpResponse<String> r = people.rawPay(tokens.get(payer), id, key, body);
                    return new Sent(key, payer, body, false, r.statusCode(),
                            new JsonObject(r.body()));
                });
            }
        }
        for (int i = 0; i < NEW_BILLS; i++) {
            JsonObject bill = PaymentPeople.bill(app, accident.plus(Duration.ofHours(20 + i)),
                    50_000);
            requests.add(() -> {
                var r = people.rawPost(tokens.get("hospital"), BASE + "/applications/" + id
                        + "/bills", null, bill.encode());
                return new Sent(null, null, null, true, r.statusCode(),
                        new JsonObject(r.body()));
            });
        }
        Collections.shuffle(requests, random);
        List<Sent> sent = fireAtOnce(requests);
        System.out.printf("burst of %d requests (seed %d): %s%n", sent.size(), seed,
                sent.stream().collect(java.util.stream.Collectors.groupingBy(
                        s -> s.status() + (s.status() >= 400 ? " " + s.body().getString("code")
                                : ""), java.util.stream.Collectors.counting())));
        assertTrue(sent.size() >= 50 + NEW_BILLS, "at least 50 payment requests and the bills");

        // every bill was taken, however the payments interleaved with it
        assertTrue(sent.stream().filter(Sent::bill).allMatch(s -> s.status() == 201),
                sent.stream().filter(s -> s.bill() && s.status() != 201).toList().toString());
        assertEquals(8 + NEW_BILLS, scalar("SELECT count(*) FROM bill"));

        // per key: one outcome, and every 2xx answer is the first result
        Map<String, List<Sent>> byKey = new HashMap<>();
        sent.stream().filter(s -> !s.bill()).forEach(s ->
                byKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s));
        int executed = 0;
        for (List<Sent> answers : byKey.values()) {
            List<Sent> ok = answers.stream().filter(s -> s.status() / 100 == 2).toList();
            if (ok.isEmpty()) {
                assertTrue(answers.stream().allMatch(s -> s.status() == 400
                        && "AMOUNT_EXCEEDS_BILL".equals(s.body().getString("code"))),
                        "only a bill paid out refuses a payment: " + answers);
                continue;
            }
            executed++;
            assertEquals(ok.size(), answers.size(), "a retry never fails: " + answers);
            assertEquals(1, ok.stream().filter(s -> s.status() == 201).count(), answers.toString());
            assertEquals(1, ok.stream().map(s -> s.body().getString("instructionId")).distinct()
                    .count(), "one instruction per key: " + answers);
            assertEquals(1, ok.stream().map(s -> s.body().getLong("paidFen")).distinct()
                    .count(), "the same result for every retry: " + answers);
        }
        assertEquals(executed, scalar("SELECT count(*) FROM payment_instruction"),
                "one instruction per key that was carried out, none for the retries");

        // the caps hold; they bind when more was asked for than they allow
        for (String payer : List.of("PICC", "CPIC")) {
            long cap = payer.equals("PICC") ? PICC_CAP : CPIC_CAP;
            long paid = scalar("SELECT COALESCE(sum(paid_fen), 0) FROM payment_instruction"
                    + " WHERE payer_id = '" + payer + "'");
            long asked = scalar("SELECT COALESCE(sum(requested_fen), 0) FROM"
                    + " payment_instruction WHERE payer_id = '" + payer + "'");
            assertTrue(paid <= cap, payer + " paid " + paid + " over its cap " + cap);
            assertEquals(Math.min(cap, asked), paid, payer + ": asked " + asked);
            assertEquals(paid, scalar("SELECT advanced_fen FROM payer_headroom WHERE payer_id"
                    + " = '" + payer + "'"), "the headroom row agrees");
            assertEquals(paid, scalar("SELECT COALESCE(sum(amount_fen), 0) FROM ledger_entry"
                    + " WHERE side = 'DEBIT' AND account_key = 'payer:" + payer + ":advances'"),
                    "the ledger agrees");
        }
        assertTrue(scalar("SELECT count(*) FROM payment_instruction WHERE paid_fen > 0"
                + " AND excess_fen > 0") > 0, "some payment was cut at a cap");
        assertEquals(0, scalar("SELECT count(*) FROM bill b WHERE b.total_fen < (SELECT"
                + " COALESCE(sum(paid_fen), 0) FROM payment_instruction i WHERE i.bill_id = b.id)"),
                "no bill is paid beyond its total");

        // nothing paid twice: one posting and one disbursement order per paying instruction
        long paying = scalar("SELECT count(*) FROM payment_instruction WHERE paid_fen > 0");
        assertEquals(paying, scalar("SELECT count(*) FROM ledger_posting"));
        assertEquals(paying, scalar("SELECT count(DISTINCT instruction_id) FROM ledger_posting"));
        assertEquals(paying, scalar("SELECT count(*) FROM outbox_message WHERE dedupe_key LIKE"
                + " 'disburse:race-%'"));

        // the ledger balances, in the database and in the reconciliation report
        assertEquals(0, scalar("SELECT sum(CASE side WHEN 'DEBIT' THEN amount_fen ELSE"
                + " -amount_fen END) FROM ledger_entry"));
        JsonObject report = people.fund.get(BASE + "/reconciliation?date="
                + LocalDate.now(ZoneId.of("Asia/Shanghai"))).json();
        assertTrue(report.getBoolean("balanced"), report.encodePrettily());
        assertEquals(paying, report.getLong("postings"));

        // a late retry of every key still returns the first result and records nothing
        var before = PaymentPeople.counts();
        for (Sent first : sent.stream().filter(x -> !x.bill() && x.status() == 201).toList()) {
            var again = people.rawPay(tokens.get(first.payerId()), id, first.key(),
                    first.request());
            assertEquals(200, again.statusCode(), again.body());
            assertEquals(first.body().getString("instructionId"),
                    new JsonObject(again.body()).getString("instructionId"));
            assertEquals(first.body().getLong("paidFen"),
                    new JsonObject(again.body()).getLong("paidFen"));
        }
        assertEquals(before, PaymentPeople.counts());
    }

    /** Starts every request together: the threads wait at a gate that opens once. */
    private static List<Sent> fireAtOnce(List<Callable<Sent>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<Sent>> futures = new ArrayList<>();
            for (Callable<Sent> r : requests) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return r.call();
                }));
            }
            Thread.sleep(200);
            gate.countDown();
            List<Sent> sent = new ArrayList<>();
            for (Future<Sent> f : futures) {
                sent.add(f.get(120, TimeUnit.SECONDS));
            }
            return sent;
        } finally {
            pool.shutdownNow();
        }
    }
}
