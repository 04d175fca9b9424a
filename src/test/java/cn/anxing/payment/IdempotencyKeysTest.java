package cn.anxing.payment;

import static cn.anxing.payment.PaymentPeople.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.outbox.WebhookReceiver;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An Idempotency-Key is the payer's own: the same key from two payers is two payments. And it is
 * bounded: a key too long or with control characters is a 400 naming the header.
 */
@DisplayName("Idempotency keys are each payer's own, and bounded")
class IdempotencyKeysTest {

    private static final Instant ACCIDENT = Instant.now().minus(Duration.ofDays(3));
    private static final String SECRET = "payer-systems-secret";

    private static TestServer server;
    private static PaymentPeople people;
    private static WebhookReceiver payerSystems;
    /** PICC's case and the fund's, each billed once. */
    private static PaymentPeople.TwoCases cases;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        people = new PaymentPeople(server.baseUrl());
        payerSystems = new WebhookReceiver(SECRET);
        people.payersDeliverTo(payerSystems.url(), SECRET);
        cases = people.twoBilledCases("KEY", ACCIDENT);
    }

    @AfterAll
    static void stop() {
        server.close();
        payerSystems.close();
    }

    @Test
    @DisplayName("The same key sent by an insurer and by the fund is two payments, each ordered"
            + " from its own payer's system")
    void sameKeyTwoPayers() throws InterruptedException {
        String key = "shared-" + UUID.randomUUID();
        Api.Reply picc = people.pay(people.insurer, cases.insured().getString("id"), key,
                payment("PICC", cases.insuredBill(), 30_000));
        Api.Reply fund = people.pay(people.fund, cases.hitAndRun().getString("id"), key,
                payment("fund-jx", cases.hitAndRunBill(), 20_000));
        assertEquals(201, picc.status(), picc.toString());
        assertEquals(201, fund.status(), fund.toString());
        assertEquals(30_000, picc.json().getLong("paidFen"));
        assertEquals(20_000, fund.json().getLong("paidFen"));
        assertEquals(2, PaymentPeople.scalar("SELECT count(*) FROM payment_instruction"
                + " WHERE idempotency_key = '" + key + "'"));
        assertEquals(2, PaymentPeople.scalar("SELECT count(*) FROM outbox_message"
                + " WHERE dedupe_key = 'disburse:" + key + "'"));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (payerSystems.acceptedCount("disburse:" + key) < 2
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(2, payerSystems.acceptedCount("disburse:" + key), "one order per payer");

        // and each payer's retry is still a replay of its own first answer
        Api.Reply again = people.pay(people.fund, cases.hitAndRun().getString("id"), key,
                payment("fund-jx", cases.hitAndRunBill(), 20_000));
        assertEquals(200, again.status(), again.toString());
        assertEquals(fund.json().getString("instructionId"),
                again.json().getString("instructionId"));
    }

    @Test
    @DisplayName("A key of 200 characters is refused as IDEMPOTENCY_KEY_INVALID naming the header,"
            + " and nothing is recorded")
    void longKey() {
        Map<String, Long> before = PaymentPeople.counts();
        Api.Reply r = people.pay(people.insurer, cases.insured().getString("id"),
                "k".repeat(200), payment("PICC", cases.insuredBill(), 100));
        assertEquals(400, r.status(), r.toString());
        assertEquals("IDEMPOTENCY_KEY_INVALID", r.json().getString("code"));
        assertEquals("Idempotency-Key", r.json().getString("field"));
        assertEquals(before, PaymentPeople.counts());
    }

    @Test
    @DisplayName("A key with a control character is a 400 JSON error naming the header")
    void controlCharacterKey() throws Exception {
        Map<String, Long> before = PaymentPeople.counts();
        // a tab is allowed in a header value by HTTP, so it reaches the payment's own check
        String answer = rawPayment("abc\tdefgh-" + UUID.randomUUID());
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("\"code\":\"IDEMPOTENCY_KEY_INVALID\""), answer);
        assertTrue(answer.contains("\"field\":\"Idempotency-Key\""), answer);
        // other control characters are refused by the HTTP codec before any route (a 400 whose
        // body is the HTTP layer's); either way the connection answers and nothing is paid
        assertTrue(rawPayment("abc\u0001defgh-" + UUID.randomUUID()).startsWith("HTTP/1.1 400"));
        assertEquals(before, PaymentPeople.counts());
    }

    @Test
    @DisplayName("A 100 KB key is answered (431 Request Header Fields Too Large, by the HTTP"
            + " server before any route), the connection is not reset, and nothing is recorded")
    void hugeKey() throws Exception {
        Map<String, Long> before = PaymentPeople.counts();
        String answer = rawPayment("k".repeat(100_000));
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
        assertEquals(before, PaymentPeople.counts());
    }

    /** A payment POST written by hand, as no HTTP client sends such headers. */
    private static String rawPayment(String key) throws Exception {
        URI base = URI.create(server.baseUrl());
        String body = payment("PICC", cases.insuredBill(), 100).encode();
        String request = "POST /api/v1/payments/applications/"
                + cases.insured().getString("id") + "/payments HTTP/1.1\r\n"
                + "Host: " + base.getHost() + "\r\n"
                + "Authorization: Bearer " + people.token("insurer1") + "\r\n"
                + "Content-Type: application/json\r\nConnection: close\r\n"
                + "Idempotency-Key: " + key + "\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n"
                + body;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
