package cn.anxing.map.tiles;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our own base map for the Vert.x side: cuts or loads the tiles off the event loop at start,
 * answers tiles from memory, renders glyph ranges on its own worker and hands out the style;
 * reads the map's names (cross streets, landmarks) once for every feature that names a place.
 */
public final class BaseMap {

    /** What the tiles are doing, for the routes. */
    public enum State { GENERATING, READY, FAILED }

    private static final Logger LOG = LoggerFactory.getLogger(BaseMap.class);

    private volatile State state = State.GENERATING;
    private volatile TileSet tiles;
    private volatile String failure;
    private final JsonObject style = loadStyle();
    private GlyphRanges glyphs;
    private WorkerExecutor worker;
    private final CompletableFuture<NamedPlaces> names = new CompletableFuture<>();

    /**
     * Cuts the tiles of {@code mapFile} (or loads them from {@code cacheDir}) on a worker; the
     * future fails when the file cannot be read. Tiles answer 503 meanwhile.
     */
    public Future<Void> start(Vertx vertx, Path mapFile, Path cacheDir) {
        // one named thread: cutting a county takes seconds, a glyph range milliseconds, and
        // neither should wait behind GraphHopper or PDFs on the shared pools
        worker = vertx.createSharedWorkerExecutor("anxing-map-tiles", 1);
        Future<Void> tilesMade = worker.<TileSet>executeBlocking(() -> {
            glyphs = GlyphRanges.installed();
            return TileSet.open(mapFile, cacheDir);
        }).onSuccess(opened -> {
            tiles = opened;
            state = State.READY;
        }).onFailure(e -> {
            failure = e.getMessage();
            state = State.FAILED;
            LOG.error("The base map tiles of {} could not be made: {}", mapFile, e.toString());
        }).mapEmpty();
        // the names near a point, from the same extract, on a thread of their own so glyphs
        // do not wait for them
        vertx.createSharedWorkerExecutor("anxing-map-names", 1)
                .executeBlocking(() -> readNames(mapFile), false);
        return tilesMade;
    }

    private boolean readNames(Path mapFile) {
        try {
            return names.complete(NamedPlaces.read(mapFile));
        } catch (IOException | RuntimeException e) {
            LOG.warn("The names of {} could not be read; places are named from their roads"
                    + " only: {}", mapFile, e.toString());
            return names.complete(NamedPlaces.none());
        }
    }

    /**
     * The cross streets and landmarks of the map as far as they are read: none until the
     * extract has been read (a few seconds after start), for callers that must not wait.
     */
    public NamedPlaces namesNow() {
        return names.getNow(NamedPlaces.none());
    }

    /** The names once read; blocks, so only for a worker thread (the bus planner's). */
    public NamedPlaces awaitNames() {
        return names.join();
    }

    public State state() {
        return state;
    }

    /** Why the tiles FAILED, else null. */
    public String failure() {
        return failure;
    }

    /** The gzipped tile, or null where the map has none; only when {@link #state} is READY. */
    public byte[] tile(int z, int x, int y) {
        return tiles.gzipped(z, x, y);
    }

    /** The glyph protobuf of the range starting at {@code start}, rendered on first use. */
    public Future<byte[]> glyphs(int start) {
        return worker.executeBlocking(() -> glyphs.range(start), false);
    }

    /**
     * The MapLibre style with this map's bounds; URLs are relative to our server (the page
     * makes them absolute), so the style works behind any host name.
     */
    public JsonObject style() {
        double[] b = tiles.bounds();
        JsonObject copy = style.copy();
        copy.put("center", new JsonArray().add((b[0] + b[2]) / 2).add((b[1] + b[3]) / 2))
                .put("zoom", 14);
        copy.getJsonObject("sources").getJsonObject("osm")
                .put("bounds", new JsonArray().add(b[0]).add(b[1]).add(b[2]).add(b[3]))
                .put("minzoom", TileSet.minZoom())
                .put("maxzoom", TileSet.maxZoom());
        return copy;
    }

    private static JsonObject loadStyle() {
        try (InputStream in = BaseMap.class.getResourceAsStream("/map/style.json")) {
            if (in == null) {
                throw new IllegalStateException("missing resource /map/style.json");
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
