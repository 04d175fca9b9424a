package cn.anxing.routing;

import com.graphhopper.GraphHopper;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.EnumEncodedValue;
import com.graphhopper.routing.ev.IntEncodedValue;
import com.graphhopper.routing.ev.OSMWayID;
import com.graphhopper.routing.ev.RoadClass;
import com.graphhopper.routing.ev.RoadClassLink;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.util.DefaultSnapFilter;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.EdgeIteratorState;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.PMap;
import com.graphhopper.util.PointList;
import com.graphhopper.util.shapes.BBox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The road network of one OSM extract (路网), held by one long-lived GraphHopper instance.
 *
 * <p>Plain blocking Java: importing a county takes tens of seconds and every query walks the
 * graph, so callers on an event loop go through {@link RoutingService}. All queries are safe
 * to call from several threads at once.
 *
 * <p>No contraction hierarchies or landmarks are prepared: the matrix, the heavy query of the
 * bus planner, runs one-to-many searches on the base graph where CH would not help, and a
 * point-to-point route on a county-sized graph takes tens of milliseconds without them while
 * the preparation would add to every import.
 *
 * <p>This class owns the engine, snapping and the matrix; the cache on disk
 * ({@link GraphCache}), routes with instructions ({@link RouteFinder}), lines for drawing
 * ({@link RoadLines}) and stop candidates ({@link StopSampler}) are package-private helpers
 * that read the graph through it.
 */
public final class RoadNetwork implements AutoCloseable {

    public static final String BUS = "bus";
    public static final String FOOT = "foot";
    public static final List<String> PROFILES = List.of(BUS, FOOT);

    /**
     * At most this many lines from {@link #roads}: with simplified geometry a city's worth is
     * a few megabytes of JSON.
     */
    public static final int MAX_ROAD_LINES = 15_000;

    /** A point farther than this from any usable road is not on the network. */
    public static final double MAX_SNAP_METRES = 500;

    private final GraphHopper hopper;
    private final Map<String, Weighting> weightings = new HashMap<>();
    private final Map<String, BooleanEncodedValue> subnetworks = new HashMap<>();
    private final EnumEncodedValue<RoadClass> roadClassEnc;
    private final BooleanEncodedValue roadClassLinkEnc;
    private final IntEncodedValue osmWayIdEnc;
    private final MapBounds bounds;
    private final boolean imported;
    private final RouteFinder routes;
    private final RoadLines roadLines;
    private final StopSampler stops;

    private RoadNetwork(GraphHopper hopper, boolean imported) {
        this.hopper = hopper;
        this.imported = imported;
        var encoding = hopper.getEncodingManager();
        for (String profile : PROFILES) {
            weightings.put(profile, hopper.createWeighting(hopper.getProfile(profile), new PMap()));
            subnetworks.put(profile, encoding.getBooleanEncodedValue(Subnetwork.key(profile)));
        }
        roadClassEnc = encoding.getEnumEncodedValue(RoadClass.KEY, RoadClass.class);
        roadClassLinkEnc = encoding.getBooleanEncodedValue(RoadClassLink.KEY);
        osmWayIdEnc = encoding.getIntEncodedValue(OSMWayID.KEY);
        BBox box = hopper.getBaseGraph().getBounds();
        bounds = new MapBounds(box.minLat, box.minLon, box.maxLat, box.maxLon);
        routes = new RouteFinder(this);
        roadLines = new RoadLines(this);
        stops = new StopSampler(this);
    }

    /**
     * Opens the network of {@code mapFile}, importing it into {@code cacheDir} on first use and
     * loading the cache afterwards. The cache remembers a fingerprint of the file it was built
     * from (size, SHA-256, the custom models): a changed map or model rebuilds it.
     *
     * @throws MapFileMissingException if the map file is not there
     */
    public static RoadNetwork open(Path mapFile, Path cacheDir) {
        GraphCache.Opened opened = GraphCache.open(mapFile, cacheDir);
        return new RoadNetwork(opened.hopper(), opened.imported());
    }

    /** True if this instance built the cache, false if it loaded an existing one. */
    public boolean wasImported() {
        return imported;
    }

    public MapBounds bounds() {
        return bounds;
    }

    public boolean contains(double lat, double lon) {
        return bounds.contains(lat, lon);
    }

    // ---------------------------------------------------------------- snapping

