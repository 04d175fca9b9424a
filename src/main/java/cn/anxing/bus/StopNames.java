package cn.anxing.bus;

import cn.anxing.map.tiles.NamedPlaces;
import cn.anxing.routing.LatLon;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names stops as a driver or a parent would say them (站点命名): the corner where the stop's road
 * meets a named cross street ({@code 学院路与人民路口}), else the landmark beside it ({@code
 * 贵溪市第一中学}, {@code …附近}), else the nearest name there is; never "unnamed road". Stops
 * that would share a name are told apart by their side of the corner or landmark ({@code
 * 学院路与人民路口东侧}) and, if still alike, by how far they are from it.
 */
final class StopNames {

    /** A cross street this close along the stop's road names the stop after the corner. */
    static final double CORNER_METRES = 300;
    /** A landmark this close names the stop; within {@link #AT_METRES} without "附近". */
    static final double LANDMARK_METRES = 250;
    static final double AT_METRES = 80;
    /** The farthest corner a road's stop is placed "near" (近…路口). */
    static final double FAR_CORNER_METRES = 1500;
    /** How far to look for any name at all for a stop on a road with none. */
    static final double ANY_NAME_METRES = 5000;
    /** Closer than this to its corner or landmark, a stop has no side. */
    private static final double NO_SIDE_METRES = 20;

    private final NamedPlaces places;

    StopNames(NamedPlaces places) {
        this.places = places;
    }

    /**
     * A name before it is told apart: {@code alone} when no other stop has it; else {@code
     * stem}, the side of {@code reference} (or of the stops' middle when null) and {@code
     * sideWord} (侧 beside a corner or landmark, 段 along a road); or, {@code byDistance}, the
     * stem and how far the stop is from the corner it names ({@code 水厂路距贵溪大道路口约240米}).
     */
    private record Draft(String alone, String stem, LatLon reference, String sideWord,
                         boolean byDistance) {

        Draft(String alone, String stem, LatLon reference, String sideWord) {
            this(alone, stem, reference, sideWord, false);
        }
    }

    /** One name per stop, in the order given; no two alike. */
    List<String> names(List<LatLon> points, List<String> roadNames) {
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            drafts.add(draft(points.get(i), roadNames.get(i)));
        }
        Map<String, List<Integer>> byName = new LinkedHashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            byName.computeIfAbsent(drafts.get(i).alone(), k -> new ArrayList<>()).add(i);
        }
        String[] names = new String[points.size()];
        for (List<Integer> group : byName.values()) {
            if (group.size() == 1) {
                names[group.get(0)] = drafts.get(group.get(0)).alone();
                continue;
            }
            distinguish(group, points, drafts, names);
        }
        return List.of(names);
    }

    private Draft draft(LatLon point, String road) {
        boolean named = road != null && !road.isBlank();
        if (named) {
            Optional<NamedPlaces.Junction> corner = places.junction(point.lat(), point.lon(),
                    road, CORNER_METRES);
            if (corner.isPresent()) {
                String stem = corner(road, corner.get().crossStreet());
                return new Draft(stem, stem, new LatLon(corner.get().lat(),
                        corner.get().lon()), "侧");
            }
        }
        Optional<NamedPlaces.Place> landmark = places.landmark(point.lat(), point.lon(),
                LANDMARK_METRES);
        if (landmark.isPresent()) {
            NamedPlaces.Place l = landmark.get();
            return new Draft(l.metres() <= AT_METRES ? l.name() : l.name() + "附近", l.name(),
                    new LatLon(l.lat(), l.lon()), "侧");
        }
        if (named) {
            Optional<NamedPlaces.Junction> far = places.junction(point.lat(), point.lon(), road,
                    FAR_CORNER_METRES);
            if (far.isPresent()) {
                NamedPlaces.Junction j = far.get();
                return new Draft(road + "近" + j.crossStreet(), road + "距" + j.crossStreet()
                        + cornerWord(j.crossStreet()), new LatLon(j.lat(), j.lon()), "侧", true);
            }
            return new Draft(road, road, null, "段");
        }
        Optional<NamedPlaces.Place> any = places.anyName(point.lat(), point.lon(),
                ANY_NAME_METRES, null);
        if (any.isPresent()) {
            NamedPlaces.Place p = any.get();
            return new Draft(p.name() + "附近", p.name(), new LatLon(p.lat(), p.lon()), "侧");
        }
        return new Draft("校车停靠点", "校车停靠点", null, "段");
    }

    /** {@code 学院路与人民路口}; a cross street not ending in 路 gets the whole 路口. */
    static String corner(String road, String crossStreet) {
        return road + "与" + crossStreet + cornerWord(crossStreet);
    }

    private static String cornerWord(String crossStreet) {
        return crossStreet.endsWith("路") ? "口" : "路口";
    }

    /**
     * Names a group of alike stops by side, then those still alike by side and distance, then
     * those still alike by a number.
     */
    private static void distinguish(List<Integer> group, List<LatLon> points, List<Draft> drafts,
                                    String[] names) {
        double lat = 0;
        double lon = 0;
        for (int i : group) {
            lat += points.get(i).lat() / group.size();
            lon += points.get(i).lon() / group.size();
        }
        LatLon middle = new LatLon(lat, lon);
        Map<Integer, String> named = new HashMap<>();
        List<Integer> alike = group;
        for (int level = 0; level < 3 && !alike.isEmpty(); level++) {
            int number = 0;
            for (int i : alike) {
                Draft d = drafts.get(i);
                LatLon from = d.reference() == null ? middle : d.reference();
                double metres = from.distanceMetres(points.get(i));
                String side = metres < NO_SIDE_METRES ? "" : direction(from, points.get(i),
                        level > 0) + (d.byDistance() ? "" : d.sideWord());
                String far = side.isEmpty() ? "" : "约" + Math.round(metres / 10) * 10 + "米";
                named.put(i, switch (level) {
                    case 0 -> d.stem() + (d.byDistance() ? far : side);
                    case 1 -> d.stem() + side + far;
                    default -> named.get(i) + "·" + ++number;
                });
            }
            Map<String, Integer> counts = new HashMap<>();
            group.forEach(i -> counts.merge(named.get(i), 1, Integer::sum));
            alike = alike.stream().filter(i -> counts.get(named.get(i)) > 1).toList();
        }
        group.forEach(i -> names[i] = named.get(i));
    }

    /** 东, 南, 西 or 北 of {@code from}; with {@code fine}, also 东北, 东南, 西南, 西北. */
    static String direction(LatLon from, LatLon to, boolean fine) {
        double east = (to.lon() - from.lon()) * Math.cos(Math.toRadians(from.lat()));
        double north = to.lat() - from.lat();
        double degrees = (Math.toDegrees(Math.atan2(east, north)) + 360) % 360;
        if (!fine) {
            return new String[] {"北", "东", "南", "西"}[(int) Math.round(degrees / 90) % 4];
        }
        return new String[] {"北", "东北", "东", "东南", "南", "西南", "西", "西北"}
                [(int) Math.round(degrees / 45) % 8];
    }
}
