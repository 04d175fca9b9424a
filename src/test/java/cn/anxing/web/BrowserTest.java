package cn.anxing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.testing.TestServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The pages as people use them: the frontend's browser tests ({@code frontend/e2e}, node's test
 * runner driving Debian's headless Chromium with playwright-core) against a real server started
 * here, and the frontend's own tests without a browser.
 */
@DisplayName("The web pages")
class BrowserTest {

    private static final Path FRONTEND = Path.of(System.getProperty("anxing.frontend.dir",
            "frontend"));
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("pass their tests without a browser (dictionaries complete in both languages)")
    void unitTests() throws Exception {
        run(List.of("npm", "test"), "unit");
    }

    @Test
    @DisplayName("pass every browser test in frontend/e2e against a real server in headless"
            + " Chromium")
    void browserTests() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")),
                "Debian's chromium is needed for the browser tests: apt-get install chromium"
                        + " (bash .ci/run installs it)");
        List<String> command = new ArrayList<>(List.of("node", "--test",
                "--test-concurrency=1"));
        try (var files = Files.list(FRONTEND.resolve("e2e"))) {
            files.map(p -> "e2e/" + p.getFileName())
                    .filter(name -> name.endsWith(".test.mjs"))
                    .sorted()
                    .forEach(command::add);
        }
        run(command, "e2e");
    }

    private static void run(List<String> command, String label) throws Exception {
        assertTrue(Files.isDirectory(FRONTEND.resolve("node_modules")),
                "frontend/node_modules is missing: the Maven build runs npm ci first");
        Path log = Files.createTempFile("anxing-" + label, ".log");
        var builder = new ProcessBuilder(command).directory(FRONTEND.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BASE_URL", server.baseUrl());
        Process process = builder.start();
        boolean finished = process.waitFor(15, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        // the node test runner's report goes to the surefire output of this test
        System.out.println(output);
        assertTrue(finished, label + " tests did not finish in 15 minutes");
        assertEquals(0, process.exitValue(), label + " tests failed:" + File.separator
                + tail(output));
    }

    private static String tail(String output) {
        return output.length() <= 6000 ? output : output.substring(output.length() - 6000);
    }
}
