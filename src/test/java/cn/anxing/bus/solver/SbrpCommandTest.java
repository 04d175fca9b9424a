package cn.anxing.bus.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.bus.solver.check.SbrpChecker;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The sbrp command")
class SbrpCommandTest {

    static Path instance(String name) {
        return Path.of(System.getProperty("anxing.shared.dir"), "bench", "sbrp", "schittekat",
                name + ".xpress");
    }

    /** Runs the command in this JVM and returns {exit code, stdout, stderr}. */
    static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            exit = SbrpCommand.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {Integer.toString(exit), stdout.toString(StandardCharsets.UTF_8),
                stderr.toString(StandardCharsets.UTF_8)};
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"inst1-1s5-25-c25-w5", "inst38-9s10-100-c50-w20",
        "inst63-10s20-200-c25-w40", "inst87-6s40-400-c25-w40", "inst113-4s80-1600-c25-w5"})
    @DisplayName("prints one JSON line whose plan the independent checker finds feasible, with"
            + " the objective it recomputes")
    void answersAreFeasible(String name) throws Exception {
        String[] result = run("--instance", instance(name).toString(), "--seconds", "1.5",
                "--seed", "7");
        assertEquals("0", result[0], result[2]);
        String[] lines = result[1].trim().split("\n");
        assertEquals(1, lines.length, "exactly one line on stdout");
        JsonObject json = new JsonObject(lines[0]);
        assertEquals(name, json.getString("instance"));
        assertTrue(json.getBoolean("feasible"));
        SchittekatInstance inst = SchittekatInstance.read(instance(name));
        SbrpChecker.Verdict verdict = SbrpChecker.check(inst, SbrpChecker.parseRoutes(lines[0]),
                SbrpChecker.parseInts(SbrpChecker.field(lines[0], "assignment")));
        assertTrue(verdict.feasible(), () -> verdict.violations().toString());
        assertEquals(verdict.objective(), json.getDouble("objective"), 1e-6);
    }

    @Test
    @DisplayName("returns within the time it is given on the largest instance, with room for"
            + " the JVM's start inside the 2 s allowance")
    void respectsTheTimeLimit() {
        long started = System.nanoTime();
        String[] result = run("--instance", instance("inst119-7s80-1600-c25-w40").toString(),
                "--seconds", "1");
        double elapsed = (System.nanoTime() - started) / 1e9;
        assertEquals("0", result[0], result[2]);
        assertTrue(elapsed < 1.5, "took " + elapsed + " s");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no instance          | --seconds 1",
        "no seconds           | --instance INSTANCE",
        "zero seconds         | --instance INSTANCE --seconds 0",
        "seconds not a number | --instance INSTANCE --seconds soon",
        "seed not a number    | --instance INSTANCE --seconds 1 --seed x",
        "unknown option       | --instance INSTANCE --seconds 1 --fast yes",
        "missing value        | --instance INSTANCE --seconds",
        "no such file         | --instance /nonexistent/inst.xpress --seconds 1"})
    @DisplayName("rejects bad arguments with a message on stderr and exit code 2")
    void rejectsBadArguments(String why, String arguments) {
        String[] args = arguments.replace("INSTANCE",
                instance("inst1-1s5-25-c25-w5").toString()).split(" ");
        String[] result = run(args);
        assertEquals("2", result[0], why);
        assertTrue(result[1].isEmpty(), "nothing on stdout");
        assertTrue(result[2].startsWith("sbrp: "), result[2]);
    }
}
