package cn.anxing.map.tiles;

import java.util.Map;
import java.util.Set;

/**
 * Which OpenStreetMap objects the base map draws, in which layer and class, and from which zoom:
 * the cartographic choices, kept apart from reading the file and cutting tiles. The layer and
 * class names are what {@code map/style.json} styles.
 */
final class OsmStyleRules {

    /** What one OSM object becomes; {@code area} says a closed way is a polygon. */
    record Kind(String layer, String cls, int minZoom, boolean area) {
    }

    private static final Map<String, Integer> ROAD_ZOOM = Map.ofEntries(
            Map.entry("motorway", 10), Map.entry("trunk", 10), Map.entry("primary", 10),
            Map.entry("secondary", 11), Map.entry("tertiary", 12), Map.entry("minor", 13),
            Map.entry("service", 14), Map.entry("path", 15));

    private static final Set<String> MINOR = Set.of("residential", "unclassified",
            "living_street", "road", "busway");
    private static final Set<String> PATHS = Set.of("footway", "cycleway", "path", "pedestrian",
            "steps", "track", "bridleway", "corridor");
    private static final Set<String> GREEN_LANDUSE = Set.of("forest", "grass", "meadow",
            "recreation_ground", "village_green", "orchard", "cemetery", "allotments");
    private static final Set<String> GREEN_NATURAL = Set.of("wood", "grassland", "scrub",
            "heath");
    private static final Set<String> GREEN_LEISURE = Set.of("park", "garden", "pitch",
            "playground", "nature_reserve", "golf_course", "stadium");
    private static final Set<String> URBAN_LANDUSE = Set.of("residential", "commercial",
            "retail", "industrial", "education", "farmland");
    private static final Set<String> RAILWAYS = Set.of("rail", "subway", "light_rail", "tram",
            "narrow_gauge");
    private static final Set<String> WATER_LANDUSE = Set.of("reservoir", "basin");

    private OsmStyleRules() {
    }

    /** The road class of an OSM highway value, or null for what is not a road we draw. */
    static String roadClass(String highway) {
        if (highway == null) {
            return null;
        }
        String base = highway.endsWith("_link") ? highway.substring(0, highway.length() - 5)
                : highway;
        if (ROAD_ZOOM.containsKey(base) && !base.equals("minor") && !base.equals("path")) {
            return base;
        }
        if (has(MINOR, highway)) {
            return "minor";
        }
        if (has(PATHS, highway)) {
            return "path";
        }
        return null;
    }

    static int roadZoom(String cls) {
        return ROAD_ZOOM.get(cls);
    }

    /** The line or area a way (or multipolygon) is, or null when the base map leaves it out. */
    static Kind wayKind(Map<String, Object> tags, boolean closed) {
        boolean areaTag = "yes".equals(tags.get("area"));
        String highway = text(tags, "highway");
        String road = roadClass(highway);
        if (road != null && !areaTag) {
            return new Kind("road", road, roadZoom(road), false);
        }
        String railway = text(tags, "railway");
        if (has(RAILWAYS, railway)) {
            return new Kind("railway", railway, railway.equals("rail") ? 11 : 12, false);
        }
        String waterway = text(tags, "waterway");
        if ("riverbank".equals(waterway) || "dock".equals(waterway)) {
            return new Kind("water", "river", 10, true);
        }
        if (waterway != null && !closed) {
            return switch (waterway) {
                case "river" -> new Kind("waterway", "river", 10, false);
                case "canal" -> new Kind("waterway", "canal", 12, false);
                case "stream", "drain", "ditch" -> new Kind("waterway", "stream", 14, false);
                default -> null;
            };
        }
        if (!closed) {
            return null;
        }
        String natural = text(tags, "natural");
        String landuse = text(tags, "landuse");
        String leisure = text(tags, "leisure");
        if ("water".equals(natural) || has(WATER_LANDUSE, landuse)) {
            return new Kind("water", "lake", 10, true);
        }
        if (tags.containsKey("building")) {
            return new Kind("building", "building", 14, true);
        }
        if (has(GREEN_LEISURE, leisure)) {
            return new Kind("green", leisure.equals("park") || leisure.equals("garden")
                    || leisure.equals("nature_reserve") ? "park" : "pitch", 10, true);
        }
        if (has(GREEN_NATURAL, natural) || has(GREEN_LANDUSE, landuse)) {
            return new Kind("green", "forest".equals(landuse) || "wood".equals(natural)
                    ? "forest" : "grass", 10, true);
        }
        String amenity = text(tags, "amenity");
        if (has(Set.of("school", "kindergarten", "college", "university"), amenity)) {
            return new Kind("landuse", "school", 12, true);
        }
        if ("hospital".equals(amenity)) {
            return new Kind("landuse", "hospital", 12, true);
        }
        if (has(URBAN_LANDUSE, landuse)) {
            return new Kind("landuse", landuse, 11, true);
        }
        return null;
    }

