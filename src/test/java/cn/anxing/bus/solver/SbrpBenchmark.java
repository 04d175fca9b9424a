package cn.anxing.bus.solver;

import cn.anxing.bus.solver.check.SbrpChecker;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Runs our {@code sbrp} command (through the real jar, JVM start included) and the jsprit peer on
 * every instance, one after the other, checks both answers with {@link SbrpChecker}, computes the
 * optimum of the instances with at most {@code --exact-up-to} stops, and writes a Markdown table.
 *
 * <pre>
 * mvn -o -q -B -Dskip.frontend=true package -DskipTests
 * mvn -o -q -B -Dskip.frontend=true exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=cn.anxing.bus.solver.SbrpBenchmark \
 *     -Dexec.args="--seconds 10 --out target/sbrp-benchmark.md"
 * </pre>
 * Options: {@code --dir} (default ../shared/bench/sbrp/schittekat), {@code --jar} (default
 * target/anxing.jar), {@code --match REGEX} on the instance name, {@code --seed N} (default 1),
 * {@code --exact-up-to M} (default 10).
 */
public final class SbrpBenchmark {

    record Row(String name, int stops, int students, double ours, double oursSeconds,
               boolean oursFeasible, double peer, double peerSeconds, boolean peerFeasible,
               double optimum) {

        double ratio() {
            return ours / peer;
        }
    }

