package cn.anxing.routing;

import cn.anxing.error.DomainException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The road network for the Vert.x side: imports or loads it off the event loop and runs every
 * query on the routing worker pool, unordered so that slow matrices do not queue up snaps. The
 * one place that says "not ready yet" ({@link #requireReady}) and "not on the map"
 * ({@link #requireOnMap}) for every feature.
 */
public final class RoutingService {

    /** What /health reports about the road network. */
    public enum State { IMPORTING, READY, FAILED }

    /** The state, with the reason when it FAILED. */
    public record Status(State state, String message) {
    }

    private final Promise<Void> ready = Promise.promise();
    private volatile Status status = new Status(State.IMPORTING, "not started");
    private volatile RoadNetwork network;
    private WorkerExecutor pool;
    private boolean ownsPool;
    private ExecutorService matrixWorkers;
    private int matrixThreads;

    /** Queries run on a pool of its own, made at start (for tests and tools). */
    public RoutingService() {
    }

    /** Queries run on {@code pool}: the server's named routing pool. */
    public RoutingService(WorkerExecutor pool) {
        this.pool = pool;
    }

    /**
     * Opens the network on a worker thread; this can take minutes when it has to import. The
     * future fails with {@link MapFileMissingException} when there is no map file.
     */
    public Future<Void> start(Vertx vertx, RoutingConfig config) {
        this.matrixThreads = config.matrixThreads();
        if (pool == null) {
            pool = vertx.createSharedWorkerExecutor("anxing-routing", 2);
            ownsPool = true;
        }
        AtomicInteger count = new AtomicInteger();
        this.matrixWorkers = Executors.newFixedThreadPool(config.matrixThreads(), task -> {
            Thread thread = new Thread(task, "anxing-matrix-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        status = new Status(State.IMPORTING, "opening " + config.mapFile());
        pool.<RoadNetwork>executeBlocking(
                        () -> RoadNetwork.open(config.mapFile(), config.cacheDir()), false)
                .onSuccess(opened -> {
                    network = opened;
                    status = new Status(State.READY, opened.wasImported()
                            ? "imported " + config.mapFile() : "loaded " + config.mapFile());
                })
                .onFailure(e -> status = new Status(State.FAILED, e.getMessage()))
                .<Void>mapEmpty()
                .onComplete(ready);
        return ready.future();
    }

    public Status status() {
        return status;
    }

    /** Completes when the network is READY, fails when it could not be opened. */
    public Future<Void> whenReady() {
        return ready.future();
    }

    /**
     * The network once READY; otherwise the one "not ready" error every feature answers with
     * ({@code 503 GRAPH_NOT_READY}), so a client knows to try again shortly.
     */
    public RoadNetwork requireReady() {
        RoadNetwork open = network;
        if (open == null) {
            throw new DomainException(RoutingError.GRAPH_NOT_READY, "路网尚未加载完成 / the road"
                    + " network is not loaded yet (" + status.message() + "); try again shortly");
        }
        return open;
    }

    /** The network once READY, for callers already on a worker thread. */
    public RoadNetwork network() {
        return requireReady();
    }

    /** Fails with {@code OUTSIDE_MAP} naming {@code lat} or {@code lon} unless on the map. */
    public void requireOnMap(LatLon point) {
        requireOnMap(point, "lat", "lon");
    }

    /**
     * Fails unless the network is ready and the point lies on the imported map, naming
     * {@code latField} or {@code lonField} (as the client sent it) as the one out of range.
     */
    public void requireOnMap(LatLon point, String latField, String lonField) {
        MapBounds bounds = requireReady().bounds();
        if (point.lat() < bounds.minLat() || point.lat() > bounds.maxLat()) {
            throw new DomainException(RoutingError.OUTSIDE_MAP, latField + " " + point.lat()
                    + " is outside the map (latitude " + bounds.minLat() + " to "
                    + bounds.maxLat() + ") / 坐标不在地图范围内", latField);
        }
        if (point.lon() < bounds.minLon() || point.lon() > bounds.maxLon()) {
            throw new DomainException(RoutingError.OUTSIDE_MAP, lonField + " " + point.lon()
                    + " is outside the map (longitude " + bounds.minLon() + " to "
                    + bounds.maxLon() + ") / 坐标不在地图范围内", lonField);
        }
    }

    public MapBounds bounds() {
        return requireReady().bounds();
    }

    public boolean contains(double lat, double lon) {
        return requireReady().contains(lat, lon);
    }

    public Future<RoadSnap> snap(double lat, double lon, String profile) {
        return blocking(() -> network().snap(lat, lon, profile));
    }

    public Future<Route> route(List<LatLon> points, String profile) {
        return blocking(() -> network().route(points, profile));
    }

    public Future<TravelMatrix> matrix(List<LatLon> from, List<LatLon> to, String profile) {
        return blocking(() -> network().matrix(from, to, profile, matrixWorkers, matrixThreads));
    }

    public Future<List<RoadLine>> roads(double minLat, double minLon, double maxLat,
                                        double maxLon, int limit) {
        return blocking(() -> network().roads(minLat, minLon, maxLat, maxLon, limit));
    }

    public Future<List<StopCandidate>> stopCandidates(double lat, double lon,
                                                      double radiusMetres, double spacingMetres) {
        return blocking(() -> network().stopCandidates(lat, lon, radiusMetres, spacingMetres));
    }

    private <T> Future<T> blocking(Callable<T> query) {
        return pool.executeBlocking(query, false);
    }

    /** Releases the graph and the matrix threads. */
    public Future<Void> stop() {
        if (matrixWorkers != null) {
            matrixWorkers.shutdownNow();
        }
        RoadNetwork open = network;
        network = null;
        if (open == null) {
            return closeOwnPool();
        }
        return pool.executeBlocking(() -> {
            open.close();
            return null;
        }, false).eventually(this::closeOwnPool).mapEmpty();
    }

    private Future<Void> closeOwnPool() {
        return ownsPool ? pool.close() : Future.succeededFuture();
    }
}
