package cn.anxing.http;

import io.vertx.ext.web.Router;

/**
 * Routes whose bodies exceed the JSON limit (photo uploads) and so need their own BodyHandler,
 * mounted before the general one.
 */
public interface UploadRoutes extends FeatureRoutes {

    void mountUploads(Router router);
}
