package cn.anxing.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import cn.anxing.testing.Api;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** Steps the bus tests share: waiting for the graph and the demo, running a plan to its end. */
final class BusTestSupport {

    static final String BASE = "/api/v1/bus";

    private BusTestSupport() {
    }

    /** Waits until health reports the road graph loaded. */
    static void awaitGraph(Api api) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Api.Reply health = api.get("/health");
            if (health.status() == 200) {
                return;
            }
            if ("DOWN".equals(health.json().getString("graph"))) {
                fail("the road graph failed to load: " + health);
            }
            sleep(200);
        }
        fail("the road graph did not load in time");
    }

    /** Waits until the demo school has its households and buses, and returns it. */
    static JsonObject awaitDemoSchool(Api coordinator) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonArray schools = coordinator.get(BASE + "/schools").jsonArray();
            for (Object o : schools) {
                JsonObject school = (JsonObject) o;
                if (school.getLong("households") == BusDemo.HOUSEHOLDS
                        && school.getLong("buses") == BusDemo.BUSES) {
                    return school;
                }
            }
            sleep(200);
        }
        return fail("the bus demo did not load in time");
    }

    /** Requests a plan, waits for its job to finish and returns the plan. */
    static JsonObject plan(Api coordinator, String schoolId, JsonObject request) {
        Api.Reply accepted = coordinator.post(BASE + "/schools/" + schoolId + "/plans", request);
        assertEquals(202, accepted.status(), accepted.toString());
        JsonObject job = awaitJob(coordinator, accepted.json().getString("id"));
        assertEquals("done", job.getString("status"), job.encodePrettily());
        Api.Reply plan = coordinator.get(BASE + "/plans/" + job.getString("planId"));
        assertEquals(200, plan.status(), plan.toString());
        return plan.json().put("job", job);
    }

    static JsonObject awaitJob(Api coordinator, String jobId) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject job = coordinator.get(BASE + "/plan-jobs/" + jobId).json();
            String status = job.getString("status");
            if (status.equals("done") || status.equals("failed")) {
                return job;
            }
            sleep(500);
        }
        return fail("the planning job did not finish in time");
    }

    static JsonObject createSchool(Api coordinator, String name, double lat, double lon) {
        Api.Reply created = coordinator.post(BASE + "/schools", new JsonObject()
                .put("name", name).put("lat", lat).put("lon", lon)
                .put("eveningDismissal", "21:00").put("morningArrival", "07:20"));
        assertEquals(201, created.status(), created.toString());
        return created.json();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
