package cn.anxing.map.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.map.tiles.VectorTileReader.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Base map tiles cut from the Guixi extract")
class TileSetTest {

    private static final Path GUIXI = Path.of("map-data/guixi.osm");

    @TempDir
    static Path cache;
    private static TileSet tiles;

    @BeforeAll
    static void generate() throws IOException {
        tiles = TileSet.open(GUIXI, cache.resolve("guixi"));
    }

    /** The tile x/y of (lat, lon) at zoom z, as every slippy map counts them. */
    static int[] tileOf(double lat, double lon, int z) {
        int n = 1 << z;
        return new int[] {(int) Math.floor(OsmExtractReader.mercatorX(lon) * n),
                (int) Math.floor(OsmExtractReader.mercatorY(lat) * n)};
    }

    private static Map<String, List<Feature>> layersAt(double lat, double lon, int z) {
        int[] xy = tileOf(lat, lon, z);
        byte[] tile = tiles.gzipped(z, xy[0], xy[1]);
        assertNotNull(tile, "a tile at " + z + "/" + xy[0] + "/" + xy[1]);
        return VectorTileReader.read(tile);
    }

    @Test
    @DisplayName("The zoom 16 tile over 贵溪大道 has it as a primary road with its Chinese name")
    void roadNameAtZoom16() {
        List<Feature> roads = layersAt(28.3070835, 117.2461304, 16).get("road");
        assertNotNull(roads, "a road layer");
        assertTrue(roads.stream().anyMatch(f -> f.type() == 2
                        && "贵溪大道".equals(f.properties().get("name"))
                        && "primary".equals(f.properties().get("class"))),
                "贵溪大道 among " + roads.stream().map(f -> f.properties().get("name")).toList());
    }

    @ParameterizedTest(name = "zoom {0} over the town centre has the layer {1}")
    @CsvSource({
        "16, building", "16, road", "15, building", "14, road", "14, building", "12, road",
        "12, place",
    })
    @DisplayName("Town centre tiles carry the layers the style draws")
    void layersByZoom(int z, String layer) {
        // the old town south of the river, where the extract has its buildings
        var layers = layersAt(28.2971, 117.2269, z);
        assertTrue(layers.containsKey(layer), "layers at " + z + ": " + layers.keySet());
    }

    @Test
    @DisplayName("Minor roads and buildings are left out of the zoom 12 tiles")
    void generalisedAtLowZoom() {
        var layers = layersAt(28.3070835, 117.2461304, 12);
        assertFalse(layers.containsKey("building"), layers.keySet().toString());
        assertTrue(layers.get("road").stream().noneMatch(f ->
                "minor".equals(f.properties().get("class"))));
    }

    @Test
    @DisplayName("There are no tiles outside the extract and no zooms beyond 16")
    void nothingOutside() {
        int[] beijing = tileOf(39.9, 116.4, 16);
        assertNull(tiles.gzipped(16, beijing[0], beijing[1]));
        int[] guixi = tileOf(28.3070835, 117.2461304, 17);
        assertNull(tiles.gzipped(17, guixi[0], guixi[1]));
    }

    @Test
    @DisplayName("Tiles load from the cache for the same file and regenerate when it changes")
    void regenerateWhenTheMapChanges(@TempDir Path dir) throws IOException {
        Path map = dir.resolve("map.osm");
        Files.copy(GUIXI, map);
        Path tileCache = dir.resolve("cache");
        assertTrue(TileSet.open(map, tileCache).stats().generated());
        assertFalse(TileSet.open(map, tileCache).stats().generated(), "loaded the second time");

        // rename 贵溪大道 in the file: the next start must cut new tiles that say so
        String renamed = Files.readString(map).replace("v=\"贵溪大道\"", "v=\"测试大道\"");
        Files.writeString(map, renamed);
        TileSet again = TileSet.open(map, tileCache);
        assertTrue(again.stats().generated(), "the changed file was cut again");
        int[] xy = tileOf(28.3070835, 117.2461304, 16);
        var roads = VectorTileReader.read(again.gzipped(16, xy[0], xy[1])).get("road");
        assertTrue(roads.stream().anyMatch(f -> "测试大道".equals(f.properties().get("name"))));
        assertTrue(roads.stream().noneMatch(f -> "贵溪大道".equals(f.properties().get("name"))));
        assertEquals(again.stats().tiles(), TileSet.open(map, tileCache).stats().tiles());
    }
}
