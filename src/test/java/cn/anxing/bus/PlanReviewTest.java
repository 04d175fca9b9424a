package cn.anxing.bus;

import static cn.anxing.bus.BusTestSupport.BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cn.anxing.demo.DemoAccounts;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@DisplayName("Plan review: drafts, publishing, comparing and editing by hand on the demo school")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanReviewTest {

    private static TestServer server;
    private static Api coordinator;
    private static Api parent;
    private static String schoolId;
    private static JsonObject first;

    @BeforeAll
    static void planOnce() {
        server = TestServer.start();
        BusTestSupport.awaitGraph(server.api());
        coordinator = server.api().staff("coord1", DemoAccounts.PASSWORD);
        parent = server.api().phone(BusDemo.DEMO_PARENT_PHONE);
        schoolId = BusTestSupport.awaitDemoSchool(coordinator).getString("id");
        first = BusTestSupport.plan(coordinator, schoolId,
                new JsonObject().put("solverSeconds", 2));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @Order(1)
    @DisplayName("A new draft changes nothing a parent sees until it is published, and publishing"
            + " one run keeps the other run's plan and the earlier publication")
    void draftsAreNotSeenUntilPublished() {
        String firstId = first.getString("planId");
        assertEquals("NO_PLAN", child().getString("status"), "nothing published yet");
        assertEquals("draft", listed(firstId).getString("state"));

        Api.Reply published = coordinator.post(BASE + "/plans/" + firstId + "/publish",
                new JsonObject().put("run", "both"));
        assertEquals(200, published.status(), published.toString());
        JsonObject seen = child();
        assertEquals("SERVED", seen.getString("status"), seen.encode());
        assertEquals(firstId, seen.getJsonObject("published").getJsonObject("evening")
                .getString("planId"));
        JsonObject row = listed(firstId);
        assertEquals("published", row.getString("state"));
        assertNotNull(row.getJsonObject("published").getJsonObject("morning")
                .getString("publishedBy"), "who published it is recorded");
        java.time.Instant when = java.time.Instant.parse(row.getJsonObject("published")
                .getJsonObject("morning").getString("publishedAt"));
        assertTrue(java.time.Duration.between(when, java.time.Instant.now()).abs().toMinutes() < 5,
                "and when: " + when);

        JsonObject draft = BusTestSupport.plan(coordinator, schoolId,
                new JsonObject().put("solverSeconds", 2).put("seed", 7));
        assertEquals(seen, child(), "a new draft changes nothing the parent sees");
        assertEquals("draft", listed(draft.getString("planId")).getString("state"));

        assertEquals(200, coordinator.post(BASE + "/plans/" + draft.getString("planId")
                + "/publish", new JsonObject().put("run", "evening")).status());
        JsonObject now = child();
        assertEquals(draft.getString("planId"), now.getJsonObject("published")
                .getJsonObject("evening").getString("planId"));
        assertEquals(firstId, now.getJsonObject("published").getJsonObject("morning")
                .getString("planId"), "the morning run keeps its own publication");
        JsonObject earlier = listed(firstId);
        assertEquals(2, earlier.getJsonArray("publications").size(),
                "the earlier publication is kept");
        assertNull(earlier.getJsonObject("published").getJsonObject("evening"));
    }

    @Test
    @Order(2)
    @DisplayName("Two plans compare by buses, seats, driving time, longest ride and walk and"
            + " unserved students, and list the households that change stop or bus")
    void compare() {
        JsonArray plans = coordinator.get(BASE + "/schools/" + schoolId + "/plans").jsonArray();
        String a = plans.getJsonObject(plans.size() - 1).getString("planId");
        String b = plans.getJsonObject(0).getString("planId");
        Api.Reply reply = coordinator.get(BASE + "/plans/" + a + "/compare/" + b);
        assertEquals(200, reply.status(), reply.toString());
        JsonObject measures = reply.json().getJsonArray("plans").getJsonObject(0);
        assertEquals(a, measures.getString("planId"));
        for (String key : List.of("buses", "drivingSeconds", "longestRideSeconds",
                "longestWalkMetres")) {
            assertTrue(measures.getDouble(key) > 0, key + " in " + measures.encode());
        }
        assertTrue(measures.getJsonObject("evening").getInteger("seatsUsed") > 0);
        assertNotNull(measures.getJsonObject("morning").getInteger("studentsUnserved"));
        assertEquals(reply.json().getInteger("changedHouseholds"),
                reply.json().getJsonArray("changes").size());
        JsonObject same = coordinator.get(BASE + "/plans/" + a + "/compare/" + a).json();
        assertEquals(0, same.getInteger("changedHouseholds"));
    }

    @Test
    @Order(3)
    @DisplayName("Moving a household to a nearby stop makes version 2, timed again within the"
            + " rules; the plan it came from is unchanged, and an edit of that old version is"
            + " 409 PLAN_EDIT_STALE")
    void moveHousehold() {
        String planId = first.getString("planId");
        int maxWalk = first.getJsonObject("policy").getInteger("maxWalkMetres");
        // which household has another stop within its walk depends on the plan the solver
        // found: try the served households' nearby stops (as the crow flies no farther than
        // the limit, since the walk on the roads is never shorter) until the rules allow one
        JsonObject household = null;
        Api.Reply moved = null;
        String target = null;
        search:
        for (JsonObject candidate : servedHouseholds(first)) {
            for (JsonObject stop : stopsByDistance(first, candidate)) {
                if (crowMetres(stop, candidate) > maxWalk) {
                    break;
                }
                if (stop.getString("id").equals(candidate.getString("stopId"))) {
                    continue;
                }
                Api.Reply reply = coordinator.post(BASE + "/plans/" + planId + "/move-household",
                        new JsonObject().put("version", 1)
                                .put("householdId", candidate.getString("householdId"))
                                .put("stopId", stop.getString("id")));
                if (reply.status() == 201) {
                    household = candidate;
                    moved = reply;
                    target = stop.getString("id");
                    break search;
                }
                assertEquals(422, reply.status(), reply.toString());
            }
        }
        assertNotNull(moved, "no served household has another stop the rules allow");
        JsonObject edited = moved.json();
        assertEquals(2, edited.getInteger("version"));
        assertEquals(planId, edited.getString("basedOn"));
        JsonObject after = household(edited, household.getString("householdId"));
        assertEquals(target, after.getString("stopId"));
        assertTrue(after.getDouble("walkMetres") <= edited.getJsonObject("policy")
                .getInteger("maxWalkMetres"));
        assertTrue(PlanChecks.assertWithinLimits(edited, capacities()) > 0);
        assertEquals(household.getString("stopId"), household(coordinator.get(BASE + "/plans/"
                + planId).json(), household.getString("householdId")).getString("stopId"),
                "the plan edited from is kept as it was");
        JsonObject row = listed(edited.getString("planId"));
        assertEquals(2, row.getInteger("version"));
        assertNotNull(row.getString("editedBy"));

        Api.Reply stale = coordinator.post(BASE + "/plans/" + planId + "/move-household",
                new JsonObject().put("version", 1)
                        .put("householdId", household.getString("householdId"))
                        .put("stopId", household.getString("stopId")));
        assertEquals(409, stale.status(), stale.toString());
        assertEquals("PLAN_EDIT_STALE", stale.json().getString("code"));
    }

    @Test
    @Order(4)
    @DisplayName("Moving a household to a stop beyond its walking limit is 422"
            + " PLAN_EDIT_WALK_TOO_FAR on stopId, and nothing is stored")
    void walkTooFar() {
        JsonObject newest = newest();
        JsonObject household = servedHousehold(newest);
        List<JsonObject> stops = stopsByDistance(newest, household);
        JsonObject farthest = stops.get(stops.size() - 1);
        int before = coordinator.get(BASE + "/schools/" + schoolId + "/plans").jsonArray().size();
        Api.Reply refused = coordinator.post(BASE + "/plans/" + newest.getString("planId")
                + "/move-household", new JsonObject().put("version", newest.getInteger("version"))
                .put("householdId", household.getString("householdId"))
                .put("stopId", farthest.getString("id")));
        assertEquals(422, refused.status(), refused.toString());
        assertEquals("PLAN_EDIT_WALK_TOO_FAR", refused.json().getString("code"));
        assertEquals("stopId", refused.json().getString("field"));
        assertEquals(before, coordinator.get(BASE + "/schools/" + schoolId + "/plans")
                .jsonArray().size());
    }

    @Test
    @Order(6)
    @DisplayName("Renaming a stop names it so everywhere in the new version, for parents too"
            + " once published")
    void renameStop() {
        JsonObject newest = newest();
        JsonObject household = servedHousehold(newest);
        Api.Reply renamed = coordinator.post(BASE + "/plans/" + newest.getString("planId")
                + "/rename-stop", new JsonObject().put("version", newest.getInteger("version"))
                .put("stopId", household.getString("stopId")).put("name", "东湖中学北门"));
        assertEquals(201, renamed.status(), renamed.toString());
        JsonObject plan = renamed.json();
        assertEquals("东湖中学北门", household(plan, household.getString("householdId"))
                .getString("stopName"));
        for (String run : List.of("evening", "morning")) {
            for (Object l : plan.getJsonObject(run).getJsonArray("lines")) {
                for (Object s : ((JsonObject) l).getJsonArray("stops")) {
                    JsonObject stop = (JsonObject) s;
                    if (stop.getString("stopId").equals(household.getString("stopId"))) {
                        assertEquals("东湖中学北门", stop.getString("stopName"));
                    }
                }
            }
        }
        Api.Reply blank = coordinator.post(BASE + "/plans/" + plan.getString("planId")
                + "/rename-stop", new JsonObject().put("version", plan.getInteger("version"))
                .put("stopId", household.getString("stopId")).put("name", " "));
        assertEquals(400, blank.status());
        assertEquals("name", blank.json().getString("field"));
    }

    @Test
    @Order(5)
    @DisplayName("Moving a stop to another line puts it where the line grows least and times it"
            + " again, or is refused with the rule it breaks")
    void moveStop() {
        JsonObject newest = newest();
        JsonArray lines = newest.getJsonObject("evening").getJsonArray("lines");
        // the smallest stop of the fullest line, onto the emptiest line
        JsonObject emptiest = lines.stream().map(o -> (JsonObject) o)
                .min(Comparator.comparingInt(l -> l.getInteger("students"))).orElseThrow();
        JsonObject from = lines.stream().map(o -> (JsonObject) o)
                .filter(l -> l != emptiest && l.getJsonArray("stops").size() > 1)
                .max(Comparator.comparingInt(l -> l.getInteger("students"))).orElseThrow();
        JsonObject stop = from.getJsonArray("stops").stream().map(o -> (JsonObject) o)
                .min(Comparator.comparingInt(st -> st.getInteger("students"))).orElseThrow();
        Api.Reply moved = coordinator.post(BASE + "/plans/" + newest.getString("planId")
                + "/move-stop", new JsonObject().put("version", newest.getInteger("version"))
                .put("run", "evening").put("stopId", stop.getString("stopId"))
                .put("line", emptiest.getInteger("number")));
        if (moved.status() == 422) {
            assertTrue(List.of("PLAN_EDIT_OVER_CAPACITY", "PLAN_EDIT_RIDE_TOO_LONG")
                    .contains(moved.json().getString("code")), moved.toString());
            assertEquals("line", moved.json().getString("field"));
            return;
        }
        assertEquals(201, moved.status(), moved.toString());
        JsonObject plan = moved.json();
        JsonObject onto = plan.getJsonObject("evening").getJsonArray("lines").stream()
                .map(o -> (JsonObject) o)
                .filter(l -> l.getInteger("number").equals(emptiest.getInteger("number")))
                .findFirst().orElseThrow();
        assertTrue(onto.getJsonArray("stops").stream().anyMatch(st -> ((JsonObject) st)
                .getString("stopId").equals(stop.getString("stopId"))));
        assertEquals(emptiest.getInteger("students") + stop.getInteger("students"),
                onto.getInteger("students"));
        for (Object id : stop.getJsonArray("households")) {
            assertEquals(emptiest.getInteger("number"), household(plan, (String) id)
                    .getInteger("eveningLine"));
        }
        assertTrue(PlanChecks.assertWithinLimits(plan, capacities()) > 0);
    }

    @Test
    @Order(7)
    @DisplayName("A running job is cancelled from the API: it ends 'cancelled' with no plan, and"
            + " cancelling it again is 409 PLAN_JOB_FINISHED")
    void cancel() {
        Api.Reply accepted = coordinator.post(BASE + "/schools/" + schoolId + "/plans",
                new JsonObject().put("solverSeconds", 30));
        assertEquals(202, accepted.status(), accepted.toString());
        String jobId = accepted.json().getString("id");
        Api.Reply cancelled = coordinator.post(BASE + "/plan-jobs/" + jobId + "/cancel",
                new JsonObject());
        assertEquals(200, cancelled.status(), cancelled.toString());
        assertEquals("cancelled", cancelled.json().getString("status"));
        Api.Reply again = coordinator.post(BASE + "/plan-jobs/" + jobId + "/cancel",
                new JsonObject());
        assertEquals(409, again.status(), again.toString());
        assertEquals("PLAN_JOB_FINISHED", again.json().getString("code"));
        assertEquals(404, coordinator.get(BASE + "/plans/" + jobId).status());
        // the next job runs: the worker is not held by the cancelled one
        JsonObject next = BusTestSupport.plan(coordinator, schoolId,
                new JsonObject().put("solverSeconds", 1));
        assertNotEquals(jobId, next.getString("planId"));
    }

    @Test
    @Order(8)
    @DisplayName("Bad review requests are 400 naming the field, and nothing is published or"
            + " stored")
    void badRequests() {
        String planId = first.getString("planId");
        int plans = coordinator.get(BASE + "/schools/" + schoolId + "/plans").jsonArray().size();
        JsonObject before = child();
        Map<String, JsonObject> cases = new java.util.LinkedHashMap<>();
        cases.put("run", new JsonObject().put("run", "noon"));
        cases.put("when", new JsonObject().put("run", "both").put("when", "now"));
        for (var c : cases.entrySet()) {
            Api.Reply reply = coordinator.post(BASE + "/plans/" + planId + "/publish",
                    c.getValue());
            assertEquals(400, reply.status(), reply.toString());
            assertEquals(c.getKey(), reply.json().getString("field"));
        }
        JsonObject household = servedHousehold(first);
        Map<String, JsonObject> edits = new java.util.LinkedHashMap<>();
        edits.put("version", new JsonObject().put("version", "1")
                .put("householdId", household.getString("householdId")).put("stopId", "S1"));
        edits.put("householdId", new JsonObject().put("version", 1)
                .put("householdId", "not-a-uuid").put("stopId", "S1"));
        edits.put("stopId", new JsonObject().put("version", 1)
                .put("householdId", household.getString("householdId")).put("stopId", "<b>"));
        for (var c : edits.entrySet()) {
            Api.Reply reply = coordinator.post(BASE + "/plans/" + planId + "/move-household",
                    c.getValue());
            assertEquals(400, reply.status(), reply.toString());
            assertEquals(c.getKey(), reply.json().getString("field"));
        }
        assertEquals(plans, coordinator.get(BASE + "/schools/" + schoolId + "/plans")
                .jsonArray().size());
        assertEquals(before, child());
    }

    @Test
    @Order(9)
    @DisplayName("A re-plan around a locked evening line brings that line back unchanged (bus,"
            + " stops, order, times) and plans the other households around it")
    void lockedLineComesBackUnchanged() {
        JsonObject base = coordinator.get(BASE + "/plans/" + first.getString("planId")).json();
        JsonObject line = base.getJsonObject("evening").getJsonArray("lines").getJsonObject(0);
        int number = line.getInteger("number");
        Api.Reply missing = coordinator.post(BASE + "/plans/" + first.getString("planId")
                + "/replan", new JsonObject().put("lockedLines", new JsonArray().add(999)));
        assertEquals(422, missing.status(), missing.toString());
        assertEquals("lockedLines", missing.json().getString("field"));

        Api.Reply accepted = coordinator.post(BASE + "/plans/" + first.getString("planId")
                + "/replan", new JsonObject().put("lockedLines", new JsonArray().add(number))
                .put("solverSeconds", 1));
        assertEquals(202, accepted.status(), accepted.toString());
        JsonObject job = BusTestSupport.awaitJob(coordinator, accepted.json().getString("id"));
        assertEquals("done", job.getString("status"), job.encodePrettily());
        JsonObject plan = coordinator.get(BASE + "/plans/" + job.getString("planId")).json();
        JsonObject kept = plan.getJsonObject("evening").getJsonArray("lines").stream()
                .map(o -> (JsonObject) o).filter(l -> l.getInteger("number") == number)
                .findFirst().orElseThrow();
        assertEquals(line.getString("busId"), kept.getString("busId"));
        assertEquals(line.getString("start"), kept.getString("start"));
        assertEquals(line.getJsonArray("stops").size(), kept.getJsonArray("stops").size());
        for (int k = 0; k < line.getJsonArray("stops").size(); k++) {
            JsonObject was = line.getJsonArray("stops").getJsonObject(k);
            JsonObject is = kept.getJsonArray("stops").getJsonObject(k);
            assertEquals(was.getString("stopName"), is.getString("stopName"));
            assertEquals(was.getString("arrival"), is.getString("arrival"));
            assertEquals(was.getJsonArray("households"), is.getJsonArray("households"));
            for (Object id : was.getJsonArray("households")) {
                assertEquals(number, household(plan, (String) id).getInteger("eveningLine"));
            }
        }
        assertEquals(base.getJsonObject("summary").getInteger("households"),
                plan.getJsonObject("summary").getInteger("households"));
        long others = plan.getJsonObject("evening").getJsonArray("lines").stream()
                .filter(l -> !((JsonObject) l).getString("busId").equals(line.getString("busId")))
                .count();
        assertTrue(others > 0, "the rest is planned with the other buses");
        assertTrue(PlanChecks.assertWithinLimits(plan, capacities()) > 0);
    }

    // ---------------------------------------------------------------- helpers

    private static JsonObject child() {
        JsonArray children = parent.get(BASE + "/my-children").jsonArray();
        assertEquals(1, children.size(), children.encode());
        return children.getJsonObject(0);
    }

    private static JsonObject listed(String planId) {
        for (Object o : coordinator.get(BASE + "/schools/" + schoolId + "/plans").jsonArray()) {
            if (((JsonObject) o).getString("planId").equals(planId)) {
                return (JsonObject) o;
            }
        }
        return fail("plan " + planId + " is not listed");
    }

    private static JsonObject newest() {
        String id = coordinator.get(BASE + "/schools/" + schoolId + "/plans").jsonArray()
                .getJsonObject(0).getString("planId");
        return coordinator.get(BASE + "/plans/" + id).json();
    }

    private static JsonObject servedHousehold(JsonObject plan) {
        return servedHouseholds(plan).stream().findFirst()
                .orElseGet(() -> fail("no household is served"));
    }

    private static List<JsonObject> servedHouseholds(JsonObject plan) {
        return plan.getJsonArray("households").stream().map(o -> (JsonObject) o)
                .filter(h -> h.getString("stopId") != null && h.getInteger("eveningLine") != null
                        && h.getInteger("morningLine") != null)
                .toList();
    }

    private static JsonObject household(JsonObject plan, String id) {
        for (Object o : plan.getJsonArray("households")) {
            if (((JsonObject) o).getString("householdId").equals(id)) {
                return (JsonObject) o;
            }
        }
        return fail("household " + id + " is not in the plan");
    }

    /** The plan's stops, nearest the household first, as the crow flies. */
    private static List<JsonObject> stopsByDistance(JsonObject plan, JsonObject household) {
        return plan.getJsonArray("stops").stream().map(o -> (JsonObject) o)
                .sorted(Comparator.comparingDouble(s -> crowMetres(s, household)))
                .toList();
    }

    /** Metres between a stop and a household as the crow flies (equirectangular). */
    private static double crowMetres(JsonObject stop, JsonObject household) {
        double lat = household.getDouble("lat");
        return Math.hypot(stop.getDouble("lat") - lat, (stop.getDouble("lon")
                - household.getDouble("lon")) * Math.cos(Math.toRadians(lat))) * 111_195;
    }

    private static Map<String, Integer> capacities() {
        Map<String, Integer> capacities = new HashMap<>();
        coordinator.get(BASE + "/schools/" + schoolId + "/buses").jsonArray()
                .forEach(b -> capacities.put(((JsonObject) b).getString("id"),
                        ((JsonObject) b).getInteger("capacity")));
        return capacities;
    }
}
