package cn.anxing.insight;

import static cn.anxing.insight.HandMadeCases.insertCase;
import static cn.anxing.insight.HandMadeCases.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Accidents on three known roads of Guixi (guixi.osm), each point halfway between two nodes of
 * one OSM way so that exactly one graph edge holds it, at local times chosen on the edges of the
 * periods and time-of-day bands. November 2026 is counted against the 30 days before it.
 */
@DisplayName("The one traffic map counts accidents per road segment")
class InsightHotspotsTest {

    /** 水厂路 (secondary), 雄石东路 (tertiary), 沿河路 (tertiary): way id and a point on it. */
    static final Road WATERWORKS = new Road("水厂路", 313248828L, 28.2994436, 117.2426026);
    static final Road XIONGSHI = new Road("雄石东路", 331200081L, 28.2872006, 117.2212887);
    static final Road RIVERSIDE = new Road("沿河路", 331200084L, 28.2829569, 117.2096398);

    record Road(String name, long wayId, double lat, double lon) {
    }

    private static TestServer server;
    private static Api police;
    private static final List<UUID> WATERWORKS_NOVEMBER = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        police = server.api().staff("police1", "anxing-demo");
        // 水厂路: three in November, one per band but the morning, and one in October
        WATERWORKS_NOVEMBER.add(at(WATERWORKS, "2026-11-03T08:15", "AGREED"));
        WATERWORKS_NOVEMBER.add(at(WATERWORKS, "2026-11-10T18:30", "POLICE_REVIEW"));
        WATERWORKS_NOVEMBER.add(at(WATERWORKS, "2026-11-20T23:30", "CLOSED"));
        at(WATERWORKS, "2026-10-15T12:00", "CLOSED");
        // 雄石东路: 07:00 is in the morning peak, 09:00 is not; October has three
        at(XIONGSHI, "2026-11-05T07:00", "DRAFT");
        at(XIONGSHI, "2026-11-06T09:00", "DRAFT");
        at(XIONGSHI, "2026-10-20T05:59", "CLOSED");
        at(XIONGSHI, "2026-10-21T06:00", "CLOSED");
        at(XIONGSHI, "2026-10-22T22:00", "CLOSED");
        // 沿河路: the first and the last minute of November, and the first of December
        at(RIVERSIDE, "2026-11-01T00:00", "CLOSED");
        at(RIVERSIDE, "2026-11-30T23:59", "CLOSED");
        at(RIVERSIDE, "2026-12-01T00:00", "CLOSED");
        // far outside the map: counted as off the road network, on no segment
        insertCase(27.5, 116.0, local("2026-11-12T12:00"), "CLOSED");
        // what the timer does every 15 s and at start (the backfill), done now
        server.app().insight().snapNow().toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }

    private static UUID at(Road road, String localTime, String state) throws Exception {
        return insertCase(road.lat(), road.lon(), local(localTime), state);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonObject hotspots(String query) {
        Api.Reply reply = police.get("/api/v1/insight/hotspots?" + query);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    /** Road name → "count/previousCount" in ranking order. */
    private static Map<String, String> counts(JsonObject answer) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object o : answer.getJsonArray("segments")) {
            JsonObject s = (JsonObject) o;
            out.put(s.getString("roadName"), s.getLong("count") + "/" + s.getLong("previousCount"));
        }
        return out;
    }

    @Test
    @DisplayName("A month ranks the segments by count, ties by the previous period, with the change")
    void month() {
        JsonObject answer = hotspots("period=month&date=2026-11-15");
        assertEquals(new JsonObject().put("kind", "month").put("from", "2026-11-01")
                .put("to", "2026-11-30").put("days", 30), answer.getJsonObject("period"));
        assertEquals("2026-10-02", answer.getJsonObject("previousPeriod").getString("from"));
        assertEquals("2026-10-31", answer.getJsonObject("previousPeriod").getString("to"));
        assertEquals(new LinkedHashMap<>(Map.of("水厂路", "3/1", "雄石东路", "2/3", "沿河路", "2/0")),
                counts(answer));
        assertEquals(List.of("水厂路", "雄石东路", "沿河路"), List.copyOf(counts(answer).keySet()));
        assertEquals(7, answer.getLong("total"));
        assertEquals(4, answer.getLong("previousTotal"));
        assertEquals(1, answer.getLong("offRoad"));
        JsonObject first = answer.getJsonArray("segments").getJsonObject(0);
        assertEquals(1, first.getInteger("rank"));
        assertEquals(2, first.getLong("change"));
        assertEquals(2.0, first.getDouble("changeRatio"));
        JsonObject second = answer.getJsonArray("segments").getJsonObject(1);
        assertEquals(-1, second.getLong("change"));
    }

    @Test
    @DisplayName("Each segment is a graph edge of the road's OSM way, with its name and geometry")
    void segmentsAreEdgesOfTheWay() {
        JsonArray segments = hotspots("period=month&date=2026-11-15").getJsonArray("segments");
        for (Road road : List.of(WATERWORKS, XIONGSHI, RIVERSIDE)) {
            JsonObject s = segments.stream().map(JsonObject.class::cast)
                    .filter(x -> x.getString("roadName").equals(road.name())).findFirst()
                    .orElseThrow();
            assertEquals(road.wayId(), s.getLong("wayId"), s.encode());
            JsonObject geometry = s.getJsonObject("geometry");
            assertEquals("LineString", geometry.getString("type"));
            JsonArray coordinates = geometry.getJsonArray("coordinates");
            assertTrue(coordinates.size() >= 2, geometry.encode());
            // the accident lies between the line's ends (GeoJSON is [lon, lat])
            double[] lons = coordinates.stream().mapToDouble(p -> ((JsonArray) p).getDouble(0))
                    .toArray();
            double[] lats = coordinates.stream().mapToDouble(p -> ((JsonArray) p).getDouble(1))
                    .toArray();
            assertTrue(road.lon() >= min(lons) - 1e-4 && road.lon() <= max(lons) + 1e-4);
            assertTrue(road.lat() >= min(lats) - 1e-4 && road.lat() <= max(lats) + 1e-4);
        }
    }

    @ParameterizedTest(name = "{0}, band {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        "period=month&date=2026-11-15; morning; 水厂路=1/0,雄石东路=1/0",
        "period=month&date=2026-11-15; evening; 水厂路=1/0",
        "period=month&date=2026-11-15; night; 沿河路=2/0,水厂路=1/0",
        "period=day&date=2026-11-05; all; 雄石东路=1/0",
        "period=day&date=2026-11-06; morning; ''",
        "period=week&date=2026-11-05; all; 雄石东路=2/0,水厂路=1/0",
        "period=week&date=2026-11-01; all; 沿河路=1/0",
        "period=custom&from=2026-11-30&to=2026-12-01; all; 沿河路=2/0",
        "period=custom&from=2026-10-01&to=2026-10-31; night; 雄石东路=2/0",
    })
    @DisplayName("Periods and time-of-day bands (local time, from included, to not)")
    void periodsAndBands(String period, String band, String expected) {
        Map<String, String> want = new LinkedHashMap<>();
        if (!expected.isEmpty()) {
            for (String pair : expected.split(",")) {
                String[] kv = pair.split("=");
                want.put(kv[0], kv[1]);
            }
        }
        JsonObject answer = hotspots(period + "&band=" + band);
        assertEquals(want, counts(answer), answer.encode());
        // busiest first; equal counts by the previous period's, then by edge id
        List<String> ranked = List.copyOf(counts(answer).values());
        for (int i = 1; i < ranked.size(); i++) {
            long[] before = parse(ranked.get(i - 1));
            long[] after = parse(ranked.get(i));
            assertTrue(before[0] > after[0] || before[0] == after[0] && before[1] >= after[1],
                    ranked.toString());
        }
        assertEquals(band, answer.getJsonObject("band").getString("code"));
    }

    @Test
    @DisplayName("A click on a segment lists its cases in the period, newest first")
    void segmentCases() throws Exception {
        JsonObject first = hotspots("period=month&date=2026-11-15").getJsonArray("segments")
                .getJsonObject(0);
        Api.Reply reply = police.get("/api/v1/insight/segments/" + first.getInteger("edgeId")
                + "/cases?period=month&date=2026-11-15");
        assertEquals(200, reply.status(), reply.toString());
        JsonArray cases = reply.json().getJsonArray("cases");
        List<String> numbers = new ArrayList<>();
        List<String> states = new ArrayList<>();
        cases.forEach(o -> {
            numbers.add(((JsonObject) o).getString("caseNo"));
            states.add(((JsonObject) o).getString("state"));
        });
        List<String> expected = new ArrayList<>();
        for (int i = WATERWORKS_NOVEMBER.size() - 1; i >= 0; i--) {
            expected.add(HandMadeCases.caseNo(WATERWORKS_NOVEMBER.get(i)));
        }
        assertEquals(expected, numbers);
        assertEquals(List.of("CLOSED", "POLICE_REVIEW", "AGREED"), states);
        assertEquals(local("2026-11-20T23:30").toString(),
                cases.getJsonObject(0).getString("occurredAt"));
        assertEquals("水厂路", reply.json().getJsonObject("segment").getString("roadName"));
        Api.Reply evening = police.get("/api/v1/insight/segments/" + first.getInteger("edgeId")
                + "/cases?period=month&date=2026-11-15&band=evening");
        assertEquals(1, evening.json().getJsonArray("cases").size());
    }

    @Test
    @DisplayName("A case a driver reports through the API is on the map of the day at once")
    void reportedThroughTheApi() {
        Api driver = server.api().phone("13800000001");
        Api.Reply reported = driver.post("/api/v1/accidents", new JsonObject()
                .put("lat", XIONGSHI.lat()).put("lon", XIONGSHI.lon())
                .put("plates", new JsonArray().add("浙F8H001").add("浙F8H002"))
                .put("weather", "SUNNY").put("accidentForm", "REAR_END_COLLISION")
                .put("ignoreDuplicates", true));
        assertEquals(201, reported.status(), reported.toString());
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        assertEquals(Map.of("雄石东路", "1/0"), counts(hotspots("period=day&date=" + today)));
        Api.Reply open = police.get("/api/v1/insight/open-cases");
        assertEquals(200, open.status());
        assertTrue(open.json().getJsonArray("cases").stream().anyMatch(c -> ((JsonObject) c)
                .getString("caseId").equals(reported.json().getString("id"))), open.body());
    }

    @Test
    @DisplayName("A case nobody asked about is snapped by the timer, as old cases are at start")
    void timerSnapsOldCases() throws Exception {
        // reported long ago and closed: the pre-answer snap never looks at it, only the backfill
        insertCase(RIVERSIDE.lat(), RIVERSIDE.lon(), local("2025-06-15T12:00"),
                local("2025-06-15T12:10"), "CLOSED");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        Map<String, String> counts = Map.of();
        while (System.nanoTime() < deadline) {
            counts = counts(hotspots("period=month&date=2025-06-15"));
            if (!counts.isEmpty()) {
                break;
            }
            Thread.sleep(500);
        }
        assertEquals(Map.of("沿河路", "1/0"), counts);
    }

    @Test
    @DisplayName("A new report is snapped within seconds with nobody asking: not left for the full pass")
    void newReportSnappedSoon() throws Exception {
        // reported now, of an accident on a day no other test counts
        UUID id = insertCase(RIVERSIDE.lat(), RIVERSIDE.lon(), local("2024-03-03T12:00"),
                Instant.now(), "DRAFT");
        // the pass over every case comes every 15 s; the new reports' pass every 2 s
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        boolean snapped = HandMadeCases.snapped(id);
        while (!snapped && System.nanoTime() < deadline) {
            Thread.sleep(100);
            snapped = HandMadeCases.snapped(id);
        }
        assertTrue(snapped, "a new report not snapped within 5 s");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', value = {
        "period=year; period",
        "period=day&date=2026-13-01; date",
        "period=custom&to=2026-11-01; from",
        "period=custom&from=2026-11-02&to=2026-11-01; to",
        "period=custom&from=2025-01-01&to=2026-11-01; to",
        "band=noon; band",
        "limit=0; limit",
        "limit=ten; limit",
    })
    @DisplayName("Bad parameters are a 400 naming the parameter")
    void badParameters(String query, String field) {
        Api.Reply reply = police.get("/api/v1/insight/hotspots?" + query);
        assertEquals(400, reply.status(), reply.toString());
        assertEquals("VALIDATION_FAILED", reply.json().getString("code"));
        assertEquals(field, reply.json().getString("field"));
    }

    @Test
    @DisplayName("Only police and admins see the map: a driver is refused, no token is a 401")
    void access() {
        assertEquals(401, server.api().get("/api/v1/insight/hotspots").status());
        Api driver = server.api().phone("13800000002");
        assertEquals(403, driver.get("/api/v1/insight/hotspots").status());
        assertEquals(200, server.api().staff("admin", "anxing-demo")
                .get("/api/v1/insight/hotspots").status());
        assertEquals(404, police.get("/api/v1/insight/segments/999999999/cases").status());
    }

    private static long[] parse(String countSlashPrevious) {
        String[] parts = countSlashPrevious.split("/");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElseThrow();
    }
}
