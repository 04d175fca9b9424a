package cn.anxing.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The routing service opens the map off the event loop and reports its state")
class RoutingServiceTest {

    @Test
    @DisplayName("Once READY, the service answers snaps and matrices as futures")
    void readyAndAnswering(Vertx vertx, VertxTestContext test, @TempDir Path cache) {
        RoutingService routing = new RoutingService();
        List<LatLon> points = List.of(new LatLon(28.2966109, 117.2055277),
                new LatLon(28.3070835, 117.2461304));
        routing.start(vertx, new RoutingConfig(Maps.file("guixi.osm"), cache, 2))
                .compose(ready -> {
                    assertEquals(RoutingService.State.READY, routing.status().state());
                    return routing.snap(28.29663, 117.20555, RoadNetwork.BUS);
                })
                .compose(snap -> {
                    assertEquals("柏里大道", snap.roadName());
                    return routing.matrix(points, points, RoadNetwork.BUS);
                })
                .compose(matrix -> {
                    assertTrue(matrix.seconds()[0][1] > 0);
                    return routing.stop();
                })
                .onComplete(test.succeedingThenComplete());
    }

    @Test
    @DisplayName("Without a map file the service is FAILED with the message that says how to get one")
    void failsWithoutMap(Vertx vertx, VertxTestContext test, @TempDir Path dir) {
        RoutingService routing = new RoutingService();
        routing.start(vertx, new RoutingConfig(dir.resolve("none.osm.pbf"), dir, 1))
                .onComplete(test.failing(error -> test.verify(() -> {
                    assertInstanceOf(MapFileMissingException.class, error);
                    assertEquals(RoutingService.State.FAILED, routing.status().state());
                    assertTrue(routing.status().message().contains("map-data/fetch"));
                    test.completeNow();
                })));
    }
}
