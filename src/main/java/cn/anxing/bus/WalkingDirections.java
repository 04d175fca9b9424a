package cn.anxing.bus;

import cn.anxing.routing.LatLon;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.RoutingService;
import io.vertx.core.Future;
import java.util.List;

/**
 * Walking directions from a home to its stop in plain Chinese (出发… 到达 东湖中学北门), as the
 * household notice prints them and the parent's page shows them; none when the map cannot route
 * the walk (the network still loading, a home off the paths), since the path on the map and the
 * distance still say the way.
 */
final class WalkingDirections {

    private WalkingDirections() {
    }

    static Future<List<String>> of(RoutingService routing, LatLon home, LatLon stop,
            String stopName) {
        try {
            return routing.route(List.of(home, stop), RoadNetwork.FOOT)
                    .map(route -> Directions.steps(route.instructions(), List.of("家", stopName),
                            Directions.WALK).stream().map(s -> Directions.said(s.textZh(),
                            s.distanceMetres(), Directions.WALK)).toList())
                    .otherwise(List.of());
        } catch (RuntimeException notReady) {
            return Future.succeededFuture(List.of());
        }
    }
}