    /**
     * Moves a point onto the nearest road the profile may use.
     *
     * @throws PointNotOnRoadException outside the map, or no such road within
     *                                 {@link #MAX_SNAP_METRES}
     */
    public RoadSnap snap(double lat, double lon, String profile) {
        Snap snap = snapOrThrow(new LatLon(lat, lon), 0, profile);
        EdgeIteratorState edge = snap.getClosestEdge();
        var p = snap.getSnappedPoint();
        return new RoadSnap(new LatLon(p.lat, p.lon), snap.getQueryDistance(), nameOf(edge),
                classOf(edge), isLink(edge));
    }

    /**
     * The road segment (graph edge, junction to junction) nearest a point that the profile may
     * use: what the one traffic map counts accidents on. Edge ids are stable for one import of
     * one map file; the OSM way id ties the segment back to the extract.
     *
     * @throws PointNotOnRoadException outside the map, or no such road within
     *                                 {@link #MAX_SNAP_METRES}
     */
    public RoadSegment segmentAt(double lat, double lon, String profile) {
        Snap snap = snapOrThrow(new LatLon(lat, lon), 0, profile);
        EdgeIteratorState edge = snap.getClosestEdge();
        var p = snap.getSnappedPoint();
        return new RoadSegment(edge.getEdge(), edge.get(osmWayIdEnc), nameOf(edge),
                classOf(edge), toLatLons(edge.fetchWayGeometry(FetchMode.ALL)),
                new LatLon(p.lat, p.lon), snap.getQueryDistance());
    }

    private Snap snapOrThrow(LatLon point, int index, String profile) {
        if (!contains(point.lat(), point.lon())) {
            throw outsideMap(point, index);
        }
        EdgeFilter filter = new DefaultSnapFilter(weighting(profile), subnetworks.get(profile));
        Snap snap = hopper.getLocationIndex().findClosest(point.lat(), point.lon(), filter);
        if (!snap.isValid() || snap.getQueryDistance() > MAX_SNAP_METRES) {
            throw new PointNotOnRoadException("no road for " + profile + " within "
                    + (int) MAX_SNAP_METRES + " m of point " + index + " (" + point.lat() + ","
                    + point.lon() + ")", index, PointNotOnRoadException.Reason.NO_ROAD_NEARBY);
        }
        return snap;
    }

    PointNotOnRoadException outsideMap(LatLon point, int index) {
        return new PointNotOnRoadException("point " + index + " (" + point.lat() + ","
                + point.lon() + ") is outside the map " + bounds, index,
                PointNotOnRoadException.Reason.OUTSIDE_MAP);
    }

    Weighting weighting(String profile) {
        Weighting weighting = weightings.get(profile);
        if (weighting == null) {
            throw new IllegalArgumentException("unknown routing profile '" + profile
                    + "', expected one of " + PROFILES);
        }
        return weighting;
    }

    static String nameOf(EdgeIteratorState edge) {
        String name = edge.getName();
        return name == null ? "" : name;
    }

    String classOf(EdgeIteratorState edge) {
        return edge.get(roadClassEnc).toString();
    }

    RoadClass roadClass(EdgeIteratorState edge) {
        return edge.get(roadClassEnc);
    }

    boolean isLink(EdgeIteratorState edge) {
        return edge.get(roadClassLinkEnc);
    }

    /** Not cut off from the profile's main network (GraphHopper's subnetwork flag). */
    boolean inMainNetwork(EdgeIteratorState edge, String profile) {
        return !edge.get(subnetworks.get(profile));
    }

    /** Ids of the edges the location index holds in or near {@code box}. */
    Set<Integer> edgesIn(BBox box) {
        Set<Integer> ids = new LinkedHashSet<>();
        hopper.getLocationIndex().query(box, ids::add);
        return ids;
    }

