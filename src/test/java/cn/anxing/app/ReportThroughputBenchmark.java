package cn.anxing.app;

import cn.anxing.testing.Api;
import cn.anxing.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * BENCHMARKS.md section 9: report creation ({@code POST /api/v1/accidents}) against one and
 * against three instances of the packaged jar on one PostgreSQL, closed loop and open loop at
 * half the closed loop's rate, beside pgbench running the server's INSERT of the case row on the
 * same PostgreSQL, and wrk's closed loop against one instance, all in one run. Loopback only,
 * bounded in time; needs {@code target/anxing.jar}, {@code pgbench} and (for its row)
 * {@code wrk} on the PATH.
 *
 * <pre>
 * mvn -B -o -q -Dskip.frontend -DskipTests package
 * mvn -B -o -q -Dskip.frontend test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=cn.anxing.app.ReportThroughputBenchmark -Dexec.args="15 16 8"
 * </pre>
 * Arguments: seconds per phase, closed-loop users, DATABASE_POOL_SIZE of each instance, and
 * optionally {@code pinned}: instance 1 alone on CPU 1 ({@code taskset -c 1}), and this JVM (the
 * load generator), PostgreSQL, pgbench, wrk and instances 2 and 3 on CPU 0, so the one-instance
 * phases show the server on a core of its own (Linux with {@code taskset}, two cores or more).
 */
