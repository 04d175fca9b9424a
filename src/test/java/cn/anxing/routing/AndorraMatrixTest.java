package cn.anxing.routing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A county-sized map (Andorra) takes a 200 x 200 matrix")
class AndorraMatrixTest {

    @Test
    @DisplayName("A 200 x 200 bus matrix over Andorra completes with most pairs reachable")
    void largeMatrix(@TempDir Path cache) {
        long started = System.nanoTime();
        try (RoadNetwork andorra = RoadNetwork.open(Maps.file("andorra.osm.pbf"), cache)) {
            long importMs = (System.nanoTime() - started) / 1_000_000;
            List<LatLon> points = MatrixSearchTest.stopsAlongRoads(andorra, 200, 7);
            int threads = Runtime.getRuntime().availableProcessors();
            ExecutorService workers = Executors.newFixedThreadPool(threads);
            try {
                started = System.nanoTime();
                TravelMatrix bus = andorra.matrix(points, points, RoadNetwork.BUS, workers,
                        threads);
                long busMs = (System.nanoTime() - started) / 1_000_000;
                started = System.nanoTime();
                TravelMatrix foot = andorra.matrix(points, points, RoadNetwork.FOOT, workers,
                        threads);
                long footMs = (System.nanoTime() - started) / 1_000_000;
                started = System.nanoTime();
                andorra.route(List.of(points.get(0), points.get(199)), RoadNetwork.BUS);
                long routeMs = (System.nanoTime() - started) / 1_000_000;
                System.out.printf("BENCH andorra import %d ms, bus 200x200 %d ms, foot 200x200 %d"
                        + " ms on %d threads, one route %d ms%n", importMs, busMs, footMs,
                        threads, routeMs);
                long reachable = countReachable(bus);
                System.out.println("BENCH reachable pairs: bus " + reachable + ", foot "
                        + countReachable(foot));
                assertAll(
                        () -> assertEquals(200, bus.origins()),
                        () -> assertEquals(200, bus.destinations()),
                        () -> assertTrue(reachable > 0.9 * 200 * 200, "reachable " + reachable),
                        () -> footAgreesWithRoutes(andorra, points, foot));
            } finally {
                workers.shutdownNow();
            }
        }
        started = System.nanoTime();
        try (RoadNetwork reloaded = RoadNetwork.open(Maps.file("andorra.osm.pbf"), cache)) {
            System.out.printf("BENCH andorra cache load %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);
            assertFalse(reloaded.wasImported());
        }
    }

    /**
     * Walking is not connected everywhere in Andorra (roads closed to pedestrians split the
     * valleys), so check a sample of pairs against point-to-point routes, unreachable ones
     * included.
     */
    private static void footAgreesWithRoutes(RoadNetwork andorra, List<LatLon> points,
                                             TravelMatrix foot) {
        for (int j = 1; j < 200; j += 20) {
            List<LatLon> pair = List.of(points.get(0), points.get(j));
            if (foot.reachable(0, j)) {
                Route route = andorra.route(pair, RoadNetwork.FOOT);
                assertEquals(route.seconds(), foot.seconds()[0][j], 0.01 * route.seconds() + 1);
            } else {
                assertThrows(NoRouteException.class, () -> andorra.route(pair, RoadNetwork.FOOT));
            }
        }
    }

    private static long countReachable(TravelMatrix matrix) {
        long n = 0;
        for (int i = 0; i < matrix.origins(); i++) {
            for (int j = 0; j < matrix.destinations(); j++) {
                n += matrix.reachable(i, j) ? 1 : 0;
            }
        }
        return n;
    }
}
