package cn.anxing.bus.solver.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.bus.solver.SchittekatInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The independent checker")
class SbrpCheckerTest {

    /** 3 stops, 4 students, 2 vehicles, capacity 2, walk 3; the school at the origin. */
    private static SchittekatInstance instance;

    @BeforeAll
    static void writeInstance(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tiny-3s.xpress");
        Files.writeString(file, """
                3 4 2 2 3
                0 0
                10 0
                0 10
                10 10
                10 3
                10 -2
                0 12
                7 10
                """);
        instance = SchittekatInstance.read(file);
    }

    @Test
    @DisplayName("accepts a feasible answer and recomputes its tour length")
    void acceptsAFeasibleAnswer() {
        String json = "{\"objective\":40.0,\"routes\":[[0],[1,2]],\"assignment\":[0,0,1,2]}";
        SbrpChecker.Verdict verdict = SbrpChecker.check(instance, SbrpChecker.parseRoutes(json),
                SbrpChecker.parseInts(SbrpChecker.field(json, "assignment")));
        assertTrue(verdict.feasible(), verdict.violations().toString());
        assertEquals(20 + 10 + 10 + Math.hypot(10, 10), verdict.objective(), 1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a student walks farther than w      | [[0],[1,2]]     | [0,0,2,2] | walks",
        "a student waits at an unvisited stop | [[0],[1]]       | [0,0,1,2] | no route visits",
        "a stop is on two routes             | [[0,1],[1,2]]   | [0,0,1,2] | is on routes",
        "a route carries more than c         | [[0,1],[2]]     | [0,0,1,2] | carries 3",
        "more routes than vehicles           | [[0],[1],[2]]   | [0,0,1,2] | vehicles",
        "a student has no stop               | [[0],[1,2]]     | [0,-1,1,2] | has no stop",
        "a student is missing                | [[0],[1,2]]     | [0,0,1]   | 3 entries"})
    @DisplayName("finds what makes an answer infeasible")
    void findsViolations(String why, String routes, String assignment, String expected) {
        String json = "{\"routes\":" + routes + ",\"assignment\":" + assignment + "}";
        SbrpChecker.Verdict verdict = SbrpChecker.check(instance, SbrpChecker.parseRoutes(json),
                SbrpChecker.parseInts(SbrpChecker.field(json, "assignment")));
        assertTrue(verdict.violations().stream().anyMatch(v -> v.contains(expected)),
                why + ": " + verdict.violations());
    }

    @Test
    @DisplayName("lets a student reach a stop at exactly the walking distance, up to rounding")
    void walkingDistanceIsInclusive() {
        // student 0 at (10,3) is exactly w = 3 from stop 0 at (10,0)
        String json = "{\"routes\":[[0],[1,2]],\"assignment\":[0,0,1,2]}";
        SbrpChecker.Verdict verdict = SbrpChecker.check(instance, SbrpChecker.parseRoutes(json),
                SbrpChecker.parseInts(SbrpChecker.field(json, "assignment")));
        assertTrue(verdict.feasible(), verdict.violations().toString());
    }
}
