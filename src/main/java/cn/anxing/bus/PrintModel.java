package cn.anxing.bus;

import cn.anxing.routing.RoadLine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the printed documents say (打印内容), read from a stored plan: a line's route sheet for
 * its driver, the school's stop list and one household's notice. Plain records the PDF and CSV
 * writers set; who may read which is the service's business, and only the route sheet carries
 * names and phones.
 */
final class PrintModel {

    private PrintModel() {
    }

    /** A route sheet (线路单): the bus, its driver, the stops in order and the way between. */
    record Sheet(String schoolName, String runName, String lineName, String plate,
                 String driver, String driverPhone, int capacity, int students, String start,
                 String end, List<SheetStop> stops, List<String> toSchool, MapView map) {
    }

    /**
     * A stop of a route sheet.
     *
     * @param action     上车 (morning) or 下车 (evening)
     * @param directions the way from the point before (the school, in the evening, for the
     *                   first stop) to this one
     */
    record SheetStop(int sequence, String name, String time, String action, int students,
                     List<Rider> riders, List<String> directions) {
    }

    /** A household on the bus: its students' names, how many, and the parent to call. */
    record Rider(String names, int students, String parentPhone) {
    }

    /** The school's stop list (站点表), a row per stop with its evening and morning bus. */
    record StopList(String schoolName, List<StopRow> rows, MapView map) {
    }

    record StopRow(String id, String name, String road, String eveningLine, String eveningPlate,
                   String eveningTime, String morningLine, String morningPlate,
                   String morningTime, int students, int households) {
    }

    /** A household's notice (乘车通知): its bus, stop and times, and the walk there. */
    record Notice(String schoolName, String household, String students, String stopName,
                  long walkMetres, RunTimes evening, RunTimes morning, List<String> walking,
                  MapView map) {
    }

    /**
     * One run for the notice: evening — the bus leaves school at {@code schoolTime} and is at
     * the stop at {@code stopTime}; morning — at the stop at {@code stopTime}, at school at
     * {@code schoolTime}. Null when the household has no seat on that run.
     */
    record RunTimes(String lineName, String plate, String stopTime, String schoolTime) {
    }

    /** What a small map draws: bus lines, a walk, markers and the roads around them. */
    record MapView(List<List<double[]>> lines, List<double[]> walk, List<Marker> markers,
                   List<RoadLine> roads) {

        MapView withRoads(List<RoadLine> around) {
            return new MapView(lines, walk, markers, around);
        }

        /** {minLat, minLon, maxLat, maxLon} of what is drawn, roads aside. */
        double[] bounds() {
            double[] b = {90, 180, -90, -180};
            List<double[]> all = new ArrayList<>(walk);
            lines.forEach(all::addAll);
            markers.forEach(m -> all.add(new double[] {m.lat(), m.lon()}));
            for (double[] p : all) {
                b[0] = Math.min(b[0], p[0]);
                b[1] = Math.min(b[1], p[1]);
                b[2] = Math.max(b[2], p[0]);
                b[3] = Math.max(b[3], p[1]);
            }
            return b;
        }
    }

    /** @param kind school, stop or home */
    record Marker(double lat, double lon, String label, String kind) {
    }

    // ---------------------------------------------------------------- reading the plan

    static String runName(String run) {
        return run.equals("evening") ? "晚自习放学" : "早上到校";
    }

    /** The line of the run with that number, or null. */
    static JsonObject line(JsonObject plan, String run, int number) {
        for (Object o : plan.getJsonObject(run).getJsonArray("lines")) {
            if (((JsonObject) o).getInteger("number") == number) {
                return (JsonObject) o;
            }
        }
        return null;
    }

