package cn.anxing.insight;

import static cn.anxing.insight.HandMadeCases.insertCase;
import static cn.anxing.insight.HandMadeCases.local;
import static cn.anxing.insight.HandMadeCases.sql;
import static cn.anxing.insight.HandMadeCases.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every dashboard figure against a value computed by hand from a small made-up history: the
 * first three days of October 2026 (Pinghu time), the police queue and the overdue payment steps
 * as of now, and one school's latest plan. The same figures are then read from /metrics.
 */
@DisplayName("The dashboard's figures")
class InsightDashboardTest {

    private static final String PERIOD = "period=custom&from=2026-10-01&to=2026-10-03";
    private static final double LAT = InsightHotspotsTest.WATERWORKS.lat();
    private static final double LON = InsightHotspotsTest.WATERWORKS.lon();

    private static TestServer server;
    private static Api police;
    private static JsonObject dashboard;
    private static UUID schoolId;
    private static Instant now;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        police = server.api().staff("police1", "anxing-demo");
        now = Instant.now();

        // settled online: 600 s, 1200 s and 3000 s from report to agreement
        UUID c1 = agreed("2026-10-01T10:00", 600);
        agreed("2026-10-01T11:00", 1200);
        agreed("2026-10-02T09:00", 3000);
        // to the police: decided 7200 s and 3600 s after the review began
        reviewed("2026-10-02T15:00", 300, 7200);
        reviewed("2026-10-03T08:00", 60, 3600);
        // still being filled in; and one the evening before the period
        insertCase(LAT, LON, local("2026-10-03T20:00"), "DRAFT");
        agreed("2026-09-30T23:30", 100);

        // the police queue now: 30 minutes, 5 hours and 2 days old
        for (Duration age : new Duration[] {Duration.ofMinutes(30), Duration.ofHours(5),
                Duration.ofDays(2)}) {
            UUID waiting = insertCase(LAT, LON, now.minus(age).minusSeconds(60), "POLICE_REVIEW");
            transition(waiting, "LIABILITY", "POLICE_REVIEW", now.minus(age));
        }

        // repeated reports: two offered in the period, one joined; one before the period
        UUID driver = HandMadeCases.someAccount();
        UUID admin = account("admin");
        UUID other = insertCase(LAT, LON, local("2026-09-29T08:00"), "CLOSED");
        sql("INSERT INTO accident_duplicate_offer (case_id, account_id, offered_at, accepted_at)"
                + " VALUES (?, ?, ?, ?)", c1, driver, ts("2026-10-01T10:05"),
                ts("2026-10-01T10:06"));
        sql("INSERT INTO accident_duplicate_offer (case_id, account_id, offered_at)"
                + " VALUES (?, ?, ?)", c1, admin, ts("2026-10-02T10:00"));
        sql("INSERT INTO accident_duplicate_offer (case_id, account_id, offered_at, accepted_at)"
                + " VALUES (?, ?, ?, ?)", other, driver, ts("2026-09-29T08:05"),
                ts("2026-09-29T08:06"));

        // medical advances: PICC 1500 yuan (and 500 reversed), CPIC 1800, PICC paid out 1500;
        // one of PICC before the period
        UUID overdue = application("APPLIED", now.minus(Duration.ofDays(1)));
        UUID billed = application("BILLED", now.plus(Duration.ofDays(1)));
        posting("PICC", "ADVANCE_APPROVED", billed, 150_000, "2026-10-01T12:00", null);
        UUID reversed = posting("PICC", "ADVANCE_APPROVED", billed, 50_000, "2026-10-02T12:00",
                null);
        posting("PICC", "REVERSAL", billed, 50_000, "2026-10-02T13:00", reversed);
        posting("CPIC", "ADVANCE_APPROVED", billed, 180_000, "2026-10-03T12:00", null);
        posting("PICC", "DISBURSED", billed, 150_000, "2026-10-03T16:00", null);
        posting("PICC", "ADVANCE_APPROVED", billed, 99_900, "2026-09-30T12:00", null);
        // a bill the fund has not reviewed in its 5 working days
        sql("INSERT INTO application_payer (application_id, payer_id, liability_state,"
                + " noticed_at) VALUES (?, 'fund-jx', 'UNDETERMINED', ?)", billed,
                Timestamp.from(now.minus(Duration.ofDays(9))));
        sql("INSERT INTO bill (application_id, hospital_id, total_fen, submitted_at,"
                + " review_due_at) VALUES (?, 'pinghu-1', 10000, ?, ?)", billed,
                Timestamp.from(now.minus(Duration.ofDays(8))),
                Timestamp.from(now.minus(Duration.ofHours(1))));
        assertNotNull(overdue);

