package cn.anxing.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The bus matrix over Andorra, N x N, before (GraphHopper shortest-path trees, as the server
 * computed it until the compact search) and after, on the same points, threads and JVM, with
 * the largest difference between the two. Not a test: run it as BENCHMARKS.md says.
 *
 * <pre>java -cp ... cn.anxing.routing.MatrixBenchmark map-data/andorra.osm.pbf 1000 2</pre>
 */
public final class MatrixBenchmark {

    private MatrixBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path map = Path.of(args.length > 0 ? args[0] : "map-data/andorra.osm.pbf");
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path cache = Files.createTempDirectory("matrix-bench");
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try (RoadNetwork network = RoadNetwork.open(map, cache)) {
            List<LatLon> points = MatrixSearchTest.stopsAlongRoads(network, size, 7);
            TravelMatrix after = null;
            TravelMatrix before = null;
            for (int run = 1; run <= runs; run++) {
                long started = System.nanoTime();
                after = network.matrix(points, points, RoadNetwork.BUS, workers, threads);
                long afterMs = (System.nanoTime() - started) / 1_000_000;
                started = System.nanoTime();
                before = TreeMatrix.compute(network.hopper(), network.weighting(RoadNetwork.BUS),
                        network.snapAll(points, points, RoadNetwork.BUS), points.size(), workers,
                        threads);
                long beforeMs = (System.nanoTime() - started) / 1_000_000;
                System.out.printf("BENCH matrix %s %dx%d bus, %d threads, run %d: before %d ms,"
                        + " after %d ms%n", map.getFileName(), size, size, threads, run, beforeMs,
                        afterMs);
            }
            System.out.printf("BENCH largest relative difference in seconds: %.5f%%, reachable"
                    + " pairs %d of %d%n", 100 * largestDifference(before, after),
                    reachable(after), (long) size * size);
        } finally {
            workers.shutdownNow();
        }
    }

    private static double largestDifference(TravelMatrix a, TravelMatrix b) {
        double worst = 0;
        for (int i = 0; i < a.origins(); i++) {
            for (int j = 0; j < a.destinations(); j++) {
                if (a.reachable(i, j) != b.reachable(i, j)) {
                    return Double.POSITIVE_INFINITY;
                }
                if (a.reachable(i, j) && a.seconds()[i][j] > 0) {
                    worst = Math.max(worst, Math.abs(a.seconds()[i][j] - b.seconds()[i][j])
                            / a.seconds()[i][j]);
                }
            }
        }
        return worst;
    }

    private static long reachable(TravelMatrix m) {
        long n = 0;
        for (int i = 0; i < m.origins(); i++) {
            for (int j = 0; j < m.destinations(); j++) {
                n += m.reachable(i, j) ? 1 : 0;
            }
        }
        return n;
    }
}
