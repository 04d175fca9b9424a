package cn.anxing.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Two stored plans side by side (方案对比): per plan the buses used, the seats taken, the total
 * driving time, the longest ride and walk and the students left without a seat; then the
 * households whose stop or bus differs between them.
 */
final class PlanComparison {

    /** The most changed households listed; the count is always whole. */
    static final int MAX_CHANGES = 500;

    private PlanComparison() {
    }

    static JsonObject compare(JsonObject plan, JsonObject other) {
        Map<String, JsonObject> before = households(plan);
        Map<String, JsonObject> after = households(other);
        var changes = new JsonArray();
        int changed = 0;
        Set<String> ids = new HashSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (String id : ids.stream().sorted().toList()) {
            JsonObject a = before.get(id);
            JsonObject b = after.get(id);
            if (a != null && b != null && a.getValue("stopId") == null
                    && b.getValue("stopId") == null) {
                continue;
            }
            boolean differs = a == null || b == null
                    || !Objects.equals(a.getString("stopId"), b.getString("stopId"))
                    || !Objects.equals(a.getString("eveningBus"), b.getString("eveningBus"))
                    || !Objects.equals(a.getString("morningBus"), b.getString("morningBus"));
            if (!differs) {
                continue;
            }
            changed++;
            if (changes.size() < MAX_CHANGES) {
                JsonObject any = a != null ? a : b;
                changes.add(new JsonObject().put("householdId", id)
                        .put("label", any.getString("label"))
                        .put("before", place(a)).put("after", place(b)));
            }
        }
        return new JsonObject().put("plans", new JsonArray().add(measures(plan))
                .add(measures(other))).put("changedHouseholds", changed).put("changes", changes);
    }

    /** The figures a coordinator weighs two plans by. */
    static JsonObject measures(JsonObject plan) {
        Set<String> buses = new HashSet<>();
        double driving = 0;
        double longestRide = 0;
        var runs = new JsonObject();
        int students = plan.getJsonObject("summary").getInteger("students");
        for (String name : new String[] {"evening", "morning"}) {
            JsonObject run = plan.getJsonObject(name);
            int seats = 0;
            int used = 0;
            for (Object o : run.getJsonArray("lines")) {
                JsonObject line = (JsonObject) o;
                buses.add(line.getString("busId"));
                seats += line.getInteger("capacity");
                used += line.getInteger("students");
            }
            driving += run.getDouble("drivingSeconds");
            longestRide = Math.max(longestRide, run.getDouble("longestRideSeconds"));
            runs.put(name, new JsonObject().put("lines", run.getJsonArray("lines").size())
                    .put("seats", seats).put("seatsUsed", used)
                    .put("studentsUnserved", students - run.getInteger("studentsServed")));
        }
        double longestWalk = 0;
        for (Object o : plan.getJsonArray("households")) {
            Double walk = ((JsonObject) o).getDouble("walkMetres");
            if (walk != null) {
                longestWalk = Math.max(longestWalk, walk);
            }
        }
        return new JsonObject().put("planId", plan.getString("planId"))
                .put("version", plan.getInteger("version", 1))
                .put("buses", buses.size())
                .put("students", students)
                .put("drivingSeconds", PlanLine.round(driving))
                .put("longestRideSeconds", longestRide)
                .put("longestWalkMetres", longestWalk)
                .put("evening", runs.getJsonObject("evening"))
                .put("morning", runs.getJsonObject("morning"));
    }

    /** Where a household gets on and off in one plan: its stop and the bus of each run. */
    private static JsonObject place(JsonObject household) {
        if (household == null) {
            return null;
        }
        JsonObject place = household.copy();
        place.remove("label");
        return place;
    }

    /** Each household's stop and bus per run, by household id. */
    private static Map<String, JsonObject> households(JsonObject plan) {
        Map<String, Map<Integer, String>> busOf = new HashMap<>();
        for (String name : new String[] {"evening", "morning"}) {
            Map<Integer, String> byLine = new HashMap<>();
            for (Object o : plan.getJsonObject(name).getJsonArray("lines")) {
                JsonObject line = (JsonObject) o;
                byLine.put(line.getInteger("number"), line.getString("busLabel"));
            }
            busOf.put(name, byLine);
        }
        Map<String, JsonObject> map = new LinkedHashMap<>();
        for (Object o : plan.getJsonArray("households")) {
            JsonObject h = (JsonObject) o;
            Integer evening = h.getInteger("eveningLine");
            Integer morning = h.getInteger("morningLine");
            map.put(h.getString("householdId"), new JsonObject()
                    .put("label", h.getString("label"))
                    .put("stopId", h.getString("stopId"))
                    .put("stopName", h.getString("stopName"))
                    .put("eveningBus", evening == null ? null : busOf.get("evening").get(evening))
                    .put("morningBus", morning == null ? null
                            : busOf.get("morning").get(morning)));
        }
        return map;
    }
}
