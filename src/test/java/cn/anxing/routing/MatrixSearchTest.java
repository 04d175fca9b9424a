package cn.anxing.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The compact matrix search")
class MatrixSearchTest {

    @ParameterizedTest(name = "{0}, {1}, {2} x {2}")
    @CsvSource({
        "guixi.osm, bus, 120",
        "guixi.osm, foot, 120",
        "andorra.osm.pbf, bus, 150",
        "andorra.osm.pbf, foot, 150",
    })
    @DisplayName("gives the times and distances of GraphHopper's own shortest-path trees")
    void agreesWithShortestPathTrees(String map, String profile, int size, @TempDir Path cache) {
        try (RoadNetwork network = RoadNetwork.open(Maps.file(map), cache)) {
            List<LatLon> points = stopsAlongRoads(network, size, 11);
            List<LatLon> origins = points.subList(0, size / 2);
            TravelMatrix ours = network.matrix(origins, points, profile);
            TravelMatrix reference = TreeMatrix.compute(network.hopper(),
                    network.weighting(profile), network.snapAll(origins, points, profile),
                    origins.size());
            int compared = 0;
            for (int i = 0; i < origins.size(); i++) {
                for (int j = 0; j < points.size(); j++) {
                    assertEquals(reference.reachable(i, j), ours.reachable(i, j),
                            "reachability of " + i + " -> " + j);
                    if (reference.reachable(i, j)) {
                        double s = reference.seconds()[i][j];
                        double m = reference.metres()[i][j];
                        // equal weights may take either of two paths: allow 1% between them
                        assertEquals(s, ours.seconds()[i][j], 0.01 * s + 0.001, i + " -> " + j);
                        assertEquals(m, ours.metres()[i][j], 0.01 * m + 0.01, i + " -> " + j);
                        compared++;
                    }
                }
            }
            assertTrue(compared > origins.size(), "pairs compared: " + compared);
        }
    }

    /** Bus stop candidates near random points: every point is on a road both profiles use. */
    static List<LatLon> stopsAlongRoads(RoadNetwork network, int count, long seed) {
        MapBounds b = network.bounds();
        Random random = new Random(seed);
        List<LatLon> points = new ArrayList<>();
        while (points.size() < count) {
            double lat = b.minLat() + random.nextDouble() * (b.maxLat() - b.minLat());
            double lon = b.minLon() + random.nextDouble() * (b.maxLon() - b.minLon());
            network.stopCandidates(lat, lon, 300, 100).stream().findFirst()
                    .ifPresent(c -> points.add(c.point()));
        }
        return points;
    }
}
