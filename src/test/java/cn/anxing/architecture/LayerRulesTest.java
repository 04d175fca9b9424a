package cn.anxing.architecture;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The layers the code keeps, checked on every build. */
@DisplayName("Layer rules")
class LayerRulesTest {

    @Test
    @DisplayName("Rules packages (liability, eligibility, payment rules, bus solver) use no Vert.x,"
            + " Netty, SQL, HTTP edge or database code")
    void rulesArePlainJava() {
        Architecture.plainJava(Architecture.RULES_PACKAGES).check(Architecture.production());
    }

    @Test
    @DisplayName("No two packages depend on each other")
    void noPackageCycles() {
        Architecture.noPackageCycles().check(Architecture.production());
    }

    @Test
    @DisplayName("Only routes, views, the http package and the route guard touch RoutingContext")
    void requestsAreReadAtTheEdge() {
        Architecture.requestsAtTheEdge().check(Architecture.production());
    }
}
