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
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The pages as people use them: the frontend's browser tests ({@code frontend/e2e}, node's test
 * runner driving Debian's headless Chromium with playwright-core) against the whole server
 * started here on the demo map, and the frontend's own tests without a browser.
 * {@code -Danxing.e2e=e2e/x.test.mjs} runs one browser test file instead of all. The pages must
 * be built first (the Maven build does it; with -Dskip.frontend run
 * {@code cd frontend && npx vite build}).
 */
@DisplayName("The web pages")
class BrowserTest {

    private static final Path FRONTEND = Path.of(System.getProperty("anxing.frontend.dir",
            "frontend"));
    private static final Path CHROMIUM = Path.of(System.getenv()
            .getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    /** Printed on agreements (their QR code): the public address, never the loopback one. */
    private static final String VERIFY_URL = "https://anxing.pinghu.example/#/verify";
    private static TestServer server;
    /** TAP lines around a failure that say nothing about it. */
    private static final Pattern TAP_NOISE = Pattern.compile("---|\\.\\.\\.|1\\.\\.\\d+|# .*"
            + "|(duration_ms|type|failureType|code|name|operator):.*");

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isDirectory(FRONTEND.resolve("node_modules"))) {
            run(Map.of(), new ArrayList<>(), "npm", "ci", "--no-audit", "--no-fund");
        }
        server = TestServer.start(Map.of("OTP_PER_PHONE_PER_HOUR", "1000",
                "OUTBOX_POLL_INTERVAL_MS", "200", "ACCIDENT_VERIFY_URL", VERIFY_URL));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("pass their tests without a browser (dictionaries complete in both languages)")
    void unitTests() throws Exception {
        List<String> output = new ArrayList<>();
        assertEquals(0, run(Map.of(), output, "npm", "test"),
                () -> "npm test failed:\n" + failures(output));
    }

    @Test
    @DisplayName("pass every browser test in frontend/e2e in headless Chromium")
    void browserTests() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "the browser tests need Chromium at " + CHROMIUM
                + ": apt-get install chromium (bash .ci/run installs it)");
        assertTrue(getClass().getResource("/webroot/index.html") != null, "the pages are not"
                + " built: cd frontend && npx vite build");
        String files = System.getProperty("anxing.e2e", "e2e/");
        List<String> command = new ArrayList<>(List.of("node", "--test",
                "--test-concurrency=1"));
        command.addAll(List.of(files.split(",")));
        List<String> output = new ArrayList<>();
        int exit = run(Map.of("BASE_URL", server.baseUrl(), "CHROMIUM_PATH",
                CHROMIUM.toString(), "VERIFY_URL", VERIFY_URL), output,
                command.toArray(String[]::new));
        assertEquals(0, exit, () -> "node --test " + files + " failed:\n" + failures(output));
    }

    /**
     * The failed tests and the first lines of each one's error, so the build's own summary (all
     * a CI log may keep) says what failed without the surefire report.
     */
    static String failures(List<String> output) {
        StringBuilder failed = new StringBuilder();
        int detail = 0;
        for (String untrimmed : output) {
            String line = untrimmed.trim();
            if (line.startsWith("not ok")) {
                failed.append(line).append('\n');
                detail = 12;
            } else if (line.startsWith("ok ") || line.startsWith("# Subtest")) {
                detail = 0;
            } else if (detail > 0 && !line.isEmpty() && !TAP_NOISE.matcher(line).matches()) {
                failed.append("    ").append(line).append('\n');
                detail--;
            }
        }
        if (failed.length() > 6000) {
            failed.setLength(6000);
            failed.append("\n(cut; the whole output is in the surefire report)");
        }
        return failed.isEmpty() ? "no test marked not ok; the output is in the surefire report"
                : failed.toString();
    }

    private static int run(Map<String, String> env, List<String> output, String... command)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).directory(FRONTEND.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        // through System.out, so the output lands in the surefire report beside the result
        try (var lines = process.inputReader()) {
            lines.lines().forEach(line -> {
                System.out.println(line);
                output.add(line);
            });
        }
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " took over 15 minutes");
        }
        return process.exitValue();
    }
}
