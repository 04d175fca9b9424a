package cn.anxing.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Views of a stored plan document: GeoJSON for maps (coordinates {@code [lon, lat]} as GeoJSON
 * wants them) and the parent's view of one household's bus (孩子的校车).
 */
final class PlanViews {

    private PlanViews() {
    }

    /** Stops, lines per run, walking paths, households, and unserved ones with the reason. */
    static JsonObject geoJson(JsonObject plan) {
        var features = new JsonArray();
        features.add(point(plan.getDouble("schoolLat"), plan.getDouble("schoolLon"),
                new JsonObject().put("kind", "school").put("name", plan.getString("schoolName"))));
        for (String run : new String[] {"evening", "morning"}) {
            for (Object o : plan.getJsonObject(run).getJsonArray("lines")) {
                JsonObject line = (JsonObject) o;
                features.add(line(line.getJsonObject("path").getJsonArray("geometry"),
                        new JsonObject().put("kind", "line").put("run", run)
                                .put("number", line.getInteger("number"))
                                .put("name", line.getString("name"))
                                .put("busLabel", line.getString("busLabel"))
                                .put("capacity", line.getInteger("capacity"))
                                .put("students", line.getInteger("students"))
                                .put("start", line.getString("start"))
                                .put("end", line.getString("end"))));
            }
        }
        for (Object o : plan.getJsonArray("stops")) {
            JsonObject stop = (JsonObject) o;
            features.add(point(stop.getDouble("lat"), stop.getDouble("lon"), new JsonObject()
                    .put("kind", "stop").put("id", stop.getString("id"))
                    .put("name", stop.getString("name"))
                    .put("roadClass", stop.getString("roadClass"))));
        }
        for (Object o : plan.getJsonArray("households")) {
            JsonObject h = (JsonObject) o;
            boolean served = h.getString("stopId") != null;
            features.add(point(h.getDouble("lat"), h.getDouble("lon"), new JsonObject()
                    .put("kind", "household").put("id", h.getString("householdId"))
                    .put("label", h.getString("label")).put("students", h.getInteger("students"))
                    .put("served", served).put("stopId", h.getString("stopId"))
                    .put("eveningLine", h.getInteger("eveningLine"))
                    .put("generated", h.getBoolean("generated"))));
            if (served && h.getJsonArray("walkPath") != null) {
                features.add(line(h.getJsonArray("walkPath"), new JsonObject().put("kind", "walk")
                        .put("householdId", h.getString("householdId"))
                        .put("stopId", h.getString("stopId"))
                        .put("walkMetres", h.getDouble("walkMetres"))));
            }
        }
        for (Object o : plan.getJsonArray("unserved")) {
            JsonObject u = (JsonObject) o;
            features.add(point(u.getDouble("lat"), u.getDouble("lon"), new JsonObject()
                    .put("kind", "unserved").put("householdId", u.getString("householdId"))
                    .put("label", u.getString("label")).put("run", u.getString("run"))
                    .put("reason", u.getString("reason"))
                    .put("reasonText", u.getString("reasonText"))));
        }
        return new JsonObject().put("type", "FeatureCollection").put("features", features);
    }

    private static JsonObject point(double lat, double lon, JsonObject properties) {
        return new JsonObject().put("type", "Feature").put("properties", properties)
                .put("geometry", new JsonObject().put("type", "Point")
                        .put("coordinates", new JsonArray().add(lon).add(lat)));
    }

    private static JsonObject line(JsonArray latLons, JsonObject properties) {
        var coordinates = new JsonArray();
        for (Object p : latLons) {
            JsonArray pair = (JsonArray) p;
            coordinates.add(new JsonArray().add(pair.getValue(1)).add(pair.getValue(0)));
        }
        return new JsonObject().put("type", "Feature").put("properties", properties)
                .put("geometry", new JsonObject().put("type", "LineString")
                        .put("coordinates", coordinates));
    }

    /**
     * One household's bus in the latest plan: its stop and walk, the evening line (when the bus
     * leaves school and reaches the stop) and the morning line (when it is at the stop and at
     * school), or why it has no seat.
     */
    static JsonObject childBus(BusRepository.ParentHousehold household,
                               Optional<JsonObject> latest) {
        var json = new JsonObject()
                .put("householdId", household.householdId().toString())
                .put("label", household.label())
                .put("students", household.students())
                .put("schoolName", household.schoolName());
        if (latest.isEmpty()) {
            return json.put("status", "NO_PLAN");
        }
        JsonObject plan = latest.get();
        json.put("planId", plan.getString("planId"))
                .put("school", new JsonObject().put("name", plan.getString("schoolName"))
                        .put("lat", plan.getDouble("schoolLat"))
                        .put("lon", plan.getDouble("schoolLon")));
        String id = household.householdId().toString();
        JsonObject entry = find(plan.getJsonArray("households"), "householdId", id);
        if (entry == null) {
            // registered after the plan was made
            return json.put("status", "NOT_IN_PLAN");
        }
        JsonObject unserved = find(plan.getJsonArray("unserved"), "householdId", id);
        if (unserved != null) {
            json.put("unserved", new JsonObject().put("run", unserved.getString("run"))
                    .put("reason", unserved.getString("reason"))
                    .put("reasonText", unserved.getString("reasonText")));
        }
        String stopId = entry.getString("stopId");
        if (stopId == null) {
            return json.put("status", "UNSERVED");
        }
        JsonObject stop = find(plan.getJsonArray("stops"), "id", stopId);
        json.put("status", "SERVED")
                .put("stop", stop)
                .put("walkMetres", entry.getDouble("walkMetres"))
                .put("walkPath", entry.getJsonArray("walkPath"))
                .put("evening", runView(plan.getJsonObject("evening"),
                        entry.getInteger("eveningLine"), stopId))
                .put("morning", runView(plan.getJsonObject("morning"),
                        entry.getInteger("morningLine"), stopId));
        return json;
    }

    private static JsonObject runView(JsonObject run, Integer lineNumber, String stopId) {
        if (lineNumber == null) {
            return null;
        }
        JsonObject line = find(run.getJsonArray("lines"), "number", lineNumber);
        if (line == null) {
            return null;
        }
        JsonObject at = find(line.getJsonArray("stops"), "stopId", stopId);
        return new JsonObject()
                .put("line", lineNumber)
                .put("lineName", line.getString("name"))
                .put("busLabel", line.getString("busLabel"))
                .put("start", line.getString("start"))
                .put("end", line.getString("end"))
                .put("arrival", at == null ? null : at.getString("arrival"))
                .put("departure", at == null ? null : at.getString("departure"))
                .put("sequence", at == null ? null : at.getInteger("sequence"))
                .put("stopCount", line.getJsonArray("stops").size())
                .put("rideSeconds", at == null ? null : at.getDouble("rideSeconds"))
                .put("path", line.getJsonObject("path").getJsonArray("geometry"));
    }

    private static JsonObject find(JsonArray array, String key, Object value) {
        for (Object o : array) {
            JsonObject item = (JsonObject) o;
            if (value.equals(item.getValue(key))) {
                return item;
            }
        }
        return null;
    }
}