    /**
     * The point of interest an object is, people navigate by these: schools, hospitals, police,
     * bus stops, the big shops. Null for anything else.
     */
    static Kind poiKind(Map<String, Object> tags) {
        String amenity = text(tags, "amenity");
        if (amenity != null) {
            switch (amenity) {
                case "school", "kindergarten", "college", "university":
                    return new Kind("poi", "school", 14, false);
                case "hospital":
                    return new Kind("poi", "hospital", 13, false);
                case "clinic", "doctors":
                    return new Kind("poi", "clinic", 15, false);
                case "police":
                    return new Kind("poi", "police", 14, false);
                case "townhall", "courthouse":
                    return new Kind("poi", "government", 14, false);
                case "marketplace":
                    return new Kind("poi", "shop", 15, false);
                case "bus_station":
                    return new Kind("poi", "bus_stop", 14, false);
                case "fuel":
                    return new Kind("poi", "fuel", 15, false);
                default:
                    break;
            }
        }
        if ("bus_stop".equals(tags.get("highway"))
                || ("platform".equals(tags.get("public_transport")) && "yes".equals(
                tags.get("bus")))) {
            return new Kind("poi", "bus_stop", 15, false);
        }
        String shop = text(tags, "shop");
        if (shop != null && has(Set.of("mall", "department_store", "supermarket"), shop)) {
            return new Kind("poi", "shop", 15, false);
        }
        String leisure = text(tags, "leisure");
        if ("park".equals(leisure)) {
            return new Kind("poi", "park", 14, false);
        }
        String railway = text(tags, "railway");
        if ("station".equals(railway)) {
            return new Kind("poi", "station", 12, false);
        }
        return null;
    }

    /** A place name (city down to neighbourhood), or null. */
    static Kind placeKind(Map<String, Object> tags) {
        String place = text(tags, "place");
        if (place == null) {
            return null;
        }
        return switch (place) {
            case "city" -> new Kind("place", "city", 8, false);
            case "town" -> new Kind("place", "town", 10, false);
            case "suburb", "village" -> new Kind("place", place, 12, false);
            case "quarter", "neighbourhood", "hamlet", "isolated_dwelling" ->
                    new Kind("place", "neighbourhood", 14, false);
            default -> null;
        };
    }

    /**
     * The name people read: Chinese {@code name} first, then {@code name:zh}, then English.
     */
    static String name(Map<String, Object> tags) {
        for (String key : new String[] {"name", "name:zh", "name:zh-Hans", "name:en"}) {
            String value = text(tags, key);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /** Set.contains, false for a missing tag (immutable sets refuse null). */
    private static boolean has(Set<String> values, String value) {
        return value != null && values.contains(value);
    }

    private static String text(Map<String, Object> tags, String key) {
        Object value = tags.get(key);
        return value == null ? null : value.toString();
    }
}
