package cn.anxing.routing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The imported graph is cached and rebuilt when the map changes")
class MapCacheTest {

    private static final List<LatLon> POINTS = List.of(new LatLon(28.2966109, 117.2055277),
            new LatLon(28.3070835, 117.2461304), new LatLon(28.2854393, 117.1928596));

    @Test
    @DisplayName("The first start imports, the second loads the cache quickly and answers the same")
    void reloadsFromCache(@TempDir Path cache) {
        long started = System.nanoTime();
        TravelMatrix imported;
        RoadSnap importedSnap;
        try (RoadNetwork first = RoadNetwork.open(Maps.file("guixi.osm"), cache)) {
            assertTrue(first.wasImported());
            imported = first.matrix(POINTS, POINTS, RoadNetwork.BUS);
            importedSnap = first.snap(28.29663, 117.20555, RoadNetwork.FOOT);
        }
        long importNanos = System.nanoTime() - started;
        started = System.nanoTime();
        try (RoadNetwork second = RoadNetwork.open(Maps.file("guixi.osm"), cache)) {
            long loadNanos = System.nanoTime() - started;
            System.out.printf("BENCH guixi import %d ms, cache load %d ms%n",
                    importNanos / 1_000_000, loadNanos / 1_000_000);
            TravelMatrix loaded = second.matrix(POINTS, POINTS, RoadNetwork.BUS);
            assertAll(
                    () -> assertFalse(second.wasImported()),
                    () -> assertTrue(loadNanos < importNanos, "load " + loadNanos / 1_000_000
                            + " ms, import " + importNanos / 1_000_000 + " ms"),
                    () -> assertTrue(java.util.Arrays.deepEquals(imported.seconds(),
                            loaded.seconds())),
                    () -> assertTrue(java.util.Arrays.deepEquals(imported.metres(),
                            loaded.metres())),
                    () -> assertEquals(importedSnap,
                            second.snap(28.29663, 117.20555, RoadNetwork.FOOT)));
        }
    }

    @Test
    @DisplayName("A changed map file is imported again instead of loading the stale cache")
    void changedMapIsReimported(@TempDir Path dir) throws IOException {
        Path map = dir.resolve("map.osm");
        Path cache = dir.resolve("cache");
        Files.copy(Maps.file("guixi.osm"), map);
        try (RoadNetwork first = RoadNetwork.open(map, cache)) {
            assertTrue(first.wasImported());
        }
        try (RoadNetwork unchanged = RoadNetwork.open(map, cache)) {
            assertFalse(unchanged.wasImported());
        }
        // the same map under a different region: Longgang's extract replaces Guixi's
        Files.copy(Maps.file("shenzhen-longgang.osm"), map,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (RoadNetwork changed = RoadNetwork.open(map, cache)) {
            assertAll(
                    () -> assertTrue(changed.wasImported()),
                    () -> assertTrue(changed.contains(22.69, 114.21)),
                    () -> assertFalse(changed.contains(28.30, 117.22)));
        }
    }

    @Test
    @DisplayName("Editing one byte of the map, same size, still rebuilds the cache")
    void sameSizeEditIsNoticed(@TempDir Path dir) throws IOException {
        Path map = dir.resolve("map.osm");
        Path cache = dir.resolve("cache");
        String osm = Files.readString(Maps.file("guixi.osm"), StandardCharsets.UTF_8);
        Files.writeString(map, osm);
        try (RoadNetwork first = RoadNetwork.open(map, cache)) {
            assertTrue(first.wasImported());
        }
        Files.writeString(map, osm.replaceFirst("柏里大道", "柏里大路"));
        try (RoadNetwork changed = RoadNetwork.open(map, cache)) {
            assertAll(
                    () -> assertTrue(changed.wasImported()),
                    () -> assertTrue(changed.roads(28.28, 117.19, 28.33, 117.26, 10_000).stream()
                            .anyMatch(line -> line.name().equals("柏里大路"))));
        }
    }

    @Test
    @DisplayName("A missing map file fails with a message that says how to get one")
    void missingMapExplainsTheFix(@TempDir Path dir) {
        var error = assertThrows(MapFileMissingException.class,
                () -> RoadNetwork.open(dir.resolve("pinghu.osm.pbf"), dir.resolve("cache")));
        assertAll(
                () -> assertTrue(error.getMessage().contains("pinghu.osm.pbf")),
                () -> assertTrue(error.getMessage().contains("map-data/fetch")),
                () -> assertTrue(error.getMessage().contains("MAP_FILE")));
    }
}