    static Sheet sheet(JsonObject plan, String run, JsonObject line,
                       Map<UUID, PrintRepository.PrintedBus> buses,
                       Map<UUID, PrintRepository.Riders> households) {
        boolean evening = run.equals("evening");
        PrintRepository.PrintedBus bus = buses.get(UUID.fromString(line.getString("busId")));
        List<List<String>> legs = legs(line.getJsonObject("path").getJsonArray("instructions"));
        JsonArray stops = line.getJsonArray("stops");
        List<SheetStop> sheetStops = new ArrayList<>();
        Map<String, Integer> studentsOf = studentsByHousehold(plan);
        for (int k = 0; k < stops.size(); k++) {
            JsonObject stop = stops.getJsonObject(k);
            List<Rider> riders = new ArrayList<>();
            for (Object id : stop.getJsonArray("households")) {
                PrintRepository.Riders r = households.get(UUID.fromString(id.toString()));
                int students = studentsOf.getOrDefault(id.toString(), 1);
                riders.add(r == null ? new Rider("（已删除的家庭）", students, null)
                        : new Rider(r.studentNames() == null || r.studentNames().isBlank()
                        ? r.label() : r.studentNames(), students, r.parentPhone()));
            }
            // evening legs lead school → stop 1 → …; morning legs stop 1 → stop 2 → … → school
            List<String> directions = evening ? leg(legs, k) : k == 0 ? List.of()
                    : leg(legs, k - 1);
            sheetStops.add(new SheetStop(stop.getInteger("sequence"), stop.getString("stopName"),
                    minute(stop.getString("arrival")), evening ? "下车" : "上车",
                    stop.getInteger("students"), riders, directions));
        }
        List<String> toSchool = evening ? List.of() : leg(legs, stops.size() - 1);
        List<Marker> markers = new ArrayList<>();
        markers.add(school(plan));
        for (int k = 0; k < stops.size(); k++) {
            JsonObject stop = stops.getJsonObject(k);
            markers.add(new Marker(stop.getDouble("lat"), stop.getDouble("lon"),
                    String.valueOf(stop.getInteger("sequence")), "stop"));
        }
        var map = new MapView(List.of(points(line.getJsonObject("path")
                .getJsonArray("geometry"))), List.of(), markers, List.of());
        return new Sheet(plan.getString("schoolName"), runName(run), line.getString("name"),
                plate(bus, line), bus == null ? null : bus.driverName(),
                bus == null ? null : bus.driverPhone(), line.getInteger("capacity"),
                line.getInteger("students"), minute(line.getString("start")),
                minute(line.getString("end")), sheetStops, toSchool, map);
    }

    static StopList stopList(JsonObject plan, Map<UUID, PrintRepository.PrintedBus> buses) {
        Map<String, String[]> byStop = new LinkedHashMap<>();
        for (String run : List.of("evening", "morning")) {
            for (Object o : plan.getJsonObject(run).getJsonArray("lines")) {
                JsonObject line = (JsonObject) o;
                String plate = plate(buses.get(UUID.fromString(line.getString("busId"))), line);
                for (Object s : line.getJsonArray("stops")) {
                    JsonObject stop = (JsonObject) s;
                    String[] row = byStop.computeIfAbsent(stop.getString("stopId"),
                            k -> new String[8]);
                    int at = run.equals("evening") ? 0 : 3;
                    row[at] = line.getString("name");
                    row[at + 1] = plate;
                    row[at + 2] = minute(stop.getString("arrival"));
                    if (run.equals("evening")) {
                        row[6] = String.valueOf(stop.getInteger("students"));
                        row[7] = String.valueOf(stop.getJsonArray("households").size());
                    }
                }
            }
        }
        List<StopRow> rows = new ArrayList<>();
        List<Marker> markers = new ArrayList<>();
        markers.add(school(plan));
        List<List<double[]>> lines = new ArrayList<>();
        plan.getJsonObject("evening").getJsonArray("lines").forEach(o -> lines.add(points(
                ((JsonObject) o).getJsonObject("path").getJsonArray("geometry"))));
        for (Object o : plan.getJsonArray("stops")) {
            JsonObject stop = (JsonObject) o;
            String[] r = byStop.get(stop.getString("id"));
            if (r == null) {
                continue;
            }
            rows.add(new StopRow(stop.getString("id"), stop.getString("name"),
                    stop.getString("roadName"), r[0], r[1], r[2], r[3], r[4], r[5],
                    r[6] == null ? 0 : Integer.parseInt(r[6]),
                    r[7] == null ? 0 : Integer.parseInt(r[7])));
            markers.add(new Marker(stop.getDouble("lat"), stop.getDouble("lon"),
                    stop.getString("id"), "stop"));
        }
        return new StopList(plan.getString("schoolName"), rows,
                new MapView(lines, List.of(), markers, List.of()));
    }

