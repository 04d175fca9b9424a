package cn.anxing.bus;

import cn.anxing.demo.DemoData;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.platform.FeatureModule;
import cn.anxing.platform.Platform;
import io.vertx.core.Future;
import java.util.List;

/** School custom buses: the repository, the planning queue, the service, routes and demo. */
public final class BusModule implements FeatureModule {

    private final PlanningJobs jobs;
    private final BusRoutes routes;
    private final RegisterRoutes register;
    private final BusDemo demo;

    public BusModule(Platform platform) {
        var repository = new BusRepository(platform.pool());
        var routing = platform.routing();
        this.jobs = new PlanningJobs(platform.pool(), repository, routing,
                platform.config().map().matrixThreads(), platform.config().map().planJobLease());
        var service = new BusService(repository, routing, jobs);
        this.routes = new BusRoutes(service, platform.authz());
        this.register = new RegisterRoutes(new RegisterService(service,
                new RegisterRepository(platform.pool()), routing, platform.vertx()), service,
                platform.authz());
        this.demo = new BusDemo(platform.vertx(), repository, routing, routing.whenReady(),
                platform.config().map().mapFile());
    }

    @Override
    public List<FeatureRoutes> routes() {
        return List.of(routes, register);
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
