package cn.anxing.app;

import cn.anxing.testing.Api;
import cn.anxing.testing.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar target/anxing.jar} as the process tests start it, its output in a log file,
 * and the wait until it answers {@code /health} with 200. What the integration tests share;
 * {@link EmbeddedServer} and {@link JarInstance} add what their tests need on top.
 */
final class JarProcess {

    private JarProcess() {
    }

    /**
     * The environment of a server on a loopback port with the demo on the Guixi map; a
     * {@code null} value in {@code env} removes the variable (DATABASE_URL for the embedded
     * PostgreSQL).
     */
    static Map<String, String> serverEnv(Path dataDir, int port, Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("DATA_DIR", dataDir.toString());
        all.put("HTTP_HOST", "127.0.0.1");
        all.put("HTTP_PORT", String.valueOf(port));
        all.put("MAP_FILE", SharedFiles.map("guixi.osm").toString());
        all.put("DEMO", "true");
        all.putAll(env);
        return all;
    }

    /**
     * Starts the jar with {@code jvmOptions} before {@code -jar} and {@code args} after it; each
     * entry of {@code env} sets a variable, or with a {@code null} value removes it.
     */
    static Process start(Path log, Map<String, String> env, List<String> jvmOptions,
            String... args) throws IOException {
        return start(log, env, List.of(), jvmOptions, args);
    }

    /** As above, run through {@code launcher} (e.g. {@code taskset -c 1}) when not empty. */
    static Process start(Path log, Map<String, String> env, List<String> launcher,
            List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", Path.of("target", "anxing.jar").toAbsolutePath()
                .toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return builder.start();
    }

    /**
     * Waits until {@code baseUrl}/health answers 200, asking every {@code poll}; returns that
     * answer and the milliseconds it took. A process that exits, or is not healthy in time
     * (then it is killed), fails with its log.
     */
    static Healthy awaitHealthy(String baseUrl, Process process, Path log, Duration limit,
            Duration poll) throws Exception {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        Api api = new Api(baseUrl);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited: " + Files.readString(log));
            }
            try {
                Api.Reply health = api.get("/health");
                if (health.status() == 200) {
                    return new Healthy((System.nanoTime() - started) / 1_000_000, health);
                }
            } catch (IllegalStateException notListeningYet) {
                // connection refused while it starts
            }
            Thread.sleep(poll.toMillis());
        }
        process.destroyForcibly();
        throw new AssertionError("not healthy within " + limit + ": " + Files.readString(log));
    }

    /** The first 200 of /health and how long the server took to give it. */
    record Healthy(long millis, Api.Reply health) {
    }
}
