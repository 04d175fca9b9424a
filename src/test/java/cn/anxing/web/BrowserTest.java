package cn.anxing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The browser tests (frontend/e2e, node --test with playwright-core and Debian's Chromium)
 * against the whole server started here on the demo map. {@code -Danxing.e2e=e2e/x.test.mjs}
 * runs one file instead of all. The pages must be built first (the Maven build does it;
 * with -Dskip.frontend run {@code cd frontend && npx vite build}).
 */
@DisplayName("Browser tests in headless Chromium against the running server")
class BrowserTest {

    private static final Path CHROMIUM = Path.of(System.getenv()
            .getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

    @Test
    @DisplayName("Every browser test in frontend/e2e passes")
    void e2e() throws Exception {
        Path frontend = Path.of(System.getProperty("anxing.frontend.dir", "frontend"));
        assertTrue(Files.isExecutable(CHROMIUM), "the browser tests need Chromium at " + CHROMIUM
                + ": apt-get install chromium");
        assertTrue(getClass().getResource("/webroot/index.html") != null, "the pages are not"
                + " built: cd frontend && npx vite build");
        if (!Files.isDirectory(frontend.resolve("node_modules"))) {
            run(frontend, Map.of(), "npm", "ci", "--no-audit", "--no-fund");
        }
        try (TestServer server = TestServer.start(Map.of("OTP_PER_ADDRESS_PER_HOUR", "100000",
                "OTP_PER_PHONE_PER_HOUR", "1000", "OUTBOX_POLL_INTERVAL_MS", "200"))) {
            String files = System.getProperty("anxing.e2e", "e2e/");
            List<String> command = new ArrayList<>(List.of("node", "--test",
                    "--test-concurrency=1"));
            command.addAll(List.of(files.split(",")));
            int exit = run(frontend, Map.of("BASE_URL", server.baseUrl(),
                    "CHROMIUM_PATH", CHROMIUM.toString()), command.toArray(String[]::new));
            assertEquals(0, exit, "node --test " + files + " failed; its output is above");
        }
    }

    private static int run(Path dir, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        // through System.out, so the output lands in the surefire report beside the result
        try (var lines = process.inputReader()) {
            lines.lines().forEach(System.out::println);
        }
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " took over 15 minutes");
        }
        return process.exitValue();
    }
}
