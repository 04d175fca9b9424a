package cn.anxing.bus;

import cn.anxing.demo.DemoData;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.map.tiles.BaseMap;
import cn.anxing.platform.FeatureModule;
import cn.anxing.platform.Platform;
import io.vertx.core.Future;
import java.util.List;

/**
 * School custom buses: the repository, the planning queue, the service, routes, printing (route
 * sheets, stop lists, notices, with the PDF font the accident documents use) and demo.
 */
public final class BusModule implements FeatureModule {

    private final PlanningJobs jobs;
    private final BusRoutes routes;
    private final PrintRoutes printRoutes;
    private final PlanReviewRoutes review;
    private final RegisterRoutes register;
    private final BusDemo demo;

    public BusModule(Platform platform, BaseMap baseMap) {
        var repository = new BusRepository(platform.pool());
        var routing = platform.routing();
        this.jobs = new PlanningJobs(platform.pool(), repository, routing,
                platform.config().map().matrixThreads(), platform.config().map().planJobLease(),
                baseMap::awaitNames);
        var bus = new BusService(repository, routing, jobs);
        this.routes = new BusRoutes(bus, platform.authz());
        var reviewService = new PlanReviewService(bus, repository,
                new PlanReviewRepository(platform.pool()), jobs, routing, platform.workers(),
                platform.clock());
        this.review = new PlanReviewRoutes(reviewService, platform.authz());
        this.printRoutes = new PrintRoutes(new PrintService(bus, repository, reviewService, routing,
                platform.workers(), platform.config().accident().pdfFontPath()), platform.authz());
        this.register = new RegisterRoutes(new RegisterService(bus,
                new RegisterRepository(platform.pool()), routing, platform.vertx()), bus,
                platform.authz());
        this.demo = new BusDemo(platform.vertx(), repository, routing, routing.whenReady(),
                platform.config().map().mapFile());
    }

    @Override
    public List<FeatureRoutes> routes() {
        return List.of(routes, review, printRoutes, register);
    }

    /** Starts this instance's planning worker; jobs are claimed from the database. */
    @Override
    public Future<Void> start() {
        return jobs.start();
    }

    @Override
    public List<DemoData> demo() {
        return List.of(demo);
    }

    @Override
    public Future<Void> stop() {
        jobs.stop();
        return Future.succeededFuture();
    }
}
