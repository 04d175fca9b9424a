package cn.anxing.map.tiles;

import cn.anxing.map.tiles.OsmStyleRules.Kind;
import com.carrotsearch.hppc.DoubleArrayList;
import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.graphhopper.reader.ReaderElement;
import com.graphhopper.reader.ReaderNode;
import com.graphhopper.reader.ReaderRelation;
import com.graphhopper.reader.ReaderWay;
import com.graphhopper.reader.osm.OSMInputFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.linemerge.LineMerger;

/**
 * Reads an OSM extract (.osm through StAX or .osm.pbf, both by GraphHopper's
 * {@link OSMInputFile}, the reader the road graph is imported with) into the features of the
 * base map, projected to Web Mercator.
 *
 * <p>One pass: extracts list nodes, then ways, then relations, so a way finds its nodes and a
 * multipolygon its ways already read. Everything is held in memory, which a county's extract
 * (tens of megabytes) allows.
 */
final class OsmExtractReader {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final double MAX_LAT = 85.05112878;

    private final LongIntHashMap nodeIndex = new LongIntHashMap();
    private final DoubleArrayList nodeX = new DoubleArrayList();
    private final DoubleArrayList nodeY = new DoubleArrayList();
    /** Every way's points, for the multipolygons that come after the ways. */
    private final LongObjectHashMap<Coordinate[]> wayPoints = new LongObjectHashMap<>();
    private final List<MapFeature> features = new ArrayList<>();

    private OsmExtractReader() {
    }

