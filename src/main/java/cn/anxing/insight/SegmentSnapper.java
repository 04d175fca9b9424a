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
import io.vertx.core.Vertx;
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
 * snapped at start (the backfill), every 15 s (all of them), every 2 s (the new reports, a few
 * hundred at a time) and before each hotspot answer (the open ones reported in the last two
 * days). Several instances on one database take turns ({@link
 * SnapClaim}): while one snaps, the others' passes end at once and leave the cases to it.
 * A point with no drivable road within 500 m is stored without a segment, so it is not retried;
 * it counts as "off the road network". Edge ids belong to one import of one map file: when the
 * graph's fingerprint changes, every snap is forgotten and made again.
 */
public final class SegmentSnapper {

    /** Cases looked for in one query (the search for unsnapped cases reads them all). */
    static final int LOOKUP = 20_000;
    /** Cases per batch: one batch of snaps on a worker, one insert. */
    static final int BATCH = 500;
    /** Before an answer only the recent reports are looked for; the timer finds the rest. */
    static final Duration RECENT = Duration.ofDays(2);
    /**
     * The new reports' pass looks back this far before its last start: a report's row is visible
     * a moment after its report time (the transaction's start); the full pass finds any later.
     */
    static final Duration NEW_MARGIN = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(SegmentSnapper.class);

    private final Vertx vertx;
    private final InsightRepository repository;
    private final RoutingService routing;
    private final WorkerPools workers;
    private final Path graphFingerprintFile;
    private final ZoneId zone;
    private final Clock clock;
    private Future<Integer> running;
    private volatile boolean graphChecked;
    private volatile Instant newSince;

    public SegmentSnapper(Vertx vertx, InsightRepository repository, RoutingService routing,
            WorkerPools workers, Path graphFingerprintFile, ZoneId zone, Clock clock) {
        this.vertx = vertx;
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
     * Snaps the cases reported since this pass last ran (a minute's margin), unless a pass is
     * running: every few seconds, so the new reports are snapped a few hundred at a time, not
     * thousands at once, and found by a short range scan over the open cases' report times rather
     * than the full pass's search of every case.
     */
    public Future<Integer> snapNew() {
        Instant started = clock.instant();
        Instant since = newSince == null ? started.minus(RECENT) : newSince;
        return run(since, false).onSuccess(n -> newSince = started.minus(NEW_MARGIN));
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
     * This instance's turn at snapping every case it finds without a segment; none while another
     * instance has the turn (it snaps the same cases: they are not done twice).
     */
    private Future<Integer> claimed(Instant since) {
        return repository.claimSnapping().compose(claim -> claim.isEmpty()
                ? Future.succeededFuture(0)
                : lookups(claim.get(), since, 0).eventually(claim.get()::release));
    }

    /** One query for up to LOOKUP unsnapped cases, their batches, and again while it was full. */
    private Future<Integer> lookups(SnapClaim claim, Instant since, int doneSoFar) {
        return claim.unsnapped(since, LOOKUP).compose(cases -> batches(claim, cases, 0)
                .compose(x -> cases.size() < LOOKUP
                        ? Future.succeededFuture(logged(doneSoFar + cases.size()))
                        : lookups(claim, since, doneSoFar + cases.size())));
    }

    /**
     * The cases found, batch after batch, and after each a rest as long as it took: a backlog
     * (the thousands a burst of reports leaves, or every case after a new map) takes at most half
     * of a core and one connection, and the reports that share them wait for no long run of
     * batches.
     */
    private Future<Void> batches(SnapClaim claim, List<CaseToSnap> cases, int from) {
        if (from >= cases.size()) {
            return Future.succeededFuture();
        }
        List<CaseToSnap> batch = cases.subList(from, Math.min(cases.size(), from + BATCH));
        long started = System.nanoTime();
        return workers.routing(() -> snap(batch)).compose(claim::save).compose(x -> {
            int next = from + batch.size();
            if (next >= cases.size()) {
                return Future.succeededFuture();
            }
            long took = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            return vertx.timer(took).compose(t -> batches(claim, cases, next));
        });
    }

    private static int logged(int done) {
        if (done > BATCH) {
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
