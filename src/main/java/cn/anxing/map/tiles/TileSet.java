package cn.anxing.map.tiles;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base map's vector tiles of one OSM extract (底图瓦片), generated from the extract on first
 * use and kept in one file under the cache directory; a changed extract (or a change in how
 * tiles are cut, {@link #FORMAT}) generates them again, as the road graph cache does.
 *
 * <p>All tiles are held in memory, gzipped: a county is a few megabytes, and serving a tile is
 * then a map lookup on the event loop.
 */
public final class TileSet {

    /** Raise when the layers, classes or zooms change, so old caches are regenerated. */
    static final String FORMAT = "anxing-tiles-1";

    private static final Logger LOG = LoggerFactory.getLogger(TileSet.class);
    private static final String TILES_FILE = "tiles.bin";
    private static final String FINGERPRINT_FILE = "map.fingerprint";

    /** How the tiles came to be, for the log, /health-like answers and the benchmark. */
    public record Stats(boolean generated, int features, int tiles, long bytes, long millis) {
    }

    private final Map<Long, byte[]> tiles;
    private final Stats stats;

    private TileSet(Map<Long, byte[]> tiles, Stats stats) {
        this.tiles = tiles;
        this.stats = stats;
    }

    /**
     * The tiles of {@code mapFile}: loaded from {@code cacheDir} when they were made from this
     * very file, generated (and stored there) otherwise. Blocking: seconds for a county.
     */
    public static TileSet open(Path mapFile, Path cacheDir) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(cacheDir);
        Path tilesFile = cacheDir.resolve(TILES_FILE);
        Path fingerprintFile = cacheDir.resolve(FINGERPRINT_FILE);
        String fingerprint = fingerprint(mapFile);
        if (Files.isRegularFile(tilesFile) && Files.isRegularFile(fingerprintFile)
                && Files.readString(fingerprintFile).equals(fingerprint)) {
            Map<Long, byte[]> tiles = read(tilesFile);
            var stats = new Stats(false, 0, tiles.size(), Files.size(tilesFile), millis(started));
            LOG.info("Loaded {} base map tiles of {} in {} ms", tiles.size(), mapFile,
                    stats.millis());
            return new TileSet(tiles, stats);
        }
        // the fingerprint goes last, so a crash half-way generates again on the next start
        Files.deleteIfExists(fingerprintFile);
        LOG.info("Generating the base map tiles of {}", mapFile);
        List<MapFeature> features = OsmExtractReader.read(mapFile);
        Map<Long, byte[]> tiles = TileGenerator.generate(features);
        // a file of its own, should two servers share the data folder and cut at once
        Path tmp = Files.createTempFile(cacheDir, TILES_FILE, ".tmp");
        write(tiles, tmp);
        Files.move(tmp, tilesFile, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(fingerprintFile, fingerprint);
        var stats = new Stats(true, features.size(), tiles.size(), Files.size(tilesFile),
                millis(started));
        LOG.info("Generated {} base map tiles ({} bytes) from {} features of {} in {} ms: {}",
                stats.tiles(), stats.bytes(), stats.features(), mapFile, stats.millis(),
                OsmExtractReader.countByLayer(features));
        return new TileSet(tiles, stats);
    }

    /** The gzipped tile, or null where the map has nothing (outside it, or empty ground). */
    public byte[] gzipped(int z, int x, int y) {
        return tiles.get(key(z, x, y));
    }

    /**
     * {minLon, minLat, maxLon, maxLat} of the tiles at the last zoom: the area the map covers,
     * a tile's width (some 500 m) generous.
     */
    public double[] bounds() {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        int z = TileGenerator.MAX_ZOOM;
        for (long key : tiles.keySet()) {
            if ((int) (key >>> 58) != z) {
                continue;
            }
            int x = (int) ((key >>> 29) & ((1 << 29) - 1));
            int y = (int) (key & ((1 << 29) - 1));
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        if (maxX < 0) {
            return new double[] {-180, -85, 180, 85};
        }
        double n = 1 << z;
        return new double[] {minX / n * 360 - 180, latitude((maxY + 1) / n),
                (maxX + 1) / n * 360 - 180, latitude(minY / n)};
    }

    private static double latitude(double mercatorY) {
        return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * mercatorY))));
    }

    public Stats stats() {
        return stats;
    }

    public static int minZoom() {
        return TileGenerator.MIN_ZOOM;
    }

    public static int maxZoom() {
        return TileGenerator.MAX_ZOOM;
    }

    static long key(int z, int x, int y) {
        return ((long) z << 58) | ((long) x << 29) | y;
    }

    private static void write(Map<Long, byte[]> tiles, Path file) throws IOException {
        try (var out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(file)))) {
            out.writeUTF(FORMAT);
            out.writeInt(tiles.size());
            for (Map.Entry<Long, byte[]> tile : tiles.entrySet()) {
                out.writeLong(tile.getKey());
                out.writeInt(tile.getValue().length);
                out.write(tile.getValue());
            }
        }
    }

    private static Map<Long, byte[]> read(Path file) throws IOException {
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!FORMAT.equals(in.readUTF())) {
                throw new IOException("not a tile file of format " + FORMAT + ": " + file);
            }
            int count = in.readInt();
            Map<Long, byte[]> tiles = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                long key = in.readLong();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                tiles.put(key, bytes);
            }
            return tiles;
        }
    }

    /** Size and SHA-256 of the extract, and the tile format. */
    static String fingerprint(Path mapFile) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(mapFile)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        digest.update(FORMAT.getBytes(StandardCharsets.UTF_8));
        return "size=" + Files.size(mapFile) + "\nsha256="
                + HexFormat.of().formatHex(digest.digest()) + "\n";
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
