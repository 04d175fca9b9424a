package cn.anxing.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a returned plan against its rules by recomputing it: seats from the households at each
 * stop, and every stop's time and ride from the legs the travel matrix gave plus the dwell rule.
 */
final class PlanChecks {

    private PlanChecks() {
    }

    /**
     * @param capacities the capacity of each bus by id, as registered
     * @return the number of lines checked
     */
    static int assertWithinLimits(JsonObject plan, Map<String, Integer> capacities) {
        JsonObject policy = plan.getJsonObject("policy");
        double maxRide = policy.getDouble("maxRideSeconds");
        double base = policy.getDouble("dwellBaseSeconds");
        double perStudent = policy.getDouble("dwellPerStudentSeconds");
        Map<String, Integer> studentsOf = new HashMap<>();
        for (Object o : plan.getJsonArray("households")) {
            JsonObject h = (JsonObject) o;
            studentsOf.put(h.getString("householdId"), h.getInteger("students"));
            if (h.getValue("walkMetres") != null) {
                assertTrue(h.getDouble("walkMetres") <= policy.getDouble("maxWalkMetres"),
                        "walk of " + h.getString("label"));
            }
        }
        int checked = 0;
        for (String run : new String[] {"evening", "morning"}) {
            boolean evening = run.equals("evening");
            for (Object o : plan.getJsonObject(run).getJsonArray("lines")) {
                JsonObject line = (JsonObject) o;
                String name = run + " " + line.getString("name");
                JsonArray stops = line.getJsonArray("stops");
                JsonArray legs = line.getJsonArray("legs");
                assertEquals(stops.size(), legs.size(), name + ": one leg per stop");
                int onBoard = 0;
                for (Object s : stops) {
                    JsonObject stop = (JsonObject) s;
                    int atStop = stop.getJsonArray("households").stream()
                            .mapToInt(id -> studentsOf.get((String) id)).sum();
                    assertEquals(atStop, stop.getInteger("students"), name + " students at "
                            + stop.getString("stopName"));
                    onBoard += atStop;
                }
                assertEquals(onBoard, line.getInteger("students"), name);
                int capacity = capacities.get(line.getString("busId"));
                assertTrue(onBoard <= capacity, name + ": " + onBoard + " students on a bus of "
                        + capacity + " seats");

                double[] ride = new double[stops.size()];
                double t = 0;
                double[] departure = new double[stops.size()];
                for (int k = 0; k < stops.size(); k++) {
                    JsonObject stop = stops.getJsonObject(k);
                    double dwell = base + perStudent * stop.getInteger("students");
                    if (evening) {
                        t += legs.getJsonObject(k).getDouble("seconds");
                        assertEquals(t, stop.getDouble("arrivalOffset"), 0.5, name + " arrival");
                        ride[k] = t;
                        t += dwell;
                    } else {
                        assertEquals(t, stop.getDouble("arrivalOffset"), 0.5, name + " arrival");
                        departure[k] = t + dwell;
                        t = departure[k] + legs.getJsonObject(k).getDouble("seconds");
                    }
                }
                for (int k = 0; k < stops.size(); k++) {
                    if (!evening) {
                        ride[k] = t - departure[k];
                    }
                    assertEquals(ride[k], stops.getJsonObject(k).getDouble("rideSeconds"), 0.5,
                            name + " ride from stop " + (k + 1));
                    assertTrue(ride[k] <= maxRide, name + ": a ride of " + ride[k]
                            + " s exceeds the limit of " + maxRide + " s");
                }
                checked++;
            }
        }
        return checked;
    }
}