public final class ReportThroughputBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8)).build();
    /** The instances' JVM options: {@code -Dbench.jvm="..."}, else the README's. */
    private static final String JVM_OPTIONS = System.getProperty("bench.jvm", "-Xmx512m");
    private static final AtomicInteger PLATES = new AtomicInteger();
    private static final String PLATE_CHARACTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    private static final AtomicInteger FIRST_ERROR = new AtomicInteger();

    private ReportThroughputBenchmark() {
    }

    /** One phase's figures. */
    record Result(String name, long requests, long errors, double seconds, long[] micros) {

        double throughput() {
            return requests / seconds;
        }

        double percentile(double p) {
            if (micros.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * micros.length) - 1;
            return micros[Math.max(0, Math.min(micros.length - 1, index))] / 1000.0;
        }

        String row() {
            return String.format("| %s | %d | %d | %.0f /s | %.1f ms | %.1f ms | %.1f ms |"
                    + " %.1f ms |", name, requests, errors, throughput(), percentile(50),
                    percentile(90), percentile(99), percentile(100));
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int poolSize = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        boolean pinned = args.length > 3 && args[3].equals("pinned");
        if (pinned) {
            // every thread of this JVM now; PostgreSQL, pgbench, wrk and instances 2 and 3
            // inherit it as its children
            taskset("-a", "-p", "-c", "0", String.valueOf(ProcessHandle.current().pid()));
        }
        Path dirs = Files.createTempDirectory("anxing-throughput");
        TestDatabase.reset();
        String url = TestDatabase.url();
        List<JarInstance> instances = new ArrayList<>();
        try {
            Map<String, String> env = Map.of("DATABASE_POOL_SIZE", String.valueOf(poolSize),
                    "OTP_PER_ADDRESS_PER_HOUR", "100000", "OTP_MIN_INTERVAL_SECONDS", "0");
            for (int n = 1; n <= 3; n++) {
                List<String> launcher = pinned && n == 1 ? List.of("taskset", "-c", "1")
                        : List.of();
                List<String> jvm = new ArrayList<>(List.of(JVM_OPTIONS.split(" ")));
                // wall-clock times, to set the pauses beside the slow answers
                jvm.add("-Xlog:gc:file=" + dirs.resolve("gc-" + n + ".log") + ":time,uptime");
                instances.add(JarInstance.start(n, dirs, url, env, launcher,
                        jvm.toArray(String[]::new)));
            }
            System.out.println("instances run with " + JVM_OPTIONS);
            if (pinned) {
                System.out.println("pinned: instance 1 on CPU 1; the generator, PostgreSQL,"
                        + " pgbench, wrk and instances 2 and 3 on CPU 0");
            }
            for (JarInstance instance : instances) {
                instance.awaitHealthy(Duration.ofMinutes(3));
            }
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                tokens.add(instances.get(0).api().phone("1361" + (1_000_000 + i)).token());
            }
            String reporter = scalarText("SELECT id::text FROM account WHERE phone IS NOT NULL"
                    + " ORDER BY created_at DESC LIMIT 1");
            List<JarInstance> one = List.of(instances.get(0));

            closed("warm-up", one, tokens, 5);
            closed("warm-up", instances, tokens, 5);
            List<Result> results = new ArrayList<>();
            List<String> tails = new ArrayList<>();
            String before = metrics(instances.get(0));
            Result closedOne = closed("closed loop, 1 instance", one, tokens, seconds);
            results.add(closedOne);
            String afterClosed = metrics(instances.get(0));
            poolWaits("closed loop, 1 instance", before, afterClosed);
            tails.add("closed loop, 1 instance, " + serverTail(before, afterClosed));
            long[] cpuBefore = cpuTimes();
            String database;
            try (DatabaseActivity activity = DatabaseActivity.start()) {
                results.add(open("open loop at half, 1 instance", one, tokens, seconds,
                        closedOne.throughput() / 2));
                database = activity.summary();
            }
            tails.add("open loop at half, 1 instance, " + serverTail(afterClosed,
                    metrics(instances.get(0))) + "; the machine: " + cpuUse(cpuBefore,
                    cpuTimes()) + "; " + database);
            Result closedThree = closed("closed loop, 3 instances", instances, tokens, seconds);
            results.add(closedThree);
            results.add(open("open loop at half, 3 instances", instances, tokens, seconds,
                    closedThree.throughput() / 2));
            String wrk = wrk(instances.get(0), tokens, seconds, dirs);
            String pgClosed = pgbench(url, reporter, poolSize, seconds, 0, dirs, "pg-closed");
            double pgRate = Double.parseDouble(pgClosed.replaceAll("(?s).*tps = ([0-9.]+).*",
                    "$1"));
            String pgOpen = pgbench(url, reporter, poolSize, seconds, pgRate / 2, dirs,
                    "pg-open");
            // the database alone at the rate the reports were offered: its own tail (the commit
            // waits for the WAL on disk) under the same load the server put on it
            double reportRate = closedOne.throughput() / 2;
            String pgAtReports = pgbench(url, reporter, poolSize, seconds, reportRate, dirs,
                    "pg-reports");

            System.out.println();
            System.out.println("| phase | requests | errors | throughput | p50 | p90 | p99 |"
                    + " max |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            results.forEach(r -> System.out.println(r.row()));
            if (!wrk.isEmpty()) {
                System.out.println(wrk);
            }
            System.out.println(pgRow("pgbench, " + poolSize + " clients, closed loop", pgClosed,
                    dirs, seconds, "pg-closed"));
            System.out.println(pgRow("pgbench, " + poolSize + " clients, open loop at half",
                    pgOpen, dirs, seconds, "pg-open"));
            System.out.println(pgRow(String.format("pgbench, %d clients, open loop at the"
                    + " reports' %.0f /s", poolSize, reportRate), pgAtReports, dirs, seconds,
                    "pg-reports"));
            System.out.println();
            tails.forEach(System.out::println);
            System.out.printf("%nreport creation / pgbench INSERT: 1 instance %.2f, 3 instances"
                    + " %.2f%n", closedOne.throughput() / pgRate,
                    closedThree.throughput() / pgRate);
            sizes(instances.get(1), tokens.get(0));
            for (JarInstance instance : instances) {
                String log = instance.logText();
                System.out.printf("instance %d: 'Promise already completed' %d times,"
                        + " blocked-thread warnings %d, GC pauses %s%n", instance.number(),
                        count(log, "Promise already completed"), count(log, "has been blocked for"),
                        gcSummary(dirs.resolve("gc-" + instance.number() + ".log")));
            }
        } finally {
            for (JarInstance instance : instances) {
                instance.stop();
            }
        }
        System.exit(0);
    }

    private static void taskset(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("taskset"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("taskset failed: " + out);
        }
    }

    private static Result closed(String name, List<JarInstance> targets, List<String> tokens,
            int seconds) throws Exception {
        System.out.println(Instant.now() + " " + name + " starts");
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        ExecutorService users = Executors.newFixedThreadPool(tokens.size());
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int i = 0; i < tokens.size(); i++) {
            JarInstance target = targets.get(i % targets.size());
            String token = tokens.get(i);
            users.submit(() -> {
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> r = HTTP.send(report(target, token),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 201) {
                            errors.incrementAndGet();
                            firstError(r, null);
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError(null, e);
                    }
                    latencies.add((System.nanoTime() - sent) / 1000);
                }
            });
        }
        users.shutdown();
        users.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        return result(name, latencies, errors.get(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Requests at a fixed rate whatever the answers do; latency counts from when the request was
     * due, so a stall shows in every request it held up (no coordinated omission).
     */
    private static Result open(String name, List<JarInstance> targets, List<String> tokens,
            int seconds, double rate) throws Exception {
        System.out.println(Instant.now() + " " + name + " starts");
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        // how many answers over 50 ms were due in each second of the phase: a stall shows as one
        // second's many, a slow path as a few in every second
        AtomicIntegerArray slowBySecond = new AtomicIntegerArray(seconds + 1);
        AtomicLong errors = new AtomicLong();
        AtomicInteger outstanding = new AtomicInteger();
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long total = (long) (rate * seconds);
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            JarInstance target = targets.get((int) (i % targets.size()));
            String token = tokens.get((int) (i % tokens.size()));
            outstanding.incrementAndGet();
            HTTP.sendAsync(report(target, token), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> {
                        if (e != null || r.statusCode() != 201) {
                            errors.incrementAndGet();
                            firstError(r, e);
                        }
                        long micros = (System.nanoTime() - due) / 1000;
                        latencies.add(micros);
                        if (micros > 50_000) {
                            slowBySecond.incrementAndGet((int) Math.min(seconds,
                                    (due - start) / 1_000_000_000L));
                        }
                        outstanding.decrementAndGet();
                    });
        }
        long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (outstanding.get() > 0 && System.nanoTime() < drain) {
            Thread.sleep(10);
        }
        System.out.println(Instant.now() + " " + name + ": answers over 50 ms by second due: "
                + slowBySecond);
        return result(String.format("%s (%.0f /s offered)", name, rate), latencies,
                errors.get(), (System.nanoTime() - start) / 1e9);
    }

    private static HttpRequest report(JarInstance target, String token) {
        String serial = serial(PLATES.getAndIncrement());
        // fresh plates: the repeated-report query runs and finds nothing, as for most reports
        String body = new JsonObject().put("lat", 28.29663).put("lon", 117.20555)
                .put("plates", new JsonArray().add("浙F" + serial).add("浙G" + serial))
                .put("weather", "SUNNY").put("accidentForm", "REAR_END_COLLISION").encode();
        return HttpRequest.newBuilder(URI.create(target.baseUrl() + "/api/v1/accidents"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Five plate characters for n: distinct for the first 34^5 reports. */
    private static String serial(int n) {
        var serial = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            serial.append(PLATE_CHARACTERS.charAt(n % PLATE_CHARACTERS.length()));
            n /= PLATE_CHARACTERS.length();
        }
        return serial.toString();
    }

    private static void firstError(HttpResponse<String> r, Throwable e) {
        if (FIRST_ERROR.getAndIncrement() == 0) {
            System.out.println("first error: " + (e != null ? e : r.statusCode() + " " + r.body()));
        }
    }

    private static Result result(String name, ConcurrentLinkedQueue<Long> latencies, long errors,
            double seconds) {
        long[] micros = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(micros);
        return new Result(name, micros.length, errors, seconds, micros);
    }

    /**
     * wrk (4.1, closed loop) against one instance with as many connections as users: a second
     * generator, in C, beside the Java one, so the figures do not depend on the JDK's HTTP
     * client. Each connection's thread takes its own sign-in token and numbers its own plates
     * (浙H/浙J, apart from the Java phases' 浙F/浙G), so every report is a fresh one. Skipped,
     * with a line saying so, when wrk is not on the PATH.
     */
    private static String wrk(JarInstance target, List<String> tokens, int seconds, Path dirs)
            throws Exception {
        Path script = dirs.resolve("report.lua");
        var tokenList = new StringBuilder();
        tokens.forEach(t -> tokenList.append('"').append(t).append("\",\n"));
        Files.writeString(script, """
                local tokens = {
                %s}
                local chars = "%s"
                local counter = 0
                local threads = 0
                function setup(thread)
                  threads = threads + 1
                  thread:set("id", threads)
                end
                function init(args)
                  token = tokens[((id - 1) %% #tokens) + 1]
                end
                local function serial(n)
                  local s = ""
                  for i = 1, 5 do
                    local k = n %% #chars
                    s = s .. chars:sub(k + 1, k + 1)
                    n = math.floor(n / #chars)
                  end
                  return s
                end
                function request()
                  counter = counter + 1
                  local plate = serial(id * 1000000 + counter)
                  local body = '{"lat":28.29663,"lon":117.20555,"plates":["浙H' .. plate
                    .. '","浙J' .. plate .. '"],"weather":"SUNNY",'
                    .. '"accidentForm":"REAR_END_COLLISION"}'
                  return wrk.format("POST", "/api/v1/accidents", {
                    ["Authorization"] = "Bearer " .. token,
                    ["Content-Type"] = "application/json; charset=utf-8"}, body)
                end
                function done(summary, latency, requests)
                  local errors = summary.errors.connect + summary.errors.read
                    + summary.errors.write + summary.errors.status + summary.errors.timeout
                  io.write(string.format(
                    "| wrk, %%d connections, closed loop, 1 instance | %%d | %%d | %%.0f /s |"
                    .. " %%.1f ms | %%.1f ms | %%.1f ms | %%.1f ms |\\n", %d,
                    summary.requests, errors, summary.requests / (summary.duration / 1e6),
                    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
                    latency:percentile(99) / 1000, latency.max / 1000))
                end
                """.formatted(tokenList, PLATE_CHARACTERS, tokens.size()));
        Process process;
        try {
            process = new ProcessBuilder("wrk", "-t", "2", "-c", String.valueOf(tokens.size()),
                    "-d", seconds + "s", "--timeout", "30s", "-s", script.toString(),
                    target.baseUrl()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            System.out.println("wrk is not on the PATH (apt-get install wrk): its row is left out");
            return "";
        }
        String out = new String(process.getInputStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor(seconds + 60L, TimeUnit.SECONDS);
        System.out.println(out);
        return out.lines().filter(l -> l.startsWith("| wrk")).findFirst().orElse("");
    }

    /** pgbench with the server's INSERT of a case row; {@code rate} 0: as fast as it goes. */
    private static String pgbench(String url, String reporter, int clients, int seconds,
            double rate, Path dirs, String log) throws Exception {
        var options = io.vertx.pgclient.PgConnectOptions.fromUri(url);
        Path script = dirs.resolve("insert-case.sql");
        // AccidentRepository.INSERT_CASE with the values a report gives it
        Files.writeString(script, """
                INSERT INTO accident_case (share_code, state, reporter_id, occurred_at, lat, lon,
                    road_lat, road_lon, road_name, road_class, expressway, weather, accident_form,
                    plates)
                VALUES (upper(substr(md5(random()::text || clock_timestamp()::text), 1, 10)),
                    'DRAFT', :reporter, now(), 28.29663, 117.20555, 28.2966, 117.2055,
                    '贵溪大道', 'primary', false, 'SUNNY', 'REAR_END_COLLISION',
                    ARRAY['浙F' || :client_id, '浙G' || :client_id])
                RETURNING id;
                """);
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared",
                "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf(seconds),
                "-f", script.toString(), "-D", "reporter=" + reporter, "-l",
                "--log-prefix=" + dirs.resolve(log),
                "-h", options.getHost(), "-p", String.valueOf(options.getPort()),
                "-U", options.getUser(), options.getDatabase()));
        if (rate > 0) {
            command.addAll(List.of("-R", String.format("%.0f", rate)));
        }
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", options.getPassword());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor(seconds + 60L, TimeUnit.SECONDS);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed: " + out);
        }
        System.out.println(out);
        return out;
    }

    /** The pgbench run's row, latencies from its per-transaction log (microseconds, 3rd field). */
    private static String pgRow(String name, String output, Path dirs, int seconds,
            String prefix) throws Exception {
        List<Long> all = new ArrayList<>();
        try (var files = Files.list(dirs)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] fields = line.trim().split("\\s+");
                    // with -R pgbench counts this from when the transaction was due (its
                    // schedule lag included), as the open loop above does
                    all.add(Long.parseLong(fields[2]));
                }
            }
        }
        long[] micros = all.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(micros);
        long failed = output.contains("number of failed transactions: ")
                ? Long.parseLong(output.replaceAll("(?s).*number of failed transactions: (\\d+).*",
                "$1")) : 0;
        return new Result(name, micros.length, failed, seconds, micros).row();
    }

    /**
     * What the database holds after the run, for docs/capacity.md: a few cases get their five
     * photos (distinct 1600x1200 JPEGs, so none is deduplicated), then each table's rows and
     * bytes (heap, indexes and TOAST) are printed.
     */
    private static void sizes(JarInstance instance, String token) throws Exception {
        Api driver = instance.api().as(token);
        java.util.Random random = new java.util.Random(16);
        for (int c = 0; c < 4; c++) {
            String caseId = new JsonObject(HTTP.send(report(instance, token),
                    HttpResponse.BodyHandlers.ofString()).body()).getString("id");
            driver.post("/api/v1/accidents/" + caseId + "/checklist", new JsonObject()
                    .put("anyoneInjured", false).put("vehiclesDrivable", true)
                    .put("allInsured", true).put("drinkOrDrugs", false).put("facilityHit", false)
                    .put("hazardousGoods", false));
            for (String slot : List.of("panorama-front", "panorama-rear", "collision-point",
                    "plate-1", "plate-2")) {
                Api.Reply r = driver.send("PUT", "/api/v1/accidents/" + caseId + "/photos/"
                        + slot, photo(random), "image/jpeg",
                        Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
                if (r.status() != 201) {
                    System.out.println("photo upload: " + r);
                }
            }
        }
        System.out.println();
        System.out.println("| table | rows | total bytes | bytes per row |");
        System.out.println("|---|---|---|---|");
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("ANALYZE");
            try (ResultSet rs = st.executeQuery("""
                    SELECT relname, n_live_tup, pg_total_relation_size(relid)
                    FROM pg_stat_user_tables WHERE n_live_tup > 0
                    ORDER BY pg_total_relation_size(relid) DESC LIMIT 14""")) {
                while (rs.next()) {
                    System.out.printf("| %s | %d | %d | %d |%n", rs.getString(1), rs.getLong(2),
                            rs.getLong(3), rs.getLong(3) / Math.max(1, rs.getLong(2)));
                }
            }
            try (ResultSet rs = st.executeQuery("""
                    SELECT (SELECT avg(pg_column_size(a.*)) FROM accident_case a),
                           (SELECT avg(pg_column_size(p.*)) FROM accident_party p),
                           (SELECT avg(size_bytes) FROM photo_blob),
                           (SELECT sum(size_bytes) FROM photo_blob),
                           pg_total_relation_size('photo_blob')""")) {
                rs.next();
                System.out.printf("row sizes: accident_case %.0f B, accident_party %.0f B; photos"
                        + " %.0f B each, %d B of photos take %d B in photo_blob%n",
                        rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getLong(4),
                        rs.getLong(5));
            }
        }
    }

    /** A 1600x1200 JPEG of random blocks: about what a phone's photo weighs after its own JPEG. */
    private static byte[] photo(java.util.Random random) throws Exception {
        var image = new java.awt.image.BufferedImage(1600, 1200,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 1200; y += 4) {
            for (int x = 0; x < 1600; x += 4) {
                int rgb = random.nextInt(0x1000000);
                for (int dy = 0; dy < 4; dy++) {
                    for (int dx = 0; dx < 4; dx++) {
                        image.setRGB(x + dx, y + dy, rgb);
                    }
                }
            }
        }
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static String metrics(JarInstance instance) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Where a request's time went on the server during a phase: waiting for a pooled connection
     * (the SQL pool's queue), HTTP request time, and GC pauses, as differences of the Prometheus
     * counters before and after it.
     */
    private static void poolWaits(String phase, String before, String after) {
        System.out.printf("%s, server side: SQL pool wait %s; HTTP server %s; GC pause %s%n", phase,
                delta(before, after, "vertx_pool_queue_time_seconds", "sql"),
                delta(before, after, "vertx_http_server_response_time_seconds", ""),
                delta(before, after, "jvm_gc_pause_seconds", ""));
    }

    /**
     * The server's own answer times in a phase, from its response-time histogram: the share
     * within 50 ms and the bound the 99th percentile lies under. What the server did, apart
     * from the generator and the machine around it.
     */
    private static String serverTail(String before, String after) {
        TreeMap<Double, Double> a = buckets(after);
        TreeMap<Double, Double> b = buckets(before);
        double total = a.getOrDefault(Double.POSITIVE_INFINITY, 0.0)
                - b.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        if (total <= 0) {
            return "server side: no answers counted";
        }
        double within50 = a.getOrDefault(0.05, 0.0) - b.getOrDefault(0.05, 0.0);
        String p99 = "over 5 s";
        for (var bound : a.entrySet()) {
            double n = bound.getValue() - b.getOrDefault(bound.getKey(), 0.0);
            if (n >= 0.99 * total) {
                p99 = bound.getKey().isInfinite() ? "over 5 s"
                        : "under " + Math.round(bound.getKey() * 1000) + " ms";
                break;
            }
        }
        return String.format("server side: %.0f answers, %.1f %% within 50 ms, p99 %s", total,
                within50 / total * 100, p99);
    }

    /** The machine's CPU times from /proc/stat: user, nice, system, idle, iowait, irq, ... */
    private static long[] cpuTimes() throws Exception {
        Path stat = Path.of("/proc/stat");
        if (!Files.exists(stat)) {
            return new long[0];
        }
        String[] fields = Files.readAllLines(stat).get(0).trim().split("\\s+");
        long[] times = new long[fields.length - 1];
        for (int i = 1; i < fields.length; i++) {
            times[i - 1] = Long.parseLong(fields[i]);
        }
        return times;
    }

    /** Busy, waiting for the disk and stolen by the hypervisor, as shares of all cores' time. */
    private static String cpuUse(long[] before, long[] after) {
        if (before.length < 8 || after.length < 8) {
            return "no /proc/stat";
        }
        long[] d = new long[8];
        long total = 0;
        for (int i = 0; i < 8; i++) {
            d[i] = after[i] - before[i];
            total += d[i];
        }
        return String.format("CPU busy %.0f %%, iowait %.0f %%, steal %.0f %%",
                100.0 * (total - d[3] - d[4]) / total, 100.0 * d[4] / total,
                100.0 * d[7] / total);
    }

    /** Cumulative counts of the response-time histogram by bound (seconds), all labels summed. */
    private static TreeMap<Double, Double> buckets(String text) {
        var buckets = new TreeMap<Double, Double>();
        var line = Pattern.compile(
                "vertx_http_server_response_time_seconds_bucket\\{.*le=\"([^\"]+)\".*} (\\S+)");
        for (String l : text.split("\n")) {
            var m = line.matcher(l);
            if (m.matches()) {
                double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY
                        : Double.parseDouble(m.group(1));
                buckets.merge(le, Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return buckets;
    }

    private static String delta(String before, String after, String metric, String tag) {
        double[] b = sumCount(before, metric, tag);
        double[] a = sumCount(after, metric, tag);
        double count = a[1] - b[1];
        double sum = a[0] - b[0];
        return count <= 0 ? "(none)" : String.format("%.0f times, mean %.2f ms, total %.0f ms",
                count, sum / count * 1000, sum * 1000);
    }

    private static double[] sumCount(String text, String metric, String tag) {
        double sum = 0;
        double count = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.contains(tag)) {
                continue;
            }
            String value = line.substring(line.lastIndexOf(' ') + 1);
            if (line.startsWith(metric + "_sum")) {
                sum += Double.parseDouble(value);
            } else if (line.startsWith(metric + "_count")) {
                count += Double.parseDouble(value);
            }
        }
        return new double[] {sum, count};
    }

    private static long count(String text, String needle) {
        long n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String gcSummary(Path gcLog) throws Exception {
        if (!Files.exists(gcLog)) {
            return "(no log)";
        }
        List<Double> pauses = new ArrayList<>();
        for (String line : Files.readAllLines(gcLog)) {
            var m = Pattern.compile("Pause.* ([0-9.]+)ms$").matcher(line);
            if (m.find()) {
                pauses.add(Double.parseDouble(m.group(1)));
            }
        }
        return String.format("%d, longest %.1f ms, total %.0f ms", pauses.size(),
                pauses.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                pauses.stream().mapToDouble(Double::doubleValue).sum());
    }

    private static String scalarText(String sql) throws Exception {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