    private SbrpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(ch.qos.logback.classic.Level.WARN);
        double seconds = 10;
        Path dir = Path.of("../shared/bench/sbrp/schittekat");
        Path jar = Path.of("target/anxing.jar");
        Path out = Path.of("target/sbrp-benchmark.md");
        String match = ".*";
        long seed = 1;
        int exactUpTo = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--jar" -> jar = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--match" -> match = args[i + 1];
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--exact-up-to" -> exactUpTo = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            String pattern = match;
            files = list.filter(p -> p.toString().endsWith(".xpress"))
                    .filter(p -> p.getFileName().toString().matches(pattern + ".*"))
                    .sorted(Comparator.comparingInt(SbrpBenchmark::number)).toList();
        }
        List<Row> rows = new ArrayList<>();
        for (Path file : files) {
            SchittekatInstance inst = SchittekatInstance.read(file);
            JsonObject ours = runJar(jar, file, seconds, seed);
            String line = ours.getString("line");
            SbrpChecker.Verdict ourVerdict = SbrpChecker.check(inst, SbrpChecker.parseRoutes(line),
                    SbrpChecker.parseInts(SbrpChecker.field(line, "assignment")));
            boolean ourClaimAgrees = Math.abs(ourVerdict.objective()
                    - ours.getDouble("objective")) <= 1e-6;
            JspritPeer.Answer peer = JspritPeer.solve(inst, seconds, seed);
            SbrpChecker.Verdict peerVerdict = SbrpChecker.check(inst, peer.routes(),
                    peer.assignment());
            boolean peerFeasible = peerVerdict.feasible() && peer.unassignedStops() == 0;
            double optimum = inst.stops().length <= exactUpTo
                    ? ExactSbrp.solve(inst).cost() : Double.NaN;
            Row row = new Row(inst.name(), inst.stops().length, inst.students().length,
                    ourVerdict.objective(), ours.getDouble("wall"),
                    ourVerdict.feasible() && ourClaimAgrees, peerVerdict.objective(),
                    peer.seconds(), peerFeasible, optimum);
            rows.add(row);
            System.out.printf(Locale.ROOT, "%-32s ours %10.4f %5.2fs %s | jsprit %10.4f %5.2fs %s"
                            + " | ratio %.4f | opt %s%n", row.name(), row.ours(),
                    row.oursSeconds(), row.oursFeasible() ? "ok" : "INFEASIBLE " + ourVerdict
                            .violations().stream().limit(3).toList(), row.peer(),
                    row.peerSeconds(), row.peerFeasible() ? "ok" : "INFEASIBLE", row.ratio(),
                    Double.isNaN(optimum) ? "-" : String.format(Locale.ROOT, "%.4f", optimum));
            Files.writeString(out, table(rows, seconds), StandardCharsets.UTF_8);
        }
        System.out.print(summary(rows));
    }

    private static int number(Path p) {
        String name = p.getFileName().toString();
        return Integer.parseInt(name.substring(4, name.indexOf('-')));
    }

    private static JsonObject runJar(Path jar, Path file, double seconds, long seed)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder("java", "-jar", jar.toString(), "sbrp",
                "--instance", file.toString(), "--seconds", Double.toString(seconds),
                "--seed", Long.toString(seed))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor((long) seconds + 30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("sbrp failed on " + file);
        }
        double wall = (System.nanoTime() - started) / 1e9;
        String text = new String(output, StandardCharsets.UTF_8).trim();
        String line = text.substring(text.lastIndexOf('\n') + 1);
        return new JsonObject(line).put("wall", wall).put("line", line);
    }

    static String table(List<Row> rows, double seconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Time limit %.0f s per instance for each solver;"
                + " our time is the wall clock of the whole `java -jar` run.%n%n", seconds));
        out.append("| instance | stops | students | ours | jsprit | ours/jsprit | ours s | jsprit s"
                + " | ours feasible | jsprit feasible | optimum | ours at optimum |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---|\n");
        for (Row r : rows) {
            boolean known = !Double.isNaN(r.optimum());
            out.append(String.format(Locale.ROOT,
                    "| %s | %d | %d | %.4f | %.4f | %.4f | %.2f | %.2f | %s | %s | %s | %s |%n",
                    r.name(), r.stops(), r.students(), r.ours(), r.peer(), r.ratio(),
                    r.oursSeconds(), r.peerSeconds(), r.oursFeasible() ? "yes" : "**NO**",
                    r.peerFeasible() ? "yes" : "no", known ? String.format(Locale.ROOT, "%.4f",
                            r.optimum()) : "–",
                    known ? (r.ours() <= r.optimum() + 1e-6 ? "yes" : "**no**") : "–"));
        }
        out.append('\n').append(summary(rows));
        return out.toString();
    }

    static String summary(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        for (int size : new int[] {5, 10, 20, 40, 80}) {
            List<Row> group = rows.stream().filter(r -> r.stops() == size).toList();
            if (group.isEmpty()) {
                continue;
            }
            long atOptimum = group.stream().filter(r -> !Double.isNaN(r.optimum())
                    && r.ours() <= r.optimum() + 1e-6).count();
            long known = group.stream().filter(r -> !Double.isNaN(r.optimum())).count();
            long infeasible = group.stream().filter(r -> !r.oursFeasible()).count();
            out.append(String.format(Locale.ROOT, "- %d stops: %d instances; %s; ours infeasible"
                            + " %d; at optimum %d of %d%n", size, group.size(), means(group),
                    infeasible, atOptimum, known));
        }
        List<Row> large = rows.stream().filter(r -> r.stops() >= 20).toList();
        if (!large.isEmpty()) {
            out.append("- 20, 40 and 80 stops together: ").append(means(large)).append('\n');
        }
        rows.stream().filter(Row::peerFeasible).max(Comparator.comparingDouble(Row::ratio))
                .ifPresent(r -> out.append(String.format(Locale.ROOT,
                        "- worst ratio where jsprit is feasible: %s, %.4f%n", r.name(),
                        r.ratio())));
        return out.toString();
    }

    /**
     * Mean ours/jsprit over the instances where jsprit's plan is feasible (elsewhere it left
     * stops unserved, so its shorter tours are no comparison), and over all of them.
     */
    private static String means(List<Row> rows) {
        List<Row> comparable = rows.stream().filter(Row::peerFeasible).toList();
        return String.format(Locale.ROOT, "mean ours/jsprit %.4f over the %d where jsprit is"
                        + " feasible (%.4f over all %d)",
                comparable.stream().mapToDouble(Row::ratio).average().orElse(Double.NaN),
                comparable.size(), rows.stream().mapToDouble(Row::ratio).average()
                        .orElse(Double.NaN), rows.size());
    }
}
