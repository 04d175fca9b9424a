package cn.anxing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** The layer rules of the code base, kept in one place so the fixture tests check the same. */
final class Architecture {

    /** The rules packages: plain Java, testable without a server, as GraphHopper's core is. */
    static final String[] RULES_PACKAGES = {
        "cn.anxing.accident.liability..",
        "cn.anxing.accident.eligibility..",
        "cn.anxing.payment.rules..",
        "cn.anxing.bus.solver..",
    };

    /** The one class outside routes, views and http that reads a request: the route guard. */
    static final String ROUTE_GUARD = "cn.anxing.auth.Authz";

    private static JavaClasses production;

    private Architecture() {
    }

    /** The classes of src/main, imported once for every rule. */
    static synchronized JavaClasses production() {
        if (production == null) {
            production = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                    .importPackages("cn.anxing");
        }
        return production;
    }

    /**
     * Classes in {@code packages} use no Vert.x, Netty, JDBC, HTTP edge or database code. Empty
     * packages pass, so a rules package not created yet is no failure.
     */
    static ArchRule plainJava(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..",
                        "java.sql..", "cn.anxing.http..", "cn.anxing.db..")
                .because("rules are plain Java, testable without a server")
                .allowEmptyShould(true);
    }

    /** No two packages of cn.anxing depend on each other, directly or round a longer loop. */
    static ArchRule noPackageCycles() {
        return slices().matching("cn.anxing.(**)").should().beFreeOfCycles();
    }

    /** Requests are read and answered at the edge only: routes, views and the http package. */
    static ArchRule requestsAtTheEdge() {
        return noClasses().that(DescribedPredicate.not(atTheEdge()))
                .should().dependOnClassesThat()
                .haveFullyQualifiedName("io.vertx.ext.web.RoutingContext")
                .because("handlers parse, call a service and respond; services know no request");
    }

    private static DescribedPredicate<JavaClass> atTheEdge() {
        return DescribedPredicate.describe("a *Routes or *Views class, in cn.anxing.http, or "
                + ROUTE_GUARD, javaClass -> {
                    JavaClass outer = outermost(javaClass);
                    String name = outer.getSimpleName();
                    return name.endsWith("Routes") || name.endsWith("Views")
                            || outer.getPackageName().equals("cn.anxing.http")
                            || outer.getPackageName().startsWith("cn.anxing.http.")
                            || outer.getFullName().equals(ROUTE_GUARD);
                });
    }

    /** Lambdas and nested classes belong to the class they are written in. */
    private static JavaClass outermost(JavaClass javaClass) {
        JavaClass outer = javaClass;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }
}
