package cn.anxing.insight;

import cn.anxing.insight.InsightRepository.CaseToSnap;
import cn.anxing.insight.InsightRepository.Segment;
import cn.anxing.insight.InsightRepository.Snapped;
import cn.anxing.platform.WorkerPools;
import cn.anxing.routing.LatLon;
import cn.anxing.routing.PointNotOnRoadException;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.RoadSegment;
import cn.anxing.routing.RoutingService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every accident case on its road segment (路段吸附): the graph edge nearest the reported
 * point that a car may drive, with the edge's OSM way, name and geometry.
 *
 * <p>Lazy, so the accident feature needs no hook at report time: the cases without a segment are
 * snapped at start (the backfill), on a timer, and before each hotspot answer (the open ones
 * reported in the last two days). Several instances on one database take turns ({@link
 * SnapClaim}): while one snaps, the others' passes end at once and leave the cases to it.
 * A point with no drivable road within 500 m is stored without a segment, so it is not retried;
 * it counts as "off the road network". Edge ids belong to one import of one map file: when the
 * graph's fingerprint changes, every snap is forgotten and made again.
 */
public final class SegmentSnapper {

    /** Cases per round trip: one query, one batch of snaps on a worker, one batch insert. */
    static final int BATCH = 1000;
    /** Before an answer only the recent reports are looked for; the timer finds the rest. */
    static final Duration RECENT = Duration.ofDays(2);

    private static final Logger LOG = LoggerFactory.getLogger(SegmentSnapper.class);

    private final InsightRepository repository;
    private final RoutingService routing;
    private final WorkerPools workers;
    private final Path graphFingerprintFile;
    private final ZoneId zone;
    private final Clock clock;
    private Future<Integer> running;
    private volatile boolean graphChecked;

    public SegmentSnapper(InsightRepository repository, RoutingService routing,
            WorkerPools workers, Path graphFingerprintFile, ZoneId zone, Clock clock) {
        this.repository = repository;
        this.routing = routing;
        this.workers = workers;
        this.graphFingerprintFile = graphFingerprintFile;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * Snaps every case that has no segment yet, after any pass already running, unless another
     * instance has the turn; resolves to how many this pass snapped. Until the road network is
     * ready there is nothing to snap onto, and it resolves to 0.
     */
    public Future<Integer> snapAll() {
        return run(null, true);
    }

    /**
     * Snaps the recent cases before an answer, unless a pass is already running: then the answer
     * does not wait for a backfill of thousands and counts what is snapped so far.
     */
    public Future<Integer> snapRecent() {
        return run(clock.instant().minus(RECENT), false);
    }

    private synchronized Future<Integer> run(Instant since, boolean joinRunning) {
        if (routing.status().state() != RoutingService.State.READY) {
            return Future.succeededFuture(0);
        }
        if (running != null) {
            // the running pass may have looked before the caller's cases were there: go again
            return joinRunning ? running.transform(x -> snapAll()) : Future.succeededFuture(0);
        }
        Future<Integer> pass = checkGraph().compose(x -> claimed(since))
                .onComplete(done -> finished())
                .onFailure(e -> LOG.warn("Snapping accident cases to roads failed: {}",
                        e.toString()));
        if (!pass.isComplete()) {
            running = pass;
        }
        return pass;
    }

    private synchronized void finished() {
        running = null;
    }

    private Future<Void> checkGraph() {
        if (graphChecked) {
            return Future.succeededFuture();
        }
        return workers.routing(this::fingerprint).compose(current -> repository.graphFingerprint()
                .compose(stored -> {
                    if (stored.isPresent() && stored.get().equals(current)) {
                        return Future.<Void>succeededFuture();
                    }
                    if (stored.isPresent()) {
                        LOG.info("The road graph changed: snapping every accident case again");
                    }
                    return repository.startGraph(current);
                })).onSuccess(x -> graphChecked = true);
    }

    /** The graph's fingerprint and the zone of the stored local minutes. */
    private String fingerprint() throws IOException {
        return (Files.isRegularFile(graphFingerprintFile) ? Files.readString(graphFingerprintFile)
                : "graph unknown\n") + "zone=" + zone.getId() + "\n";
    }

    /**
     * This instance's turn at snapping, batch after batch until none is full; none while another
     * instance has the turn (it snaps the same cases: they are not done twice).
     */
    private Future<Integer> claimed(Instant since) {
        return repository.claimSnapping().compose(claim -> claim.isEmpty()
                ? Future.succeededFuture(0)
                : rounds(claim.get(), since, 0).eventually(claim.get()::release));
    }

    private Future<Integer> rounds(SnapClaim claim, Instant since, int doneSoFar) {
        return claim.unsnapped(since, BATCH).compose(cases -> {
            int done = doneSoFar + cases.size();
            if (cases.isEmpty()) {
                return Future.succeededFuture(logged(done));
            }
            return workers.routing(() -> snap(cases)).compose(claim::save)
                    .compose(x -> cases.size() < BATCH ? Future.succeededFuture(logged(done))
                            : rounds(claim, since, done));
        });
    }

    private static int logged(int done) {
        if (done >= BATCH) {
            LOG.info("Snapped {} accident cases to road segments", done);
        } else if (done > 0) {
            LOG.debug("Snapped {} accident cases to road segments", done);
        }
        return done;
    }

    /** Runs on a routing worker: the graph lookups of one batch. */
    private List<Snapped> snap(List<CaseToSnap> cases) {
        RoadNetwork network = routing.network();
        List<Snapped> out = new ArrayList<>(cases.size());
        for (CaseToSnap c : cases) {
            Optional<Segment> segment;
            try {
                segment = Optional.of(segment(network.segmentAt(c.lat(), c.lon(),
                        RoadNetwork.BUS)));
            } catch (PointNotOnRoadException e) {
                segment = Optional.empty();
            }
            LocalTime local = c.occurredAt().atZone(zone).toLocalTime();
            out.add(new Snapped(c.id(), c.occurredAt(), local.getHour() * 60 + local.getMinute(),
                    segment));
        }
        return out;
    }

    private static Segment segment(RoadSegment s) {
        var coordinates = new JsonArray();
        for (LatLon p : s.geometry()) {
            coordinates.add(new JsonArray().add(round(p.lon())).add(round(p.lat())));
        }
        return new Segment(s.edgeId(), s.osmWayId(), s.roadName(), s.roadClass(), coordinates);
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
