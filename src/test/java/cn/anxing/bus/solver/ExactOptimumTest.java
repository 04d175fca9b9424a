package cn.anxing.bus.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.bus.solver.check.SbrpChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("On small instances")
class ExactOptimumTest {

    static Stream<String> smallInstances() throws IOException {
        try (Stream<Path> files = Files.list(SbrpCommandTest.instance("x").getParent())) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("inst\\d+-\\d+s(5|10)-.*\\.xpress"))
                    .map(n -> n.replace(".xpress", "")).sorted().toList();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallInstances")
    @DisplayName("the solver reaches the optimum proven by the exact search")
    void solverReachesTheOptimum(String name) throws IOException {
        SchittekatInstance inst = SchittekatInstance.read(SbrpCommandTest.instance(name));
        ExactSbrp.Optimum optimum = ExactSbrp.solve(inst);
        BusRoutingPlan plan = BusRouteSolver.solve(SbrpCommand.toProblem(inst),
                new SolverOptions(3, Duration.ofSeconds(10), 2000, null));
        String json = SbrpCommand.toJson(name, plan, 0);
        SbrpChecker.Verdict verdict = SbrpChecker.check(inst, SbrpChecker.parseRoutes(json),
                SbrpChecker.parseInts(SbrpChecker.field(json, "assignment")));
        assertTrue(verdict.feasible(), () -> verdict.violations().toString());
        assertEquals(optimum.cost(), verdict.objective(), 1e-6);
    }

    @Test
    @DisplayName("the exact search finds that two stops on opposite sides of the school, whose"
            + " students fill a bus each, need two out-and-back tours")
    void exactSearchOnAHandInstance(@TempDir Path dir) throws IOException {
        // 2 stops, 4 students, 4 vehicles, capacity 2, walk 1: school at (0,0),
        // stops at (10,0) and (-10,0), two students beside each stop.
        Path file = dir.resolve("hand-2s.xpress");
        Files.writeString(file, """
                2 4 4 2 1
                0 0
                10 0
                -10 0
                10 0.5
                10 -0.5
                -10 0.5
                -10 -0.5
                """);
        ExactSbrp.Optimum optimum = ExactSbrp.solve(SchittekatInstance.read(file));
        assertEquals(40.0, optimum.cost(), 1e-9);
        assertEquals(2, optimum.routeMasks().length);
    }

    @Test
    @DisplayName("the exact search puts two stops in one tour when one bus can carry everyone")
    void exactSearchMergesWhenCapacityAllows(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("hand-2s-c4.xpress");
        Files.writeString(file, """
                2 4 4 4 1
                0 0
                10 0
                10 10
                10 0.5
                10 -0.5
                10 9.5
                10 10.5
                """);
        ExactSbrp.Optimum optimum = ExactSbrp.solve(SchittekatInstance.read(file));
        assertEquals(10 + 10 + Math.hypot(10, 10), optimum.cost(), 1e-9);
        assertEquals(1, optimum.routeMasks().length);
    }
}
