package cn.anxing.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a parent reads, from published plans only: two hand-built plans, A with the child at
 * 学院路站 on both runs, B at 人民路站 in the evening and without a morning seat.
 */
@DisplayName("The parent's view is built from what was published, per run")
class PublishedChildViewsTest {

    private static final UUID HOME = UUID.randomUUID();
    private static final BusRepository.ParentHousehold CHILD = new BusRepository.ParentHousehold(
            HOME, UUID.randomUUID(), "王家", 1, "东湖中学");
    /** 2026-12-03 09:00 in Shanghai. */
    private static final Instant TODAY = Instant.parse("2026-12-03T01:00:00Z");
    private static final LocalDate TODAY_DATE = LocalDate.of(2026, 12, 3);

    private final JsonObject planA = plan("A", "S1", "学院路站", 1, "车1", "21:10:00", 1);
    private final JsonObject planB = plan("B", "S2", "人民路站", 2, "车2", "21:20:00", null);

    @Test
    @DisplayName("Nothing published: NO_PLAN, whatever drafts there are")
    void nothingPublished() {
        JsonObject view = PublishedChildViews.childBus(CHILD, List.of(List.of(), List.of()),
                TODAY_DATE);
        assertEquals("NO_PLAN", view.getString("status"));
    }

    @Test
    @DisplayName("Each run comes from its own publication; a run not yet published is not a"
            + " missing seat")
    void perRun() {
        JsonObject view = PublishedChildViews.childBus(CHILD, List.of(
                List.of(published("evening", planA, TODAY)), List.of()), TODAY_DATE);
        assertEquals("SERVED", view.getString("status"));
        assertEquals("学院路站", view.getJsonObject("stop").getString("name"));
        assertEquals("车1", view.getJsonObject("evening").getString("busLabel"));
        assertNull(view.getValue("morning"));
        assertNull(view.getJsonObject("published").getValue("morning"));
        assertEquals(0, view.getJsonArray("noSeat").size());
    }

    @Test
    @DisplayName("A plan published today over another says what changed; a run without a seat"
            + " is warned of with its reason")
    void todaysChanges() {
        var evening = List.of(published("evening", planB, TODAY),
                published("evening", planA, TODAY.minusSeconds(86_400)));
        var morning = List.of(published("morning", planB, TODAY),
                published("morning", planA, TODAY.minusSeconds(86_400)));
        JsonObject view = PublishedChildViews.childBus(CHILD, List.of(evening, morning),
                TODAY_DATE);
        assertEquals("人民路站", view.getJsonObject("stop").getString("name"));
        JsonArray noSeat = view.getJsonArray("noSeat");
        assertEquals(1, noSeat.size());
        assertEquals("morning", noSeat.getJsonObject(0).getString("run"));
        assertTrue(noSeat.getJsonObject(0).getString("reasonText").contains("座位"));
        JsonArray changes = view.getJsonArray("changes");
        assertEquals(2, changes.size());
        JsonObject eveningChange = changes.getJsonObject(0);
        assertEquals("学院路站", eveningChange.getJsonObject("before").getString("stop"));
        assertEquals("人民路站", eveningChange.getJsonObject("after").getString("stop"));
        assertEquals("21:20:00", eveningChange.getJsonObject("after").getString("arrival"));
        assertEquals(false, changes.getJsonObject(1).getJsonObject("after").getBoolean("seat"));

        JsonObject yesterday = PublishedChildViews.childBus(CHILD, List.of(evening, morning),
                TODAY_DATE.plusDays(1));
        assertEquals(0, yesterday.getJsonArray("changes").size(),
                "changes are told on the day they were published");
    }

    private static PlanReviewService.PublishedPlan published(String run, JsonObject plan,
                                                             Instant at) {
        return new PlanReviewService.PublishedPlan(run,
                UUID.nameUUIDFromBytes(plan.getString("planId").getBytes()), plan, at, null,
                "李老师");
    }

    /** A plan with one household at {@code stopId} on evening line {@code line}. */
    private static JsonObject plan(String id, String stopId, String stopName, int line,
                                   String bus, String arrival, Integer morningLine) {
        var stop = new JsonObject().put("id", stopId).put("name", stopName).put("lat", 28.3)
                .put("lon", 117.2);
        var lineStop = new JsonObject().put("stopId", stopId).put("arrival", arrival)
                .put("departure", arrival).put("sequence", 1).put("rideSeconds", 600.0);
        var evening = new JsonObject().put("number", line).put("name", "晚" + line + "号线")
                .put("busLabel", bus).put("start", "21:02:00").put("end", arrival)
                .put("stops", new JsonArray().add(lineStop))
                .put("path", new JsonObject().put("geometry", new JsonArray()));
        var morning = evening.copy().put("name", "早" + line + "号线").put("start", "07:00:00")
                .put("end", "07:20:00");
        var household = new JsonObject().put("householdId", HOME.toString()).put("stopId", stopId)
                .put("walkMetres", 120.0).put("walkPath", new JsonArray())
                .put("eveningLine", line).put("morningLine", morningLine);
        var unserved = new JsonArray();
        if (morningLine == null) {
            unserved.add(new JsonObject().put("householdId", HOME.toString())
                    .put("run", "morning")
                    .put("reason", "CAPACITY")
                    .put("reasonText", PlanDocument.reasonText("CAPACITY")));
        }
        return new JsonObject().put("planId", id).put("schoolName", "东湖中学")
                .put("schoolLat", 28.3).put("schoolLon", 117.2)
                .put("stops", new JsonArray().add(stop))
                .put("households", new JsonArray().add(household)).put("unserved", unserved)
                .put("evening", new JsonObject().put("lines", new JsonArray().add(evening)))
                .put("morning", new JsonObject().put("lines", morningLine == null
                        ? new JsonArray() : new JsonArray().add(morning)));
    }
}
