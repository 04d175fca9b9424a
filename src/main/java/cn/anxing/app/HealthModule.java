package cn.anxing.app;

import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.HealthRoutes;
import cn.anxing.platform.FeatureModule;
import cn.anxing.platform.Platform;
import cn.anxing.routing.RoutingService;
import java.util.List;

/** {@code GET /health}: the database and the road network, as load balancers and operators ask. */
final class HealthModule implements FeatureModule {

    private final Platform platform;

    HealthModule(Platform platform) {
        this.platform = platform;
    }

    @Override
    public List<FeatureRoutes> routes() {
        RoutingService routing = platform.routing();
        return List.of(new HealthRoutes(platform.pool(), () -> graphState(routing)));
    }

    private static HealthRoutes.GraphState graphState(RoutingService routing) {
        RoutingService.Status status = routing.status();
        return switch (status.state()) {
            case READY -> new HealthRoutes.GraphState("UP", status.message());
            case IMPORTING -> new HealthRoutes.GraphState("IMPORTING", status.message());
            case FAILED -> new HealthRoutes.GraphState("DOWN", status.message());
        };
    }
}
