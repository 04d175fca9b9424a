package cn.anxing.bus;

import cn.anxing.demo.DemoAccounts;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times the demo plan (400 households, 10 buses of 45 seats on the Guixi map) through the API:
 * the travel matrices and the optimizer separately, and the memory it took. Run from the project
 * root:
 *
 * <pre>
 * mvn -o -q -B -Dskip.frontend=true test-compile exec:java \
 *     -Dexec.mainClass=cn.anxing.bus.BusPlanBenchmark -Dexec.classpathScope=test \
 *     -Dexec.args="20 3"
 * </pre>
 *
 * Arguments: the optimizer's seconds per run (default 20) and how many plans to time (3).
 */
public final class BusPlanBenchmark {

    private BusPlanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int solverSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (TestServer server = TestServer.start()) {
            BusTestSupport.awaitGraph(server.api());
            Api coordinator = server.api().staff("coord1", DemoAccounts.PASSWORD);
            JsonObject school = BusTestSupport.awaitDemoSchool(coordinator);
            System.out.printf("machine: %d cores, %s, max heap %d MB%n",
                    Runtime.getRuntime().availableProcessors(), cpuModel(),
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("demo: %d households, %d students, %d buses; solver %d s per run"
                    + " (evening and morning)%n", school.getLong("households"),
                    school.getLong("students"), school.getLong("buses"), solverSeconds);
            for (int round = 1; round <= rounds; round++) {
                long started = System.nanoTime();
                JsonObject plan = BusTestSupport.plan(coordinator, school.getString("id"),
                        new JsonObject().put("solverSeconds", solverSeconds).put("seed", round));
                double wall = (System.nanoTime() - started) / 1e9;
                JsonObject summary = plan.getJsonObject("summary");
                JsonObject timings = plan.getJsonObject("job").getJsonObject("timings");
                System.out.printf("round %d: matrix %.2f s, solve %.2f s, paths %.2f s,"
                        + " job %.1f s; %d candidate stops, %d stops; served %d/%d households"
                        + " (%d students), %d buses, evening driving %.0f s, longest ride"
                        + " %.0f s%n", round, timings.getDouble("matrixSeconds"),
                        timings.getDouble("solveSeconds"), timings.getDouble("pathsSeconds"),
                        wall, summary.getInteger("candidateStops"),
                        plan.getJsonArray("stops").size(), summary.getInteger("householdsServed"),
                        summary.getInteger("households"), summary.getInteger("studentsServed"),
                        summary.getInteger("busesUsed"),
                        summary.getDouble("eveningDrivingSeconds"),
                        summary.getDouble("longestRideSeconds"));
            }
            long peakHeap = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peakHeap += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf("memory: peak heap %d MB (sum of the heap pools' peaks), peak RSS"
                    + " %s of this JVM (the server and Maven; PostgreSQL runs in its own"
                    + " process)%n",
                    peakHeap >> 20, rss());
        }
        System.exit(0);
    }

    private static String rss() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "unknown";
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM"))
                .map(l -> l.replaceAll("VmHWM:\\s*", "")).findFirst().orElse("unknown");
    }

    private static String cpuModel() throws Exception {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.exists(info)) {
            return System.getProperty("os.arch");
        }
        return Files.readAllLines(info).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.replaceAll("model name\\s*:\\s*", "")).findFirst()
                .orElse(System.getProperty("os.arch"));
    }
}