    static List<MapFeature> read(Path file) throws IOException {
        var reader = new OsmExtractReader();
        try (OSMInputFile in = new OSMInputFile(file.toFile()).setWorkerThreads(1).open()) {
            for (ReaderElement element; (element = in.getNext()) != null; ) {
                if (element instanceof ReaderNode node) {
                    reader.node(node);
                } else if (element instanceof ReaderWay way) {
                    reader.way(way);
                } else if (element instanceof ReaderRelation relation) {
                    reader.relation(relation);
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("cannot read the map " + file + ": " + e.getMessage(), e);
        }
        return reader.features;
    }

    /** Longitude to Web Mercator x in 0..1. */
    static double mercatorX(double lon) {
        return (lon + 180) / 360;
    }

    /** Latitude to Web Mercator y in 0..1, north at 0. */
    static double mercatorY(double lat) {
        double phi = Math.toRadians(Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)));
        return (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2;
    }

    private void node(ReaderNode node) {
        double x = mercatorX(node.getLon());
        double y = mercatorY(node.getLat());
        nodeIndex.put(node.getId(), nodeX.size());
        nodeX.add(x);
        nodeY.add(y);
        if (!node.hasTags()) {
            return;
        }
        Map<String, Object> tags = node.getTags();
        Point point = GEOMETRY.createPoint(new Coordinate(x, y));
        Kind place = OsmStyleRules.placeKind(tags);
        String name = OsmStyleRules.name(tags);
        if (place != null && name != null) {
            add(place, point, name, tags);
        }
        Kind poi = OsmStyleRules.poiKind(tags);
        if (poi != null) {
            add(poi, point, name, tags);
        }
    }

    private void way(ReaderWay way) {
        Coordinate[] points = points(way.getNodes());
        if (points.length < 2) {
            return;
        }
        wayPoints.put(way.getId(), points);
        if (!way.hasTags()) {
            return;
        }
        Map<String, Object> tags = way.getTags();
        boolean closed = points.length >= 4 && points[0].equals2D(points[points.length - 1]);
        Kind kind = OsmStyleRules.wayKind(tags, closed);
        String name = OsmStyleRules.name(tags);
        Polygon area = null;
        if (kind != null && !(kind.area() && !closed)) {
            if (kind.area()) {
                area = GEOMETRY.createPolygon(points);
                add(kind, area, name, tags);
            } else {
                add(kind, GEOMETRY.createLineString(points), name, tags);
            }
        }
        if (closed) {
            area = area != null ? area : GEOMETRY.createPolygon(points);
            labelsOfArea(tags, area, name);
        }
    }

    private void relation(ReaderRelation relation) {
        Map<String, Object> tags = relation.getTags();
        if (!"multipolygon".equals(tags.get("type"))) {
            return;
        }
        Kind kind = OsmStyleRules.wayKind(tags, true);
        var outer = new LineMerger();
        var inner = new LineMerger();
        for (ReaderRelation.Member member : relation.getMembers()) {
            Coordinate[] points = member.getType() == ReaderElement.Type.WAY
                    ? wayPoints.get(member.getRef()) : null;
            if (points != null) {
                ("inner".equals(member.getRole()) ? inner : outer)
                        .add(GEOMETRY.createLineString(points));
            }
        }
        List<LinearRing> shells = rings(outer);
        List<LinearRing> holes = rings(inner);
        String name = OsmStyleRules.name(tags);
        for (LinearRing shell : shells) {
            Polygon outline = GEOMETRY.createPolygon(shell);
            LinearRing[] inside = holes.stream().filter(h -> outline.contains(h.getStartPoint()))
                    .toArray(LinearRing[]::new);
            Polygon polygon = GEOMETRY.createPolygon(shell, inside);
            if (kind != null && kind.area()) {
                add(kind, polygon, name, tags);
            }
            labelsOfArea(tags, polygon, name);
        }
    }

    /** Named areas also label the map: a school's grounds as a school, a 小区 as a place. */
    private void labelsOfArea(Map<String, Object> tags, Polygon area, String name) {
        Kind poi = OsmStyleRules.poiKind(tags);
        if (poi != null && !tags.containsKey("highway")) {
            add(poi, interiorPoint(area), name, tags);
        } else if (name != null && "residential".equals(tags.get("landuse"))) {
            add(new Kind("place", "neighbourhood", 14, false), interiorPoint(area), name, tags);
        } else if (name != null && tags.containsKey("place")) {
            Kind place = OsmStyleRules.placeKind(tags);
            if (place != null) {
                add(place, interiorPoint(area), name, tags);
            }
        }
    }

    private static Geometry interiorPoint(Polygon area) {
        try {
            return area.getInteriorPoint();
        } catch (RuntimeException e) {
            return area.getCentroid();
        }
    }

    private static List<LinearRing> rings(LineMerger merger) {
        List<LinearRing> rings = new ArrayList<>();
        for (Object merged : merger.getMergedLineStrings()) {
            LineString line = (LineString) merged;
            if (line.isClosed() && line.getNumPoints() >= 4) {
                rings.add(GEOMETRY.createLinearRing(line.getCoordinates()));
            }
        }
        return rings;
    }

    private void add(Kind kind, Geometry geometry, String name, Map<String, Object> tags) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("class", kind.cls());
        if (name != null) {
            properties.put("name", name);
        }
        if (kind.layer().equals("road")) {
            Object highway = tags.get("highway");
            if (highway != null && highway.toString().endsWith("_link")) {
                properties.put("link", true);
            }
            Object ref = tags.get("ref");
            if (ref != null) {
                properties.put("ref", ref.toString());
            }
            if ("yes".equals(tags.get("bridge"))) {
                properties.put("bridge", true);
            }
            if ("yes".equals(tags.get("tunnel"))) {
                properties.put("tunnel", true);
            }
        }
        features.add(new MapFeature(kind.layer(), geometry, properties, kind.minZoom()));
    }

    private Coordinate[] points(LongArrayList ids) {
        List<Coordinate> points = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            int index = nodeIndex.getOrDefault(ids.get(i), -1);
            if (index >= 0) {
                points.add(new Coordinate(nodeX.get(index), nodeY.get(index)));
            }
        }
        return points.toArray(Coordinate[]::new);
    }

    /** The count of features by layer, for the log and the benchmark. */
    static Map<String, Integer> countByLayer(List<MapFeature> features) {
        Map<String, Integer> counts = new HashMap<>();
        features.forEach(f -> counts.merge(f.layer(), 1, Integer::sum));
        return counts;
    }
}
