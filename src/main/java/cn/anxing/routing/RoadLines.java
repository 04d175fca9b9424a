package cn.anxing.routing;

import com.graphhopper.routing.ev.RoadClass;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.util.DistanceCalc;
import com.graphhopper.util.DistanceCalcEarth;
import com.graphhopper.util.EdgeIteratorState;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.PointList;
import com.graphhopper.util.RamerDouglasPeucker;
import com.graphhopper.util.shapes.BBox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The roads in a box, simplified for drawing our own base map (底图). */
final class RoadLines {

    private static final DistanceCalc EARTH = DistanceCalcEarth.DIST_EARTH;

    private final RoadNetwork network;

    RoadLines(RoadNetwork network) {
        this.network = network;
    }

    /** See {@link RoadNetwork#roads}. */
    List<RoadLine> roads(double minLat, double minLon, double maxLat, double maxLon, int limit) {
        if (!(minLat < maxLat) || !(minLon < maxLon)) {
            throw new IllegalArgumentException("bbox: minLat/minLon must be below maxLat/maxLon");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        limit = Math.min(limit, RoadNetwork.MAX_ROAD_LINES);
        BBox box = new BBox(minLon, maxLon, minLat, maxLat);
        double diagonal = EARTH.calcDist(minLat, minLon, maxLat, maxLon);
        // about one screen pixel when the whole box fills a screen
        var simplifier = new RamerDouglasPeucker().setMaxDistance(Math.max(1, diagonal / 3000));
        BaseGraph graph = network.hopper().getBaseGraph();
        List<EdgeIteratorState> edges = new ArrayList<>();
        for (int edgeId : network.edgesIn(box)) {
            EdgeIteratorState edge = graph.getEdgeIteratorState(edgeId, Integer.MIN_VALUE);
            if (touches(edge, box)) {
                edges.add(edge);
            }
        }
        edges.sort(Comparator.comparingInt(e -> drawOrder(network.roadClass(e))));
        List<RoadLine> lines = new ArrayList<>(Math.min(limit, edges.size()));
        for (EdgeIteratorState edge : edges.subList(0, Math.min(limit, edges.size()))) {
            PointList points = edge.fetchWayGeometry(FetchMode.ALL).clone(false);
            simplifier.simplify(points);
            lines.add(new RoadLine(RoadNetwork.nameOf(edge), network.classOf(edge),
                    network.isLink(edge), RoadNetwork.toLatLons(points)));
        }
        return lines;
    }

    private static boolean touches(EdgeIteratorState edge, BBox box) {
        PointList points = edge.fetchWayGeometry(FetchMode.ALL);
        for (int i = 0; i < points.size(); i++) {
            if (box.contains(points.getLat(i), points.getLon(i))) {
                return true;
            }
        }
        return false;
    }

    private static int drawOrder(RoadClass roadClass) {
        return switch (roadClass) {
            case MOTORWAY -> 0;
            case TRUNK -> 1;
            case PRIMARY -> 2;
            case SECONDARY -> 3;
            case TERTIARY -> 4;
            case UNCLASSIFIED, ROAD, BUSWAY -> 5;
            case RESIDENTIAL, LIVING_STREET -> 6;
            case SERVICE -> 7;
            case PEDESTRIAN, FOOTWAY, STEPS, PATH, CYCLEWAY -> 8;
            default -> 9;
        };
    }
}