    static List<LatLon> toLatLons(PointList points) {
        List<LatLon> out = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            out.add(new LatLon(points.getLat(i), points.getLon(i)));
        }
        return out;
    }

    // ---------------------------------------------------------------- routes

    /**
     * The best route through the points in order, with Chinese and English instructions.
     *
     * @throws PointNotOnRoadException if a point cannot be snapped
     * @throws NoRouteException        if the profile cannot connect two consecutive points
     */
    public Route route(List<LatLon> points, String profile) {
        return routes.route(points, profile);
    }

    // ---------------------------------------------------------------- matrix

    /** {@link #matrix(List, List, String, Executor, int)} on the calling thread alone. */
    public TravelMatrix matrix(List<LatLon> from, List<LatLon> to, String profile) {
        return matrix(from, to, profile, Runnable::run, 1);
    }

    /**
     * Travel times and distances from every origin to every destination. All points are
     * snapped once into one query graph, copied into flat arrays ({@link MatrixSearch}); each
     * origin then grows one shortest-path tree until every destination is settled, so the cost
     * is one search per origin rather than one per pair. Origins are split into
     * {@code parallelism} slices run on {@code workers}.
     *
     * <p>Points are indexed origins first, then destinations, in a
     * {@link PointNotOnRoadException}: index {@code from.size() + j} is destination j.
     */
    public TravelMatrix matrix(List<LatLon> from, List<LatLon> to, String profile,
                               Executor workers, int parallelism) {
        Weighting weighting = weighting(profile);
        List<Snap> snaps = snapAll(from, to, profile);
        QueryGraph graph = QueryGraph.create(hopper.getBaseGraph(), snaps);
        Weighting queryWeighting = graph.wrapWeighting(weighting);

        MatrixSearch search = MatrixSearch.of(graph, queryWeighting);
        int[][] destinationsOf = new int[graph.getNodes()][];
        int destinationNodes = 0;
        for (int j = 0; j < to.size(); j++) {
            int node = snaps.get(from.size() + j).getClosestNode();
            int[] here = destinationsOf[node];
            if (here == null) {
                destinationNodes++;
                destinationsOf[node] = new int[] {j};
            } else {
                int[] more = Arrays.copyOf(here, here.length + 1);
                more[here.length] = j;
                destinationsOf[node] = more;
            }
        }
        int targets = destinationNodes;
        double[][] seconds = new double[from.size()][to.size()];
        double[][] metres = new double[from.size()][to.size()];
        int slices = Math.max(1, Math.min(parallelism, from.size()));
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int slice = 0; slice < slices; slice++) {
            int firstRow = slice;
            running.add(CompletableFuture.runAsync(() -> {
                MatrixSearch.Workspace workspace = search.workspace();
                for (int i = firstRow; i < from.size(); i += slices) {
                    search.fillRow(workspace, snaps.get(i).getClosestNode(), destinationsOf,
                            targets, seconds[i], metres[i]);
                }
            }, workers));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        return new TravelMatrix(seconds, metres);
    }

    /** Origins then destinations, each snapped for {@code profile}. */
    List<Snap> snapAll(List<LatLon> from, List<LatLon> to, String profile) {
        List<Snap> snaps = new ArrayList<>(from.size() + to.size());
        List<LatLon> all = new ArrayList<>(from);
        all.addAll(to);
        for (int i = 0; i < all.size(); i++) {
            snaps.add(snapOrThrow(all.get(i), i, profile));
        }
        return snaps;
    }

    /** The engine itself, for tests that check our queries against GraphHopper's own. */
    GraphHopper hopper() {
        return hopper;
    }

    // ---------------------------------------------------------------- roads for the base map

    /**
     * The roads in a box, simplified for drawing, most important classes first and at most
     * {@code limit} of them (and never more than {@link #MAX_ROAD_LINES}): a city-sized box
     * stays a few megabytes of JSON. Lines are GraphHopper edges, from junction to junction.
     */
    public List<RoadLine> roads(double minLat, double minLon, double maxLat, double maxLon,
                                int limit) {
        return roadLines.roads(minLat, minLon, maxLat, maxLon, limit);
    }

    // ---------------------------------------------------------------- stop candidates

    /**
     * Places within {@code radiusMetres} (as the crow flies) of a household where a school bus
     * may stop: points every {@code spacingMetres} along roads the bus can drive and children
     * can walk, in both profiles' main networks, never on a motorway, trunk road or ramp.
     * Nearest first, no two closer than half the spacing. The planner then measures walking
     * distances with a foot
     * {@link #matrix} and drops candidates a child would have to walk too far to.
     */
    public List<StopCandidate> stopCandidates(double lat, double lon, double radiusMetres,
                                              double spacingMetres) {
        return stops.stopCandidates(lat, lon, radiusMetres, spacingMetres);
    }

    @Override
    public void close() {
        hopper.close();
    }
}