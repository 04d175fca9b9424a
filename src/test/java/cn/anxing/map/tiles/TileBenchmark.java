package cn.anxing.map.tiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Times cutting the base map's tiles from each shared extract (read, cut, gzip, write) and
 * reports their count and size, then the time to load them back from the cache. Run from the
 * project root:
 *
 * <pre>
 * mvn -o -q -B -Dskip.frontend=true test-compile exec:java \
 *     -Dexec.mainClass=cn.anxing.map.tiles.TileBenchmark -Dexec.classpathScope=test \
 *     -Dexec.args="map-data/guixi.osm map-data/shenzhen-longgang.osm map-data/andorra.osm.pbf"
 * </pre>
 *
 * Each map is cut three times into a fresh cache folder; the best and the median are printed.
 */
public final class TileBenchmark {

    private TileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> maps = args.length > 0 ? List.of(args) : List.of("map-data/guixi.osm",
                "map-data/shenzhen-longgang.osm", "map-data/andorra.osm.pbf");
        System.out.printf("machine: %d cores, max heap %d MB, %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("| map | file | features | tiles (z10-16) | tiles file | largest tile "
                + "| cut (best / median of 3) | CPU of the best | load from cache |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String name : maps) {
            Path map = Path.of(name);
            long[] cuts = new long[3];
            long bestCpu = Long.MAX_VALUE;
            long bestCut = Long.MAX_VALUE;
            TileSet tiles = null;
            for (int i = 0; i < cuts.length; i++) {
                Path cache = Files.createTempDirectory("anxing-tiles-bench");
                long started = System.nanoTime();
                long cpuStarted = threads.getCurrentThreadCpuTime();
                tiles = TileSet.open(map, cache);
                cuts[i] = (System.nanoTime() - started) / 1_000_000;
                if (cuts[i] < bestCut) {
                    bestCut = cuts[i];
                    bestCpu = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1_000_000;
                }
                if (i < cuts.length - 1) {
                    deleteAll(cache);
                } else {
                    long loadStarted = System.nanoTime();
                    TileSet loaded = TileSet.open(map, cache);
                    long load = (System.nanoTime() - loadStarted) / 1_000_000;
                    java.util.Arrays.sort(cuts);
                    int largest = largestTile(tiles);
                    Map<String, Integer> layers = OsmExtractReader.countByLayer(
                            OsmExtractReader.read(map));
                    System.out.printf("| %s | %.1f MB | %d | %d | %.2f MB | %.1f kB | %d / %d ms "
                                    + "| %d ms | %d ms |%n", map.getFileName(),
                            Files.size(map) / 1e6, tiles.stats().features(), loaded.stats()
                                    .tiles(), loaded.stats().bytes() / 1e6, largest / 1e3,
                            cuts[0], cuts[1], bestCpu, load);
                    System.out.println("  layers: " + layers);
                    deleteAll(cache);
                }
            }
        }
    }

    private static int largestTile(TileSet tiles) {
        int largest = 0;
        for (int z = TileSet.minZoom(); z <= TileSet.maxZoom(); z++) {
            int n = 1 << z;
            double[] b = tiles.bounds();
            int x0 = (int) Math.floor(OsmExtractReader.mercatorX(b[0]) * n);
            int x1 = (int) Math.floor(OsmExtractReader.mercatorX(b[2]) * n);
            int y0 = (int) Math.floor(OsmExtractReader.mercatorY(b[3]) * n);
            int y1 = (int) Math.floor(OsmExtractReader.mercatorY(b[1]) * n);
            for (int x = x0; x <= x1; x++) {
                for (int y = y0; y <= y1; y++) {
                    byte[] tile = tiles.gzipped(z, x, y);
                    largest = Math.max(largest, tile == null ? 0 : tile.length);
                }
            }
        }
        return largest;
    }

    private static void deleteAll(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
