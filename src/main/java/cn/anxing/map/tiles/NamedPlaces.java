package cn.anxing.map.tiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The names people find a place by (地名): named roads, and the landmarks and places the base
 * map labels, read from the OSM extract by the base map's own reader and rules
 * ({@link OsmExtractReader}, {@link OsmStyleRules}). It answers what the accident page's
 * "nearest cross street or landmark" answers in the browser from the drawn tiles (the page's
 * {@code overlays.namesNear}: a road other than the one the point is on, and the nearest named
 * point of interest that is not a bus stop), for the server, which has no tiles drawn: the
 * school bus names its stops with it.
 *
 * <p>Read once per map file (a county is seconds); queries are safe from several threads.
 */
public final class NamedPlaces {

    /** Metres around the equator: one Web Mercator unit there. */
    private static final double EARTH_METRES = 40_075_016.686;
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    /**
     * Where the road a point is on meets another named road.
     *
     * @param metres from the point asked about, as the crow flies
     */
    public record Junction(String crossStreet, double lat, double lon, double metres) {
    }

    /**
     * A named thing near a point.
     *
     * @param kind the base map's layer and class: {@code poi/school}, {@code road/primary},
     *             {@code place/neighbourhood}, …
     */
    public record Place(String name, String kind, double lat, double lon, double metres) {
    }

    private record Named(String name, String kind, Geometry geometry) {
    }

    private final STRtree roads = new STRtree();
    private final STRtree landmarks = new STRtree();
    private final STRtree places = new STRtree();

    private NamedPlaces(List<MapFeature> features) {
        for (MapFeature f : features) {
            Object name = f.properties().get("name");
            if (name == null || name.toString().isBlank()) {
                continue;
            }
            String kind = f.layer() + "/" + f.properties().get("class");
            var named = new Named(name.toString(), kind, f.geometry());
            Envelope box = f.geometry().getEnvelopeInternal();
            switch (f.layer()) {
                case "road" -> {
                    if (!"path".equals(f.properties().get("class"))) {
                        roads.insert(box, named);
                    }
                }
                case "poi" -> {
                    if (!"bus_stop".equals(f.properties().get("class"))) {
                        landmarks.insert(box, named);
                    }
                }
                case "place" -> places.insert(box, named);
                default -> {
                }
            }
        }
        roads.build();
        landmarks.build();
        places.build();
    }

    /** No names at all: for a map that could not be read; every query answers empty. */
    public static NamedPlaces none() {
        return new NamedPlaces(List.of());
    }

    /** The names of the extract's roads, landmarks and places. Blocking: seconds for a county. */
    public static NamedPlaces read(Path mapFile) throws IOException {
        return new NamedPlaces(OsmExtractReader.read(mapFile));
    }

    /**
     * The junction nearest the point where a road named {@code roadName} meets a road of
     * another name, within {@code withinMetres}: {@code 学院路} at the point gives the corner
     * where it meets {@code 人民路}.
     */
    public Optional<Junction> junction(double lat, double lon, String roadName,
                                       double withinMetres) {
        if (roadName == null || roadName.isBlank()) {
            return Optional.empty();
        }
        Coordinate at = mercator(lat, lon);
        List<Named> near = near(roads, at, lat, withinMetres);
        List<Named> own = near.stream().filter(n -> n.name().equals(roadName)).toList();
        List<Named> others = near.stream().filter(n -> !n.name().equals(roadName)).toList();
        Junction best = null;
        for (Named road : own) {
            for (Named other : others) {
                if (!road.geometry().getEnvelopeInternal()
                        .intersects(other.geometry().getEnvelopeInternal())) {
                    continue;
                }
                Geometry crossing;
                try {
                    crossing = road.geometry().intersection(other.geometry());
                } catch (RuntimeException e) {
                    continue; // a degenerate way: not a junction anyone would name
                }
                for (Coordinate c : crossing.getCoordinates()) {
                    double metres = metres(at, c, lat);
                    if (metres <= withinMetres && (best == null || metres < best.metres())) {
                        best = new Junction(other.name(), latOf(c.y), lonOf(c.x), metres);
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The nearest named road other than {@code exceptRoad} (footpaths are not roads here). */
    public Optional<Place> road(double lat, double lon, double withinMetres, String exceptRoad) {
        return nearest(roads, lat, lon, withinMetres, exceptRoad);
    }

    /** The nearest named landmark (school, hospital, shop, park, …; not a bus stop). */
    public Optional<Place> landmark(double lat, double lon, double withinMetres) {
        return nearest(landmarks, lat, lon, withinMetres, null);
    }

    /**
     * The nearest named road other than {@code exceptRoad}, landmark or place (a 小区, a
     * village), for a point on a road with no name.
     */
    public Optional<Place> anyName(double lat, double lon, double withinMetres,
                                   String exceptRoad) {
        Optional<Place> best = Optional.empty();
        for (STRtree tree : List.of(roads, landmarks, places)) {
            Optional<Place> found = nearest(tree, lat, lon, withinMetres, exceptRoad);
            if (found.isPresent() && (best.isEmpty()
                    || found.get().metres() < best.get().metres())) {
                best = found;
            }
        }
        return best;
    }

    private Optional<Place> nearest(STRtree tree, double lat, double lon, double withinMetres,
                                    String exceptName) {
        Coordinate at = mercator(lat, lon);
        Point point = GEOMETRY.createPoint(at);
        Place best = null;
        for (Named n : near(tree, at, lat, withinMetres)) {
            if (n.name().equals(exceptName)) {
                continue;
            }
            Coordinate[] closest = org.locationtech.jts.operation.distance.DistanceOp
                    .nearestPoints(n.geometry(), point);
            double metres = metres(at, closest[0], lat);
            if (metres <= withinMetres && (best == null || metres < best.metres())) {
                best = new Place(n.name(), n.kind(), latOf(closest[0].y), lonOf(closest[0].x),
                        metres);
            }
        }
        return Optional.ofNullable(best);
    }

    @SuppressWarnings("unchecked")
    private static List<Named> near(STRtree tree, Coordinate at, double lat, double metres) {
        double units = metres / unitMetres(lat);
        Envelope box = new Envelope(at.x - units, at.x + units, at.y - units, at.y + units);
        return new ArrayList<>((List<Named>) tree.query(box));
    }

    private static Coordinate mercator(double lat, double lon) {
        return new Coordinate(OsmExtractReader.mercatorX(lon), OsmExtractReader.mercatorY(lat));
    }

    /** Metres in one Web Mercator unit at this latitude (both axes, near the point). */
    private static double unitMetres(double lat) {
        return EARTH_METRES * Math.cos(Math.toRadians(lat));
    }

    private static double metres(Coordinate a, Coordinate b, double lat) {
        return a.distance(b) * unitMetres(lat);
    }

    private static double lonOf(double x) {
        return x * 360 - 180;
    }

    private static double latOf(double y) {
        return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * y))));
    }
}
