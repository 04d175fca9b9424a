package cn.anxing.platform;

import cn.anxing.demo.DemoData;
import cn.anxing.http.FeatureRoutes;
import io.vertx.core.Future;
import java.util.List;

/**
 * One feature, built from the {@link Platform}: its repository, service and routes, and what it
 * registers (metrics, demo data). The application starts modules in order and stops them in
 * reverse.
 */
public interface FeatureModule {

    /** The feature's routes, mounted under {@code /api/v1}. */
    List<FeatureRoutes> routes();

    /** Work to do once before the server listens (e.g. recover jobs left by a stop). */
    default Future<Void> start() {
        return Future.succeededFuture();
    }

    /** The feature's demo data, loaded only when the demo is enabled. */
    default List<DemoData> demo() {
        return List.of();
    }

    /** Releases what the module holds; called in reverse order of start. */
    default Future<Void> stop() {
        return Future.succeededFuture();
    }
}