        // a school whose older plan is superseded by the latest
        schoolId = UUID.randomUUID();
        sql("INSERT INTO bus_school (id, name, lat, lon, evening_dismissal, morning_arrival)"
                + " VALUES (?, '测试中学', ?, ?, '21:00', '07:20')", schoolId, LAT, LON);
        plan(ts("2026-10-01T12:00"), 50, 40, 3, 2, 1000, 20_000, 3000);
        plan(ts("2026-10-02T12:00"), 50, 48, 3, 3, 1500, 25_000, 4000);

        Api.Reply reply = police.get("/api/v1/insight/dashboard?" + PERIOD);
        assertEquals(200, reply.status(), reply.toString());
        dashboard = reply.json();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("Cases per day, every day of the period, zero days included")
    void casesPerDay() {
        assertEquals(new JsonArray()
                .add(new JsonObject().put("date", "2026-10-01").put("count", 2))
                .add(new JsonObject().put("date", "2026-10-02").put("count", 2))
                .add(new JsonObject().put("date", "2026-10-03").put("count", 2)),
                dashboard.getJsonArray("casesPerDay"));
    }

    @Test
    @DisplayName("Share settled online: 3 agreed of the 5 that reached an outcome")
    void settledOnline() {
        JsonObject cases = dashboard.getJsonObject("cases");
        assertEquals(6, cases.getLong("reported"));
        assertEquals(3, cases.getLong("settledOnline"));
        assertEquals(2, cases.getLong("policeHandled"));
        assertEquals(0.6, cases.getDouble("settledOnlineShare"));
    }

    @Test
    @DisplayName("Report to agreement: median 1200 s, p90 2640 s; review to decision 5400 s, 6840 s")
    void durations() {
        // p90 interpolates: of 600, 1200, 3000 at 0.9 × 2 = 1.8, 1200 + 0.8 × 1800 = 2640
        assertEquals(new JsonObject().put("count", 3).put("medianSeconds", 1200)
                .put("p90Seconds", 2640), dashboard.getJsonObject("reportToAgreement"));
        // of 3600, 7200 at 0.9: 3600 + 0.9 × 3600 = 6840
        assertEquals(new JsonObject().put("count", 2).put("medianSeconds", 5400)
                .put("p90Seconds", 6840), dashboard.getJsonObject("reviewToDecision"));
    }

    @Test
    @DisplayName("Repeated reports: 2 offered in the period, 1 avoided")
    void repeatedReports() {
        assertEquals(new JsonObject().put("offered", 2).put("avoided", 1),
                dashboard.getJsonObject("repeatedReports"));
    }

    @Test
    @DisplayName("Cases waiting for review now: 3, the oldest 2 days, by age group")
    void reviewWaiting() {
        JsonObject waiting = dashboard.getJsonObject("reviewWaiting");
        assertEquals(3, waiting.getInteger("count"));
        assertNear(Duration.ofDays(2).toSeconds(), waiting.getLong("oldestSeconds"));
        assertNear(Duration.ofHours(5).toSeconds(), waiting.getLong("medianSeconds"));
        JsonArray byAge = waiting.getJsonArray("byAge");
        assertEquals("1,0,1,1,0", byAge.stream().map(o -> String.valueOf(((JsonObject) o)
                .getLong("count"))).reduce((a, b) -> a + "," + b).orElseThrow());
        assertEquals(3600, byAge.getJsonObject(0).getLong("toSeconds"));
    }

    @Test
    @DisplayName("Advances per payer by name: count and amount, reversals out; overdue notices")
    void advances() {
        JsonObject advances = dashboard.getJsonObject("advances");
        JsonObject picc = payer(advances, "PICC");
        assertEquals("中国人保财险 平湖支公司", picc.getString("name"));
        assertEquals(1, picc.getLong("advances"));
        assertEquals(150_000, picc.getLong("advancedFen"));
        assertEquals(1, picc.getLong("disbursements"));
        assertEquals(150_000, picc.getLong("disbursedFen"));
        JsonObject cpic = payer(advances, "CPIC");
        assertEquals(1, cpic.getLong("advances"));
        assertEquals(180_000, cpic.getLong("advancedFen"));
        assertEquals(0, cpic.getLong("disbursedFen"));
        assertEquals(0, payer(advances, "fund-jx").getLong("advances"));
        assertEquals(1, advances.getLong("overdueNotices"));
        assertEquals(1, advances.getLong("overdueReviews"));
    }

