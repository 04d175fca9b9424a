package cn.anxing.insight;

import cn.anxing.routing.LatLon;
import cn.anxing.routing.MapBounds;
import cn.anxing.routing.RoadLine;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestDatabase;
import cn.anxing.testing.TestServer;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The one traffic map's API under a year of accidents: generates {@code n} cases (default
 * 100,000) on the roads of the demo map (Guixi), spread over the 365 days before today with a
 * few roads much busier than the rest, snaps them (the backfill), then times last month's
 * hotspots through the API, as the page asks for them. Run from the project root:
 *
 * <pre>
 * mvn -o -q -B -Dskip.frontend=true test-compile exec:java \
 *     -Dexec.mainClass=cn.anxing.insight.InsightHotspotBenchmark -Dexec.classpathScope=test \
 *     -Dexec.args="100000 50"
 * </pre>
 *
 * Arguments: how many accidents (100000) and how many timed requests per query (50).
 */
public final class InsightHotspotBenchmark {

    private InsightHotspotBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int accidents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        try (TestServer server = TestServer.start()) {
            System.out.printf("machine: %d cores, max heap %d MB, load average %.2f%n",
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
            MapBounds b = server.app().routing().bounds();
            List<RoadLine> roads = server.app().routing().roads(b.minLat(), b.minLon(),
                    b.maxLat(), b.maxLon(), 15_000).toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            long started = System.nanoTime();
            generate(accidents, roads);
            System.out.printf("generated %d accidents over the last 365 days on %d road lines in %.1f s%n",
                    accidents, roads.size(), (System.nanoTime() - started) / 1e9);

            started = System.nanoTime();
            int snapped = server.app().insight().snapNow().toCompletionStage()
                    .toCompletableFuture().get(30, TimeUnit.MINUTES);
            System.out.printf("snapped %d cases to road segments in %.1f s%n", snapped,
                    (System.nanoTime() - started) / 1e9);
            try (Connection c = TestDatabase.connect(); var st = c.createStatement()) {
                st.execute("ANALYZE insight_case_segment");
            }

            Api police = server.api().staff("police1", "anxing-demo");
            LocalDate today = LocalDate.now(HandMadeCases.SHANGHAI);
            String month = "period=month&date=" + today.minusMonths(1).withDayOfMonth(1);
            String year = "period=custom&from=" + today.minusDays(365) + "&to="
                    + today.minusDays(1);
            time(police, "/api/v1/insight/hotspots?" + month, rounds);
            time(police, "/api/v1/insight/hotspots?" + month + "&band=morning", rounds);
            time(police, "/api/v1/insight/hotspots?" + month + "&band=night", rounds);
            time(police, "/api/v1/insight/hotspots?" + month + "&limit=2000", rounds);
            time(police, "/api/v1/insight/hotspots?" + year, rounds);
            time(police, "/api/v1/insight/dashboard?" + month, rounds);
            sqlOnly(today.minusMonths(1).withDayOfMonth(1), rounds);
        }
    }

    /** Writes the cases straight into accident_case, as the benchmark's made-up year. */
    private static void generate(int n, List<RoadLine> roads) throws Exception {
        var random = new Random(2026);
        Instant from = LocalDate.now(HandMadeCases.SHANGHAI).minusDays(365)
                .atStartOfDay(HandMadeCases.SHANGHAI).toInstant();
        long yearSeconds = 365L * 86_400;
        UUID reporter = HandMadeCases.someAccount();
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            try (var st = c.prepareStatement("""
                    INSERT INTO accident_case (share_code, state, reporter_id, occurred_at,
                        reported_at, lat, lon, weather, accident_form, plates)
                    VALUES (?, 'CLOSED', ?, ?, ?, ?, ?, 'SUNNY', 'REAR_END_COLLISION', ?)""")) {
                var plates = c.createArrayOf("text", new String[] {"浙F00000"});
                for (int i = 0; i < n; i++) {
                    // the main roads come first in the list: a cube skews towards them
                    double r = random.nextDouble();
                    RoadLine road = roads.get((int) (roads.size() * r * r * r));
                    LatLon p = road.points().get(random.nextInt(road.points().size()));
                    Instant at = from.plusSeconds((long) (random.nextDouble() * yearSeconds));
                    st.setString(1, "BENCH" + i);
                    st.setObject(2, reporter);
                    st.setTimestamp(3, Timestamp.from(at));
                    st.setTimestamp(4, Timestamp.from(at.plusSeconds(120)));
                    st.setDouble(5, p.lat());
                    st.setDouble(6, p.lon());
                    st.setArray(7, plates);
                    st.addBatch();
                    if (i % 5000 == 4999) {
                        st.executeBatch();
                    }
                }
                st.executeBatch();
            }
            c.commit();
            try (var st = c.createStatement()) {
                st.execute("ANALYZE accident_case");
            }
            c.commit();
        }
    }

    private static void time(Api api, String path, int rounds) {
        for (int i = 0; i < 5; i++) {
            check(api.get(path));
        }
        double[] ms = new double[rounds];
        long bytes = 0;
        for (int i = 0; i < rounds; i++) {
            long started = System.nanoTime();
            Api.Reply reply = api.get(path);
            ms[i] = (System.nanoTime() - started) / 1e6;
            check(reply);
            bytes = reply.body().length();
        }
        Arrays.sort(ms);
        System.out.printf("%-75s median %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%d kB)%n", path,
                ms[rounds / 2], ms[(int) Math.ceil(rounds * 0.95) - 1], ms[rounds - 1],
                bytes / 1024);
    }

    /** The month's hotspot query alone, as PostgreSQL runs it, without HTTP and JSON. */
    private static void sqlOnly(LocalDate firstOfMonth, int rounds) throws Exception {
        var zone = HandMadeCases.SHANGHAI;
        Period month = Period.of("month", firstOfMonth.toString(), null, null, firstOfMonth);
        Object[] values = {InsightRepository.utc(month.start(zone)),
            InsightRepository.utc(month.end(zone)),
            InsightRepository.utc(month.previous().start(zone)),
            InsightRepository.utc(month.start(zone)), 0, 1440, 200};
        // JDBC numbers its parameters by position: each $n becomes a ? bound to value n
        var numbered = java.util.regex.Pattern.compile("\\$(\\d+)")
                .matcher(InsightRepository.HOTSPOTS);
        List<Object> bound = new java.util.ArrayList<>();
        StringBuilder sql = new StringBuilder();
        while (numbered.find()) {
            bound.add(values[Integer.parseInt(numbered.group(1)) - 1]);
            numbered.appendReplacement(sql, "?");
        }
        numbered.appendTail(sql);
        try (Connection c = TestDatabase.connect();
                var st = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < bound.size(); i++) {
                st.setObject(i + 1, bound.get(i));
            }
            double[] ms = new double[rounds];
            for (int i = -5; i < rounds; i++) {
                long started = System.nanoTime();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        rs.getString("geometry");
                    }
                }
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - started) / 1e6;
                }
            }
            Arrays.sort(ms);
            System.out.printf("%-75s median %6.1f ms  p95 %6.1f ms  max %6.1f ms%n",
                    "SQL only: the month's hotspots (JDBC)", ms[rounds / 2],
                    ms[(int) Math.ceil(rounds * 0.95) - 1], ms[rounds - 1]);
        }
    }

    private static void check(Api.Reply reply) {
        if (reply.status() != 200) {
            throw new IllegalStateException(reply.toString());
        }
    }
}
