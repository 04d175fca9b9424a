package cn.anxing.app;

import cn.anxing.testing.Api;
import cn.anxing.testing.SharedFiles;
import cn.anxing.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
        int port = TestServer.freePort();
        Path dataDir = Files.createDirectories(dirs.resolve("instance-" + number));
        Path log = dirs.resolve("instance-" + number + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", Path.of("target", "anxing.jar").toAbsolutePath()
                .toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("DATABASE_URL", databaseUrl);
        environment.put("DATA_DIR", dataDir.toString());
        environment.put("HTTP_HOST", "127.0.0.1");
        environment.put("HTTP_PORT", String.valueOf(port));
        environment.put("MAP_FILE", SharedFiles.map("guixi.osm").toString());
        environment.put("DEMO", "true");
        environment.putAll(env);
        return new JarInstance(number, builder.start(), "http://127.0.0.1:" + port, log);
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
        long deadline = System.nanoTime() + limit.toNanos();
        Api api = api();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("instance " + number + " exited: " + logText());
            }
            try {
                if (api.get("/health").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notListeningYet) {
                // connection refused while it starts
            }
            Thread.sleep(250);
        }
        throw new AssertionError("instance " + number + " not healthy within " + limit + ": "
                + logText());
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
