package cn.anxing.app;

import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One server process from {@code target/anxing.jar} on a loopback port, with its own DATA_DIR,
 * on the PostgreSQL at {@code databaseUrl}: the demo on, the Guixi map, and {@code env} on top.
 */
record JarInstance(int number, Process process, String baseUrl, Path log) {

    static JarInstance start(int number, Path dirs, String databaseUrl, Map<String, String> env,
            String... jvmOptions) throws IOException {
        return start(number, dirs, databaseUrl, env, List.of(), jvmOptions);
    }

    /** As above, the JVM run through {@code launcher} (e.g. {@code taskset -c 1}). */
    static JarInstance start(int number, Path dirs, String databaseUrl, Map<String, String> env,
            List<String> launcher, String... jvmOptions) throws IOException {
        int port = TestServer.freePort();
        Path dataDir = Files.createDirectories(dirs.resolve("instance-" + number));
        Path log = dirs.resolve("instance-" + number + ".log");
        Map<String, String> all = new HashMap<>();
        all.put("DATABASE_URL", databaseUrl);
        all.putAll(env);
        return new JarInstance(number, JarProcess.start(log,
                JarProcess.serverEnv(dataDir, port, all), launcher, List.of(jvmOptions)),
                "http://127.0.0.1:" + port, log);
    }

    Api api() {
        return new Api(baseUrl);
    }

    /** A client of this instance carrying the token {@code signedIn} got from any instance. */
    Api as(Api signedIn) {
        return new Api(baseUrl).as(signedIn.token());
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    void awaitHealthy(Duration limit) throws Exception {
        try {
            JarProcess.awaitHealthy(baseUrl, process, log, limit, Duration.ofMillis(250));
        } catch (AssertionError e) {
            throw new AssertionError("instance " + number + ": " + e.getMessage(), e);
        }
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
