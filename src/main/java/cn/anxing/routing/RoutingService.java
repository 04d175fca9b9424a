package cn.anxing.routing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The road network for the Vert.x side: imports or loads it off the event loop and runs every
 * query with {@code executeBlocking}, unordered so that slow matrices do not queue up snaps.
 */
public final class RoutingService {

    /** What /health reports about the road network. */
    public enum State { IMPORTING, READY, FAILED }

    /** The state, with the reason when it FAILED. */
    public record Status(State state, String message) {
    }

    private volatile Status status = new Status(State.IMPORTING, "not started");
    private volatile RoadNetwork network;
    private Vertx vertx;
    private ExecutorService matrixWorkers;
    private int matrixThreads;

    /**
     * Opens the network on a worker thread; this can take minutes when it has to import. The
     * future fails with {@link MapFileMissingException} when there is no map file.
     */
    public Future<Void> start(Vertx vertx, RoutingConfig config) {
        this.vertx = vertx;
        this.matrixThreads = config.matrixThreads();
        AtomicInteger count = new AtomicInteger();
        this.matrixWorkers = Executors.newFixedThreadPool(config.matrixThreads(), task -> {
            Thread thread = new Thread(task, "anxing-matrix-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        status = new Status(State.IMPORTING, "opening " + config.mapFile());
        return vertx.<RoadNetwork>executeBlocking(
                        () -> RoadNetwork.open(config.mapFile(), config.cacheDir()), false)
                .onSuccess(opened -> {
                    network = opened;
                    status = new Status(State.READY, opened.wasImported()
                            ? "imported " + config.mapFile() : "loaded " + config.mapFile());
                })
                .onFailure(e -> status = new Status(State.FAILED, e.getMessage()))
                .mapEmpty();
    }

    public Status status() {
        return status;
    }

    /** The network once READY, for callers already on a worker thread. */
    public RoadNetwork network() {
        RoadNetwork ready = network;
        if (ready == null) {
            throw new IllegalStateException("the road network is not ready: "
                    + status.message());
        }
        return ready;
    }

    public MapBounds bounds() {
        return network().bounds();
    }

    public boolean contains(double lat, double lon) {
        return network().contains(lat, lon);
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

    private <T> Future<T> blocking(java.util.concurrent.Callable<T> query) {
        return vertx.executeBlocking(query, false);
    }

    /** Releases the graph and the matrix threads. */
    public Future<Void> stop() {
        if (matrixWorkers != null) {
            matrixWorkers.shutdownNow();
        }
        RoadNetwork open = network;
        network = null;
        if (open == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            open.close();
            return null;
        }, false).mapEmpty();
    }
}
