package cn.anxing.bus.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.bus.solver.check.LewisChecker;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("On the real-road instances (Lewis and Smith-Miles; Sciortino, Lewis and Thompson)")
class LewisBenchmarkTest {

    static Path instance(String name) {
        return Path.of(System.getProperty("anxing.shared.dir"), "bench", "sbrp", "lewis",
                name + ".bus");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Mgarr", "Porthcawl", "Qrendi", "Senglea", "Suffolk"})
    @DisplayName("sbrp prints one JSON object whose plan the independent checker accepts, on"
            + " the fewest buses the seats allow, with the total journey time it recomputes")
    void answersAreAcceptedByTheChecker(String name) throws IOException {
        String[] result = SbrpCommandTest.run("--instance", instance(name).toString(),
                "--seconds", "3", "--seed", "1");
        assertEquals("0", result[0], result[2]);
        String[] lines = result[1].trim().split("\n");
        assertEquals(1, lines.length, "exactly one line on stdout");
        JsonObject answer = new JsonObject(lines[0]);
        assertEquals(name, answer.getString("instance"));
        LewisInstance inst = LewisInstance.read(instance(name));
        assertEquals(inst.students().length, answer.getJsonArray("assignment").size());
        LewisChecker.Verdict verdict = LewisChecker.check(inst, answer.encode(), inst.busSizes());
        assertTrue(verdict.feasible(), () -> verdict.violations().toString());
        assertTrue(verdict.longestJourneySeconds() <= 2700);
        assertEquals(verdict.busesLowerBound(), answer.getInteger("busesLowerBound"));
        assertEquals(verdict.busesLowerBound(), verdict.buses(),
                "the capacity lower bound is reachable on these five");
    }

    /**
     * School 0 and stops 1, 2 on a line 1000 s and 1800 s out; address 0 (30 students) may walk
     * to stop 1 only, address 1 (25 students) to stop 2 only.
     */
    private static Path handInstance(Path dir) throws IOException {
        StringBuilder text = new StringBuilder("3,2,2,K,1,1,Hand\n");
        text.append("s,51.5,-3.7,School\ns,51.51,-3.7,One\ns,51.52,-3.7,Two, with a comma\n");
        text.append("a,51.51,-3.7,30,Family 1\na,51.52,-3.7,25,Family 2\n");
        double[][] t = {{0, 1000, 1800}, {1000, 0, 800}, {1800, 800, 0}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                text.append("d,").append(i).append(',').append(j).append(",1,")
                        .append((int) t[i][j]).append('\n');
            }
        }
        text.append("w,0,1,0.1,60\nw,1,2,0.1,60\n");
        Path file = dir.resolve("Hand.bus");
        Files.writeString(file, text);
        return file;
    }

    @Test
    @DisplayName("the checker rejects a walk not allowed, too many students for the bus, a"
            + " journey over 2700 s and a wrong total; it accepts the right plan")
    void checkerFindsEachViolation(@TempDir Path dir) throws IOException {
        LewisInstance inst = LewisInstance.read(handInstance(dir));
        assertEquals("Two, with a comma", inst.stopNames()[2]);
        int[] sizes = LewisInstance.UK_SIZES;
        // one route 2 -> 1 -> school: 15 + 125 + 800 + 15 + 150 + 1000 = 2105 s for stop 2
        JsonObject good = new JsonObject("{\"feasible\":true,\"buses\":1,"
                + "\"totalJourneySeconds\":2105.0,\"routes\":[{\"capacity\":63,\"stops\":[2,1]}],"
                + "\"assignment\":[1,2]}");
        LewisChecker.Verdict ok = LewisChecker.check(inst, good.encode(), sizes);
        assertTrue(ok.feasible(), ok.violations().toString());
        assertEquals(2105, ok.totalJourneySeconds(), 1e-9);
        assertEquals(1, ok.busesLowerBound());

        JsonObject walk = good.copy().put("assignment", new io.vertx.core.json.JsonArray()
                .add(2).add(2));
        assertFalse(LewisChecker.check(inst, walk.encode(), sizes).feasible());
        JsonObject small = new JsonObject(good.encode().replace("63", "53"));
        assertTrue(LewisChecker.check(inst, small.encode(), sizes).violations().stream()
                .anyMatch(v -> v.contains("carries 55")));
        JsonObject wrongTotal = good.copy().put("totalJourneySeconds", 2000.0);
        assertFalse(LewisChecker.check(inst, wrongTotal.encode(), sizes).feasible());
        JsonObject notListed = new JsonObject(good.encode().replace("63", "64"));
        assertFalse(LewisChecker.check(inst, notListed.encode(), sizes).feasible());

        // with 2000 s from stop 1 to the school the same route takes 3105 s for stop 2
        Path slow = dir.resolve("Slow.bus");
        Files.writeString(slow, Files.readString(handInstance(dir))
                .replace("d,1,0,1,1000", "d,1,0,1,2000"));
        LewisInstance slowInst = LewisInstance.read(slow);
        JsonObject late = good.copy().put("totalJourneySeconds", 3105.0);
        assertTrue(LewisChecker.check(slowInst, late.encode(), sizes).violations().stream()
                .anyMatch(v -> v.contains("> 2700")));
    }

    @Test
    @DisplayName("on that small instance the solver needs two buses when one would break the"
            + " journey limit, and one when it does not")
    void journeyLimitDecidesTheBuses(@TempDir Path dir) throws IOException {
        Path file = handInstance(dir);
        for (String[] c : new String[][] {{"d,1,0,1,1000", "1"}, {"d,1,0,1,2000", "2"}}) {
            Path variant = dir.resolve("V" + c[1] + ".bus");
            Files.writeString(variant, Files.readString(file).replace("d,1,0,1,1000", c[0]));
            String[] result = SbrpCommandTest.run("--instance", variant.toString(),
                    "--seconds", "0.5");
            assertEquals("0", result[0], result[2]);
            JsonObject answer = new JsonObject(result[1].trim());
            LewisInstance inst = LewisInstance.read(variant);
            LewisChecker.Verdict verdict = LewisChecker.check(inst, answer.encode(), inst.busSizes());
            assertTrue(verdict.feasible(), verdict.violations().toString());
            assertEquals(Integer.parseInt(c[1]), verdict.buses(), answer.encode());
        }
    }
}
