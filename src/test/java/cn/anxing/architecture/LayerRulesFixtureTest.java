package cn.anxing.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
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
        EvaluationResult result = Architecture
                .plainJava("cn.anxing.architecture.fixture.badrules..").evaluate(FIXTURES);
        assertTrue(result.hasViolation());
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains("LiabilityWithVertx") && report.contains("io.vertx.core.Vertx"),
                report);
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
        EvaluationResult result = Architecture.requestsAtTheEdge().evaluate(FIXTURES);
        assertTrue(result.hasViolation());
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains("BadRoutingContextUse"), report);
    }

    @Test
    @DisplayName("Two packages that depend on each other are reported as a cycle")
    void packageCycleIsReported() {
        EvaluationResult result = Architecture.noPackageCycles().evaluate(FIXTURES);
        assertTrue(result.hasViolation());
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains("fixture.cycle.a") && report.contains("fixture.cycle.b"),
                report);
    }
}
