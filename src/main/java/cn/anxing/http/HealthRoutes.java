package cn.anxing.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.function.Supplier;

/** {@code GET /health}: 200 only when the database answers and the road graph is loaded. */
public final class HealthRoutes implements FeatureRoutes {

    /** The road graph's state as health reports it: UP, IMPORTING or DOWN, with a detail. */
    public record GraphState(String status, String detail) {
    }

    private final Pool pool;
    private final Supplier<GraphState> graph;
    private final long startedAt = System.currentTimeMillis();

    public HealthRoutes(Pool pool, Supplier<GraphState> graph) {
        this.pool = pool;
        this.graph = graph;
    }

    @Override
    public void mount(Router router) {
        router.get("/health").handler(this::health);
    }

    private void health(RoutingContext ctx) {
        // a database that does not answer within 2 s is down, as far as a balancer cares
        Future<String> db = pool.query("SELECT 1").execute()
                .timeout(2, java.util.concurrent.TimeUnit.SECONDS)
                .map(rows -> "UP")
                .otherwise("DOWN");
        db.onComplete(result -> {
            String dbStatus = result.succeeded() ? result.result() : "DOWN";
            GraphState graphState = graph.get();
            boolean up = dbStatus.equals("UP") && graphState.status().equals("UP");
            var body = new JsonObject()
                    .put("status", up ? "UP" : "DOWN")
                    .put("db", dbStatus)
                    .put("graph", graphState.status())
                    .put("uptimeSeconds", (System.currentTimeMillis() - startedAt) / 1000);
            if (graphState.detail() != null) {
                body.put("graphDetail", graphState.detail());
            }
            Responses.json(ctx, up ? 200 : 503, body);
        });
    }
}
