package cn.anxing.insight;

import cn.anxing.http.FeatureRoutes;
import cn.anxing.platform.FeatureModule;
import cn.anxing.platform.Platform;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one traffic map and the dashboard: snaps accident cases to road segments in the
 * background, answers /api/v1/insight/**, and keeps the dashboard's metrics.
 */
public final class InsightModule implements FeatureModule {

    /** How often every unsnapped case is looked for and the metrics read again. */
    static final long TIMER_MS = 15_000;
    /** How often the cases reported since the last look are snapped. */
    static final long NEW_CASES_MS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(InsightModule.class);

    private final Platform platform;
    private final SegmentSnapper snapper;
    private final InsightMetrics metrics;
    private final InsightRoutes routes;
    private long timer = -1;
    private long newCasesTimer = -1;

    public InsightModule(Platform platform) {
        this.platform = platform;
        var repository = new InsightRepository(platform.pool());
        var dashboard = new DashboardRepository(platform.pool());
        var bands = TimeBands.bundled();
        this.snapper = new SegmentSnapper(platform.vertx(), repository, platform.routing(),
                platform.workers(), platform.config().graphCacheDir().resolve("map.fingerprint"),
                bands.zone(), platform.clock());
        this.metrics = new InsightMetrics(dashboard, platform.metrics(), platform.clock());
        this.routes = new InsightRoutes(new InsightService(repository, dashboard, snapper,
                bands, platform.clock()), platform.authz());
    }

    @Override
    public List<FeatureRoutes> routes() {
        return List.of(routes);
    }

    /** Starts the timer; the backfill runs on its first tick after the road network is ready. */
    @Override
    public Future<Void> start() {
        timer = platform.vertx().setPeriodic(1_000, TIMER_MS, id -> tick());
        newCasesTimer = platform.vertx().setPeriodic(NEW_CASES_MS, NEW_CASES_MS,
                id -> snapper.snapNew());
        return metrics.refresh().recover(e -> {
            LOG.warn("Insight metrics could not be read at start: {}", e.toString());
            return Future.succeededFuture();
        });
    }

    private void tick() {
        snapper.snapAll();
        metrics.refresh().onFailure(e -> LOG.warn("Insight metrics refresh failed: {}",
                e.toString()));
    }

    /** Cases not yet snapped, snapped now: for tests and the benchmark that cannot wait. */
    public Future<Integer> snapNow() {
        return snapper.snapAll();
    }

    public Future<Void> refreshMetrics() {
        return metrics.refresh();
    }

    @Override
    public Future<Void> stop() {
        if (timer >= 0) {
            platform.vertx().cancelTimer(timer);
            platform.vertx().cancelTimer(newCasesTimer);
        }
        return Future.succeededFuture();
    }
}
