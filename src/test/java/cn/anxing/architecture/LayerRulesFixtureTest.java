package cn.anxing.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The layer rules fail where they should: on small fixture classes that break them. */
@DisplayName("Layer rules on fixtures")
class LayerRulesFixtureTest {

    private static final JavaClasses FIXTURES = new ClassFileImporter()
            .importPackages("cn.anxing.architecture.fixture");

    @Test
    @DisplayName("A rules package that imports Vert.x is reported, naming the class and Vertx")
    void vertxInARulesPackageIsReported() {
        assertReported(Architecture.plainJava("cn.anxing.architecture.fixture.badrules.."),
                List.of("LiabilityWithVertx", "io.vertx.core.Vertx"));
    }

    @Test
    @DisplayName("A rules package in plain Java passes")
    void plainJavaPasses() {
        assertFalse(Architecture.plainJava("cn.anxing.architecture.fixture.goodrules..")
                .evaluate(FIXTURES).hasViolation());
    }

    @Test
    @DisplayName("A class that is no route or view and reads RoutingContext is reported")
    void routingContextOutsideTheEdgeIsReported() {
        assertReported(Architecture.requestsAtTheEdge(), List.of("BadRoutingContextUse"));
    }

    @Test
    @DisplayName("Two packages that depend on each other are reported as a cycle")
    void packageCycleIsReported() {
        assertReported(Architecture.noPackageCycles(),
                List.of("fixture.cycle.a", "fixture.cycle.b"));
    }

    /** The rule reports a violation on the fixtures, and its report names each of {@code names}. */
    private static void assertReported(ArchRule rule, List<String> names) {
        EvaluationResult result = rule.evaluate(FIXTURES);
        assertTrue(result.hasViolation(), rule.getDescription());
        String report = String.join("\n", result.getFailureReport().getDetails());
        names.forEach(name -> assertTrue(report.contains(name), name + " not in: " + report));
    }
}