    @Test
    @DisplayName("Buses: students served and buses used from each school's latest plan")
    void buses() {
        JsonObject school = dashboard.getJsonObject("buses").getJsonArray("schools").stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getString("schoolId").equals(schoolId.toString()))
                .findFirst().orElseThrow();
        assertEquals("测试中学", school.getString("name"));
        assertEquals(50, school.getInteger("students"));
        assertEquals(48, school.getInteger("studentsServed"));
        assertEquals(3, school.getInteger("busesUsed"));
        assertEquals(3, school.getInteger("busesAvailable"));
    }

    @Test
    @DisplayName("The map's layers: the case repeated reports joined, and the latest plan's bus")
    void layers() {
        JsonArray duplicates = police.get("/api/v1/insight/duplicates?" + PERIOD).json()
                .getJsonArray("cases");
        assertEquals(1, duplicates.size(), duplicates.encode());
        assertEquals(2, duplicates.getJsonObject(0).getLong("offered"));
        assertEquals(1, duplicates.getJsonObject(0).getLong("joined"));

        JsonArray features = police.get("/api/v1/insight/bus").json().getJsonArray("features");
        var ours = features.stream().map(JsonObject.class::cast)
                .filter(f -> "测试中学".equals(f.getJsonObject("properties").getString("school"))
                        || schoolId.toString().equals(f.getJsonObject("properties")
                                .getString("schoolId")))
                .toList();
        assertEquals(java.util.List.of("school", "stop", "line"), ours.stream()
                .map(f -> f.getJsonObject("properties").getString("kind")).toList());
        // only the latest plan's line (48 students), in GeoJSON's [lon, lat] order
        JsonObject line = ours.get(2);
        assertEquals(48, line.getJsonObject("properties").getInteger("students"));
        assertEquals(new JsonArray().add(LON).add(LAT), line.getJsonObject("geometry")
                .getJsonArray("coordinates").getJsonArray(0));
        assertEquals(new JsonArray().add(117.2426).add(28.2994), ours.get(1)
                .getJsonObject("geometry").getJsonArray("coordinates"));
    }

    @Test
    @DisplayName("The same figures are Prometheus metrics with domain names")
    void metrics() throws Exception {
        server.app().insight().refreshMetrics().toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        String text = server.api().get("/metrics").body();
        assertMetric(text, "anxing_accident_cases{state=\"POLICE_REVIEW\"}", 3);
        assertMetric(text, "anxing_accident_cases{state=\"AGREED\"}", 4);
        assertMetric(text, "anxing_accident_reported_total", 11);
        assertMetric(text, "anxing_accident_review_waiting", 3);
        assertMetric(text, "anxing_payment_overdue_notices", 1);
        assertMetric(text, "anxing_payment_overdue_reviews", 1);
        assertMetric(text, "anxing_payment_postings_total{kind=\"advance_approved\",payer=\"PICC\"}",
                3);
        assertMetric(text, "anxing_payment_posted_fen_total{kind=\"advance_approved\","
                + "payer=\"PICC\"}", 299_900);
        assertMetric(text, "anxing_payment_posted_fen_total{kind=\"reversal\",payer=\"PICC\"}",
                50_000);
        assertMetric(text, "anxing_bus_plan_job_seconds_count{phase=\"matrix\",status=\"done\"}",
                2);
        assertMetric(text, "anxing_bus_plan_job_seconds_sum{phase=\"solve\",status=\"done\"}",
                45);
        long oldest = (long) value(text, "anxing_accident_review_waiting_oldest_seconds");
        assertNear(Duration.ofDays(2).toSeconds(), oldest);
    }

    // ------------------------------------------------------------ the made-up history

    private static UUID agreed(String reported, long seconds) throws Exception {
        UUID id = insertCase(LAT, LON, local(reported), "AGREED");
        transition(id, "LIABILITY", "AGREED", local(reported).plusSeconds(seconds));
        return id;
    }

    private static void reviewed(String reported, long toReview, long toDecision)
            throws Exception {
        UUID id = insertCase(LAT, LON, local(reported), "DECIDED");
        Instant review = local(reported).plusSeconds(toReview);
        transition(id, "DRAFT", "POLICE_REVIEW", review);
        transition(id, "POLICE_REVIEW", "DECIDED", review.plusSeconds(toDecision));
    }

    private static UUID application(String state, Instant noticeDue) throws Exception {
        UUID id = UUID.randomUUID();
        sql("INSERT INTO advance_application (id, case_id, injured_person_id, hospital_id,"
                + " accident_at, state, applied_at, notice_due_at, updated_at)"
                + " VALUES (?, ?, 'P1', 'pinghu-1', ?, ?, ?, ?, ?)", id, id.toString(),
                Timestamp.from(now), state, Timestamp.from(now), Timestamp.from(noticeDue),
                Timestamp.from(now));
        return id;
    }

    /** A posting with its debit and credit entry, in one transaction (the ledger checks it). */
    private static UUID posting(String payer, String kind, UUID application, long fen,
            String at, UUID reversalOf) throws Exception {
        UUID id = UUID.randomUUID();
        try (var c = cn.anxing.testing.TestDatabase.connect()) {
            c.setAutoCommit(false);
            try (var st = c.prepareStatement("INSERT INTO ledger_posting (id, kind, payer_id,"
                    + " application_id, case_id, injured_person_id, posted_at, amount_fen,"
                    + " reversal_of) VALUES (?, ?, ?, ?, ?, 'P1', ?, ?, ?)")) {
                st.setObject(1, id);
                st.setString(2, kind);
                st.setString(3, payer);
                st.setObject(4, application);
                st.setString(5, application.toString());
                st.setTimestamp(6, ts(at));
                st.setLong(7, fen);
                st.setObject(8, reversalOf);
                st.executeUpdate();
            }
            for (String side : new String[] {"DEBIT", "CREDIT"}) {
                try (var st = c.prepareStatement("INSERT INTO ledger_entry (posting_id, side,"
                        + " account_type, account_owner, account_key, amount_fen)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
                    st.setObject(1, id);
                    st.setString(2, side);
                    st.setString(3, side.equals("DEBIT") ? "PAYER_ADVANCES"
                            : "HOSPITAL_RECEIVABLE");
                    st.setString(4, payer);
                    st.setString(5, side + ":" + payer);
                    st.setLong(6, fen);
                    st.executeUpdate();
                }
            }
            c.commit();
        }
        return id;
    }

    private static void plan(Timestamp at, int students, int served, int available, int used,
            long matrixMs, long solveMs, long pathsMs) throws Exception {
        UUID job = UUID.randomUUID();
        sql("INSERT INTO bus_plan_job (id, school_id, status, phase, matrix_ms, solve_ms,"
                + " paths_ms, created_at, started_at, finished_at)"
                + " VALUES (?, ?, 'done', 'done', ?, ?, ?, ?, ?, ?)", job, schoolId, matrixMs,
                solveMs, pathsMs, at, at, new Timestamp(at.getTime() + matrixMs + solveMs
                        + pathsMs));
        var summary = new JsonObject().put("students", students).put("studentsServed", served)
                .put("busesAvailable", available).put("busesUsed", used);
        // one stop and one evening line; plans keep [lat, lon] pairs
        var stops = new JsonArray().add(new JsonObject().put("name", "水厂路站")
                .put("lat", 28.2994).put("lon", 117.2426));
        var path = new JsonObject().put("geometry", new JsonArray()
                .add(new JsonArray().add(LAT).add(LON)).add(new JsonArray().add(28.2994)
                        .add(117.2426)));
        var lines = new JsonArray().add(new JsonObject().put("name", "1号线")
                .put("busLabel", "浙F-B" + served).put("students", served).put("path", path));
        var plan = new JsonObject().put("summary", summary).put("stops", stops)
                .put("evening", new JsonObject().put("lines", lines))
                .put("morning", new JsonObject().put("lines", new JsonArray()));
        var pg = new org.postgresql.util.PGobject();
        pg.setType("jsonb");
        pg.setValue(plan.encode());
        sql("INSERT INTO bus_plan (id, school_id, plan, created_at) VALUES (?, ?, ?, ?)", job,
                schoolId, pg, at);
    }

    private static UUID account(String username) throws Exception {
        try (var c = cn.anxing.testing.TestDatabase.connect(); var st = c.prepareStatement(
                "SELECT id FROM account WHERE username = ?")) {
            st.setString(1, username);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static Timestamp ts(String localTime) {
        return Timestamp.from(local(localTime));
    }

    private static JsonObject payer(JsonObject advances, String id) {
        return advances.getJsonArray("payers").stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("payerId").equals(id)).findFirst().orElseThrow();
    }

    private static void assertNear(long expected, long actual) {
        assertTrue(Math.abs(expected - actual) <= 120, "expected about " + expected + ", got "
                + actual);
    }

    private static void assertMetric(String text, String series, double expected) {
        assertEquals(expected, value(text, series), series);
    }

    private static double value(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError(series + " not in /metrics:\n" + text.lines()
                .filter(l -> l.startsWith("anxing_")).reduce("", (a, b) -> a + b + "\n"));
    }
}
