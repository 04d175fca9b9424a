package cn.anxing.routing;

import static cn.anxing.routing.RoadNetwork.BUS;
import static cn.anxing.routing.RoadNetwork.FOOT;

import com.graphhopper.routing.ev.RoadClass;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.util.DistanceCalc;
import com.graphhopper.util.DistanceCalcEarth;
import com.graphhopper.util.EdgeIteratorState;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.PointList;
import com.graphhopper.util.shapes.BBox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Places along the roads near a household where a school bus may stop (候选站点). */
final class StopSampler {

    private static final DistanceCalc EARTH = DistanceCalcEarth.DIST_EARTH;

    private final RoadNetwork network;

    StopSampler(RoadNetwork network) {
        this.network = network;
    }

    /** See {@link RoadNetwork#stopCandidates}. */
    List<StopCandidate> stopCandidates(double lat, double lon, double radiusMetres,
                                       double spacingMetres) {
        if (!(radiusMetres > 0) || radiusMetres > 5_000) {
            throw new IllegalArgumentException("radiusMetres must be between 0 and 5000");
        }
        if (!(spacingMetres >= 10)) {
            throw new IllegalArgumentException("spacingMetres must be at least 10");
        }
        if (!network.contains(lat, lon)) {
            throw network.outsideMap(new LatLon(lat, lon), 0);
        }
        Weighting bus = network.weighting(BUS);
        Weighting foot = network.weighting(FOOT);
        BBox box = EARTH.createBBox(lat, lon, radiusMetres);
        BaseGraph graph = network.hopper().getBaseGraph();
        List<StopCandidate> sampled = new ArrayList<>();
        for (int edgeId : network.edgesIn(box)) {
            EdgeIteratorState edge = graph.getEdgeIteratorState(edgeId, Integer.MIN_VALUE);
            RoadClass roadClass = network.roadClass(edge);
            // the bus must reach it and the children must be able to walk to it
            boolean usable = usable(edge, bus, BUS) && usable(edge, foot, FOOT);
            if (!usable || network.isLink(edge)
                    || roadClass == RoadClass.MOTORWAY || roadClass == RoadClass.TRUNK) {
                continue;
            }
            for (LatLon p : sampleAlong(edge.fetchWayGeometry(FetchMode.ALL), spacingMetres)) {
                double d = EARTH.calcDist(lat, lon, p.lat(), p.lon());
                if (d <= radiusMetres) {
                    sampled.add(new StopCandidate(p, RoadNetwork.nameOf(edge),
                            roadClass.toString(), d));
                }
            }
        }
        sampled.sort(Comparator.comparingDouble(StopCandidate::straightLineMetres));
        List<StopCandidate> kept = new ArrayList<>();
        for (StopCandidate candidate : sampled) {
            boolean crowded = kept.stream().anyMatch(k -> EARTH.calcDist(k.point().lat(),
                    k.point().lon(), candidate.point().lat(), candidate.point().lon())
                    < spacingMetres / 2);
            if (!crowded) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    /** In the profile's main network and passable in at least one direction. */
    private boolean usable(EdgeIteratorState edge, Weighting weighting, String profile) {
        return network.inMainNetwork(edge, profile)
                && (Double.isFinite(weighting.calcEdgeWeight(edge, false))
                || Double.isFinite(weighting.calcEdgeWeight(edge, true)));
    }

    /** Points along a polyline every {@code spacing} metres, starting at its first point. */
    private static List<LatLon> sampleAlong(PointList line, double spacing) {
        List<LatLon> out = new ArrayList<>();
        out.add(new LatLon(line.getLat(0), line.getLon(0)));
        double untilNext = spacing;
        for (int i = 1; i < line.size(); i++) {
            double lat0 = line.getLat(i - 1);
            double lon0 = line.getLon(i - 1);
            double segment = EARTH.calcDist(lat0, lon0, line.getLat(i), line.getLon(i));
            double along = 0;
            while (segment - along >= untilNext) {
                along += untilNext;
                double f = along / segment;
                out.add(new LatLon(lat0 + f * (line.getLat(i) - lat0),
                        lon0 + f * (line.getLon(i) - lon0)));
                untilNext = spacing;
            }
            untilNext -= segment - along;
        }
        int last = line.size() - 1;
        out.add(new LatLon(line.getLat(last), line.getLon(last)));
        return out;
    }
}