    /**
     * The household's notice, or null when the plan has no stop for it.
     *
     * @param walking the walking directions from home to the stop
     */
    static Notice notice(JsonObject plan, UUID householdId, PrintRepository.Riders household,
                         Map<UUID, PrintRepository.PrintedBus> buses, List<String> walking) {
        JsonObject entry = find(plan.getJsonArray("households"), "householdId",
                householdId.toString());
        if (entry == null || entry.getString("stopId") == null) {
            return null;
        }
        String stopId = entry.getString("stopId");
        JsonObject stop = find(plan.getJsonArray("stops"), "id", stopId);
        List<double[]> walk = entry.getJsonArray("walkPath") == null ? List.of()
                : points(entry.getJsonArray("walkPath"));
        List<Marker> markers = List.of(
                new Marker(entry.getDouble("lat"), entry.getDouble("lon"), "家", "home"),
                new Marker(stop.getDouble("lat"), stop.getDouble("lon"), stop.getString("name"),
                        "stop"));
        String students = household == null || household.studentNames() == null
                || household.studentNames().isBlank() ? entry.getInteger("students") + " 名学生"
                : household.studentNames();
        return new Notice(plan.getString("schoolName"), entry.getString("label"), students,
                stop.getString("name"), Math.round(number(entry, "walkMetres")),
                times(plan, "evening", entry.getInteger("eveningLine"), stopId, buses),
                times(plan, "morning", entry.getInteger("morningLine"), stopId, buses),
                walking, new MapView(List.of(), walk, markers, List.of()));
    }

    private static RunTimes times(JsonObject plan, String run, Integer number, String stopId,
                                  Map<UUID, PrintRepository.PrintedBus> buses) {
        JsonObject line = number == null ? null : line(plan, run, number);
        if (line == null) {
            return null;
        }
        JsonObject at = find(line.getJsonArray("stops"), "stopId", stopId);
        String plate = plate(buses.get(UUID.fromString(line.getString("busId"))), line);
        String school = minute(run.equals("evening") ? line.getString("start")
                : line.getString("end"));
        return new RunTimes(line.getString("name"), plate,
                at == null ? null : minute(at.getString("arrival")), school);
    }

    /**
     * The line's steps cut at each stop reached: leg k ends at the k-th point after the first.
     * Each step as printed, with its distance.
     */
    static List<List<String>> legs(JsonArray instructions) {
        List<List<String>> legs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (Object o : instructions) {
            JsonObject step = (JsonObject) o;
            String text = step.getString("textZh");
            current.add(Directions.said(text, number(step, "distanceMetres")));
            if (Directions.isArrival(text)) {
                legs.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            legs.add(current);
        }
        return legs;
    }

    private static List<String> leg(List<List<String>> legs, int k) {
        return k >= 0 && k < legs.size() ? legs.get(k) : List.of();
    }

    /** The plate as registered, else the bus's label (the demo's labels are plates). */
    static String plate(PrintRepository.PrintedBus bus, JsonObject line) {
        if (bus != null && bus.plate() != null && !bus.plate().isBlank()) {
            return bus.plate();
        }
        return line.getString("busLabel");
    }

    /** {@code 21:07:40} → {@code 21:07}: a parent who comes at the minute shown is in time. */
    static String minute(String clock) {
        return clock == null || clock.length() < 5 ? clock : clock.substring(0, 5);
    }

    private static double number(JsonObject o, String key) {
        return o.getValue(key) instanceof Number n ? n.doubleValue() : 0;
    }

    private static Map<String, Integer> studentsByHousehold(JsonObject plan) {
        Map<String, Integer> students = new java.util.HashMap<>();
        plan.getJsonArray("households").forEach(o -> students.put(
                ((JsonObject) o).getString("householdId"), ((JsonObject) o).getInteger("students")));
        return students;
    }

    private static Marker school(JsonObject plan) {
        return new Marker(plan.getDouble("schoolLat"), plan.getDouble("schoolLon"),
                plan.getString("schoolName"), "school");
    }

    static List<double[]> points(JsonArray latLons) {
        List<double[]> points = new ArrayList<>();
        for (Object p : latLons) {
            JsonArray pair = (JsonArray) p;
            points.add(new double[] {pair.getDouble(0), pair.getDouble(1)});
        }
        return points;
    }

    static JsonObject find(JsonArray array, String key, Object value) {
        for (Object o : array) {
            JsonObject item = (JsonObject) o;
            if (value.equals(item.getValue(key))) {
                return item;
            }
        }
        return null;
    }
}
