package cn.anxing.bus.solver;

import cn.anxing.bus.solver.check.LewisChecker;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code sbrp} through the real jar on each real-road instance, one after the other, with
 * one processor for the JVM, checks every answer with {@link LewisChecker}, and writes the table
 * of BENCHMARKS.md §7 with the published figures and the time to quality from the trace.
 *
 * <pre>
 * mvn -o -q -B -Dskip.frontend=true package -DskipTests
 * mvn -o -q -B -Dskip.frontend=true exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=cn.anxing.bus.solver.LewisBenchmark \
 *     -Dexec.args="--seconds 60 --out target/lewis-benchmark.md"
 * </pre>
 * Options: {@code --dir} (default ../shared/bench/sbrp/lewis; every {@code .bus} file in it),
 * {@code --jar} (default target/anxing.jar), {@code --seed N} (default 1).
 */
public final class LewisBenchmark {

    /** Sciortino, Lewis and Thompson (2023), Table 3: best total journey time, minutes. */
    static final Map<String, Double> PUBLISHED_MINUTES = Map.of("Mgarr", 53.17,
            "Porthcawl", 26.87, "Qrendi", 74.70, "Senglea", 68.37, "Suffolk", 114.73);

    private LewisBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = 60;
        Path dir = Path.of("../shared/bench/sbrp/lewis");
        Path jar = Path.of("target/anxing.jar");
        Path out = Path.of("target/lewis-benchmark.md");
        long seed = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--jar" -> jar = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".bus")).sorted().toList();
        }
        StringBuilder table = new StringBuilder();
        table.append("| instance | stops | addresses | students | buses | lower bound | total"
                + " journey (min) | published (min) | ratio | checker | seconds | first"
                + " feasible s | within 5% s | within 1% s |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
        for (Path file : files) {
            LewisInstance inst = LewisInstance.read(file);
            long started = System.nanoTime();
            Process process = new ProcessBuilder("java", "-XX:ActiveProcessorCount=1", "-jar",
                    jar.toString(), "sbrp", "--instance", file.toString(), "--seconds",
                    Double.toString(seconds), "--seed", Long.toString(seed), "--trace").start();
            byte[] stderr;
            String stdout;
            try (var in = process.getInputStream(); var err = process.getErrorStream()) {
                var errBytes = new java.io.ByteArrayOutputStream();
                Thread drain = new Thread(() -> {
                    try {
                        err.transferTo(errBytes);
                    } catch (IOException ignored) {
                        // the process ended
                    }
                });
                drain.start();
                stdout = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                drain.join();
                stderr = errBytes.toByteArray();
            }
            if (!process.waitFor((long) seconds + 30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(file + ": sbrp failed: "
                        + new String(stderr, StandardCharsets.UTF_8));
            }
            double wall = (System.nanoTime() - started) / 1e9;
            JsonObject answer = new JsonObject(stdout);
            LewisChecker.Verdict verdict = LewisChecker.check(inst, answer.encode(), inst.busSizes());
            double total = verdict.totalJourneySeconds();
            double[] ttq = timeToQuality(new String(stderr, StandardCharsets.UTF_8),
                    inst.totalStudents(), verdict.buses(), total);
            Double published = PUBLISHED_MINUTES.get(inst.name());
            table.append(String.format(Locale.ROOT,
                    "| %s | %d | %d | %d | %d | %d | %.2f | %s | %s | %s | %.2f | %.2f | %.2f |"
                            + " %.2f |%n", inst.name(), inst.stopCount() - 1,
                    inst.students().length, inst.totalStudents(), verdict.buses(),
                    verdict.busesLowerBound(), total / 60,
                    published == null ? "–" : String.format(Locale.ROOT, "%.2f", published),
                    published == null ? "–" : String.format(Locale.ROOT, "%.4f",
                            total / 60 / published),
                    verdict.feasible() ? "accepted" : "REJECTED " + verdict.violations(),
                    wall, ttq[0], ttq[1], ttq[2]));
            System.out.print(table.substring(table.lastIndexOf("\n| ", table.length() - 2) + 1));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table.toString());
        System.out.println(table);
    }

    /**
     * From the trace lines {@code trace MILLIS BUSES SERVED COST}: seconds to the first plan
     * serving everyone, and to the first on the final number of buses within 5 % and 1 % of the
     * final total journey time (the search's cost plus 5 s per student).
     */
    static double[] timeToQuality(String trace, int students, int buses, double finalTotal) {
        double[] at = {Double.NaN, Double.NaN, Double.NaN};
        for (String line : trace.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length != 5 || !f[0].equals("trace")) {
                continue;
            }
            double t = Long.parseLong(f[1]) / 1000.0;
            int b = Integer.parseInt(f[2]);
            int served = Integer.parseInt(f[3]);
            double total = Double.parseDouble(f[4]) + LewisInstance.DWELL_PER_STUDENT * served;
            if (served < students) {
                continue;
            }
            if (Double.isNaN(at[0])) {
                at[0] = t;
            }
            if (b == buses && total <= finalTotal * 1.05 + 1e-6 && Double.isNaN(at[1])) {
                at[1] = t;
            }
            if (b == buses && total <= finalTotal * 1.01 + 1e-6 && Double.isNaN(at[2])) {
                at[2] = t;
            }
        }
        return at;
    }
}
