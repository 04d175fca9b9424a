package cn.anxing.app;

import static cn.anxing.payment.PaymentPeople.insuredVehicle;
import static cn.anxing.payment.PaymentPeople.payment;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.accident.photo.AccidentPhotos;
import cn.anxing.bus.BusDemo;
import cn.anxing.demo.DemoAccounts;
import cn.anxing.outbox.WebhookReceiver;
import cn.anxing.payment.PaymentPeople;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server processes from {@code target/anxing.jar} on loopback ports, one PostgreSQL, each
 * instance its own DATA_DIR (so nothing can pass between them on a local disk): whatever one
 * instance does, the others see, because every piece of state is in the database. The demo runs
 * on all three, started at the same moment, as a deployment that rolls out three replicas does.
 * The test that kills an instance runs last.
 */
@DisplayName("Three instances on one PostgreSQL")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeInstancesIT {

    private static final String SECRET = "three-instances-secret-0123456789";
    private static final int LEASE_SECONDS = 3;
    private static final int PHONE_LIMIT = 5;
    private static final String BUS = "/api/v1/bus";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dirs;

    private static final List<JarInstance> INSTANCES = new ArrayList<>();
    private static WebhookReceiver payers;

    @BeforeAll
    static void startThree() throws Exception {
        TestDatabase.reset();
        payers = new WebhookReceiver(SECRET);
        for (int n = 1; n <= 3; n++) {
            INSTANCES.add(start(n));
        }
        long started = System.nanoTime();
        for (JarInstance instance : INSTANCES) {
            instance.awaitHealthy(Duration.ofMinutes(3));
        }
        System.out.printf("three instances healthy in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (JarInstance instance : INSTANCES) {
            instance.stop();
        }
        if (payers != null) {
            payers.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("three instances starting at once on an empty database seed the demo once: one"
            + " school, its households and buses once, one of each demo account")
    void demoOnce() throws Exception {
        Api coordinator = INSTANCES.get(2).api().staff("coord1", DemoAccounts.PASSWORD);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (scalar("SELECT count(*) FROM bus_vehicle") < BusDemo.BUSES
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        Thread.sleep(2000); // a second seed, were one running, would have added its rows by now
        JsonArray schools = coordinator.get(BUS + "/schools").jsonArray();
        assertEquals(1, schools.size(), schools.encodePrettily());
        assertEquals(BusDemo.HOUSEHOLDS, schools.getJsonObject(0).getLong("households"));
        assertEquals(BusDemo.BUSES, schools.getJsonObject(0).getLong("buses"));
        assertEquals(1, scalar("SELECT count(*) FROM account WHERE username = 'coord1'"));
        for (JarInstance instance : INSTANCES) {
            assertTrue(!instance.logText().contains("Bus demo could not be loaded"),
                    instance.logText());
        }
    }

    @Test
    @Order(2)
    @DisplayName("a plan job submitted through instance 1 is answered, with its progress, by"
            + " instance 2, and its plan by instance 3")
    void planJobAnsweredElsewhere() throws Exception {
        Api coordinator = INSTANCES.get(0).api().staff("coord1", DemoAccounts.PASSWORD);
        String jobId = submitPlan(coordinator, new JsonObject().put("solverSeconds", 4));

        Api second = INSTANCES.get(1).as(coordinator);
        boolean progressSeen = false;
        JsonObject job = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Api.Reply reply = second.get(BUS + "/plan-jobs/" + jobId);
            assertEquals(200, reply.status(), reply.toString());
            job = reply.json();
            if ("running".equals(job.getString("status"))
                    && !job.getJsonObject("progress").isEmpty()) {
                progressSeen = true;
            }
            String status = job.getString("status");
            if ("done".equals(status) || "failed".equals(status)) {
                break;
            }
            Thread.sleep(300);
        }
        assertEquals("done", job.getString("status"), job.encodePrettily());
        assertTrue(progressSeen, "instance 2 showed the progress of the running job");
        Api.Reply plan = INSTANCES.get(2).as(coordinator).get(BUS + "/plans/"
                + job.getString("planId"));
        assertEquals(200, plan.status(), plan.toString());
    }

    @Test
    @Order(3)
    @DisplayName("a photo uploaded through instance 2 to a case reported through instance 1 (its"
            + " checklist through 3) is served by instances 1 and 3, and its upload replays through"
            + " instance 3")
    void photoServedByOthers() throws Exception {
        Api driver = INSTANCES.get(0).api().phone("13720000001");
        Api.Reply created = driver.post("/api/v1/accidents", new JsonObject()
                .put("lat", 28.29663).put("lon", 117.20555)
                .put("plates", new JsonArray().add("浙F31001").add("浙F31002"))
                .put("weather", "SUNNY").put("accidentForm", "REAR_END_COLLISION")
                .put("ignoreDuplicates", true));
        assertEquals(201, created.status(), created.toString());
        String caseId = created.json().getString("id");
        Api.Reply checked = INSTANCES.get(2).as(driver).post("/api/v1/accidents/" + caseId
                + "/checklist", new JsonObject().put("anyoneInjured", false)
                .put("vehiclesDrivable", true).put("allInsured", true).put("drinkOrDrugs", false)
                .put("facilityHit", false).put("hazardousGoods", false));
        assertEquals(200, checked.status(), checked.toString());
        byte[] photo = AccidentPhotos.jpeg();
        String key = UUID.randomUUID().toString();
        Api.Reply uploaded = INSTANCES.get(1).as(driver).send("PUT", "/api/v1/accidents/"
                + caseId + "/photos/panorama-front", photo, "image/jpeg",
                Map.of("Idempotency-Key", key));
        assertEquals(201, uploaded.status(), uploaded.toString());
        Api.Reply replayed = INSTANCES.get(2).as(driver).send("PUT", "/api/v1/accidents/"
                + caseId + "/photos/panorama-front", photo, "image/jpeg",
                Map.of("Idempotency-Key", key));
        assertEquals(200, replayed.status(), replayed.toString());

        String photoId = null;
        for (Object o : INSTANCES.get(2).as(driver).get("/api/v1/accidents/" + caseId).json()
                .getJsonArray("photos")) {
            JsonObject slot = (JsonObject) o;
            if ("panorama-front".equals(slot.getString("slot")) && slot.getJsonObject("photo")
                    != null) {
                photoId = slot.getJsonObject("photo").getString("id");
            }
        }
        assertTrue(photoId != null, "instance 3 lists the photo");
        for (JarInstance instance : List.of(INSTANCES.get(0), INSTANCES.get(2))) {
            HttpResponse<byte[]> served = HTTP.send(HttpRequest.newBuilder(URI.create(
                    instance.baseUrl() + "/api/v1/accidents/" + caseId + "/photos/" + photoId))
                    .header("Authorization", "Bearer " + driver.token()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, served.statusCode(), "instance " + instance.number());
            assertArrayEquals(photo, served.body(), "instance " + instance.number());
        }
        assertEquals(1, scalar("SELECT count(*) FROM accident_photo WHERE case_id = '" + caseId
                + "'"), "the replay stored nothing twice");
    }

    @Test
    @Order(4)
    @DisplayName("sign-in codes requested for one phone at once through all three instances: the"
            + " per-phone limit lets exactly its number through and refuses the rest with 429")
    void signInLimitsAcrossInstances() throws Exception {
        String phone = "13720000002";
        int requests = 3 * (PHONE_LIMIT + 1);
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            JarInstance instance = INSTANCES.get(i % 3);
            Callable<HttpResponse<String>> call = () -> HTTP.send(HttpRequest.newBuilder(
                    URI.create(instance.baseUrl() + "/api/v1/auth/otp/request"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                            .put("phone", phone).encode())).build(),
                    HttpResponse.BodyHandlers.ofString());
            answers.add(threads.submit(call));
        }
        int sent = 0;
        int refused = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> r = answer.get(60, TimeUnit.SECONDS);
            if (r.statusCode() == 202) {
                sent++;
            } else {
                assertEquals(429, r.statusCode(), r.body());
                refused++;
            }
        }
        threads.shutdown();
        assertEquals(PHONE_LIMIT, sent, "codes sent");
        assertEquals(requests - PHONE_LIMIT, refused, "requests refused");
        assertEquals(PHONE_LIMIT, scalar("SELECT count(*) FROM otp_request WHERE phone = '"
                + phone + "'"));
    }

    @Test
    @Order(5)
    @DisplayName("payments made through all three instances: every disbursement order is"
            + " delivered exactly once, with three relays running")
    void outboxExactlyOnce() throws Exception {
        PaymentPeople people = new PaymentPeople(INSTANCES.get(0).baseUrl());
        people.payersDeliverTo(payers.url(), SECRET);
        Instant accident = Instant.now().minus(Duration.ofHours(12));
        JsonObject insured = people.apply(people.driver, "THREE-1", "injured-1", accident);
        people.notice(insured.getString("id"), insuredVehicle("PICC", "LIABLE"));
        String bill = people.submitBill(insured, accident.plus(Duration.ofHours(1)), 5_000_000);
        String insurerToken = people.token("insurer1");

        int payments = 60;
        ExecutorService threads = Executors.newFixedThreadPool(6);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < payments; i++) {
            String url = INSTANCES.get(i % 3).baseUrl() + PaymentPeople.BASE + "/applications/"
                    + insured.getString("id") + "/payments";
            String body = payment("PICC", bill, 10_000).encode();
            String key = "three-instances-" + i;
            answers.add(threads.submit(() -> HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + insurerToken)
                    .header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString())));
        }
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> r = answer.get(60, TimeUnit.SECONDS);
            assertEquals(201, r.statusCode(), r.body());
        }
        threads.shutdown();

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (scalar("SELECT count(*) FROM outbox_message WHERE topic = 'payment.disburse' AND"
                + " status <> 'DELIVERED'") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertEquals(payments, scalar("SELECT count(*) FROM outbox_message WHERE topic ="
                + " 'payment.disburse' AND status = 'DELIVERED'"), "all delivered");
        Thread.sleep(1000); // a second delivery, were one under way, would have landed by now
        Map<String, Integer> accepted = payers.acceptedByKey();
        assertEquals(payments, accepted.size(), "one key per order");
        accepted.forEach((key, times) -> assertEquals(1, times, "order " + key));
        assertEquals(payments, payers.requests().size(), "no order sent twice");
        assertTrue(payers.requests().stream().allMatch(WebhookReceiver.Received::signatureValid));
    }

    @Test
    @Order(6)
    @DisplayName("SIGKILL of the instance running a plan job: another instance takes the job up"
            + " when the lease runs out and finishes it")
    void killedInstanceJobFinishedElsewhere() throws Exception {
        Api coordinator = INSTANCES.get(0).api().staff("coord1", DemoAccounts.PASSWORD);
        String jobId = submitPlan(coordinator, new JsonObject().put("solverSeconds", 5)
                .put("seed", 7));

        // wait until an instance has claimed the job and is solving it
        String owner = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            owner = text("SELECT lease_owner FROM bus_plan_job WHERE id = '" + jobId
                    + "' AND status = 'running' AND phase <> 'loading'");
            if (owner != null) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(owner != null, "the job was claimed");
        long pid = Long.parseLong(owner.split("-")[1]);
        JarInstance victim = INSTANCES.stream().filter(i -> i.process().pid() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("no instance holds " + pid));
        victim.process().destroyForcibly(); // SIGKILL
        assertTrue(victim.process().waitFor(20, TimeUnit.SECONDS));
        long killedAt = System.nanoTime();

        JarInstance survivor = INSTANCES.stream().filter(i -> i != victim).findFirst()
                .orElseThrow();
        Api asked = survivor.as(coordinator);
        JsonObject job = null;
        deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            job = asked.get(BUS + "/plan-jobs/" + jobId).json();
            String status = job.getString("status");
            if ("done".equals(status) || "failed".equals(status)) {
                break;
            }
            Thread.sleep(300);
        }
        System.out.printf("instance %d killed while running job %s; done %d ms later%n",
                victim.number(), jobId, (System.nanoTime() - killedAt) / 1_000_000);
        assertEquals("done", job.getString("status"), job.encodePrettily());
        assertEquals(2, scalar("SELECT attempts FROM bus_plan_job WHERE id = '" + jobId + "'"),
                "claimed twice: once by the killed instance, once by the one that finished");
        String finisher = text("SELECT lease_owner FROM bus_plan_job WHERE id = '" + jobId + "'");
        assertNotEquals(owner, finisher);
        boolean takenUp = false;
        for (JarInstance instance : INSTANCES) {
            if (instance != victim && instance.logText().contains("Taking up bus plan " + jobId)) {
                takenUp = true;
            }
        }
        assertTrue(takenUp, "a surviving instance logged taking the job up");
        assertEquals(200, asked.get(BUS + "/plans/" + job.getString("planId")).status());
    }

    // ---------------------------------------------------------------- helpers

    private static JarInstance start(int number) throws IOException {
        return JarInstance.start(number, dirs, TestDatabase.url(), Map.of(
                "OTP_MIN_INTERVAL_SECONDS", "0",
                "OTP_PER_PHONE_PER_HOUR", String.valueOf(PHONE_LIMIT),
                "OTP_PER_ADDRESS_PER_HOUR", "100000",
                "OUTBOX_POLL_INTERVAL_MS", "200",
                "OUTBOX_BACKOFF_BASE_MS", "200",
                "PLAN_JOB_LEASE_SECONDS", String.valueOf(LEASE_SECONDS),
                "ROUTING_MATRIX_THREADS", "1"), "-Xmx512m");
    }

    private static long scalar(String sql) throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(String sql) throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The coordinator asks for a plan of their first school; returns the accepted job's id. */
    private static String submitPlan(Api coordinator, JsonObject options) {
        String schoolId = coordinator.get(BUS + "/schools").jsonArray().getJsonObject(0)
                .getString("id");
        Api.Reply accepted = coordinator.post(BUS + "/schools/" + schoolId + "/plans", options);
        assertEquals(202, accepted.status(), accepted.toString());
        return accepted.json().getString("id");
    }
}
