package cn.anxing.http;

import io.vertx.ext.web.Router;

/** A feature's routes, declared together, one line each. */
public interface FeatureRoutes {

    void mount(Router router);
}
