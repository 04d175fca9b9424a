package cn.anxing.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.GraphHopper;
import com.graphhopper.ResponsePath;
import com.graphhopper.config.Profile;
import com.graphhopper.jackson.Jackson;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.EnumEncodedValue;
import com.graphhopper.routing.ev.RoadClass;
import com.graphhopper.routing.ev.RoadClassLink;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.util.DefaultSnapFilter;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.CustomModel;
import com.graphhopper.util.DistanceCalc;
import com.graphhopper.util.DistanceCalcEarth;
import com.graphhopper.util.EdgeIteratorState;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.Instruction;
import com.graphhopper.util.PMap;
import com.graphhopper.util.PointList;
import com.graphhopper.util.RamerDouglasPeucker;
import com.graphhopper.util.Translation;
import com.graphhopper.util.exceptions.ConnectionNotFoundException;
import com.graphhopper.util.exceptions.PointNotFoundException;
import com.graphhopper.util.exceptions.PointOutOfBoundsException;
import com.graphhopper.util.shapes.BBox;
import com.graphhopper.util.shapes.GHPoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    /** Every attribute the custom models and our queries read, stored per edge at import. */
    static final String ENCODED_VALUES = "car_access, car_average_speed, road_access, "
            + "max_weight, max_width, max_height, foot_access, foot_priority, foot_average_speed, "
            + "foot_road_access, road_class, road_class_link, roundabout";

    private static final Logger LOG = LoggerFactory.getLogger(RoadNetwork.class);
    private static final String GRAPH_DIR = "graph";
    private static final String FINGERPRINT_FILE = "map.fingerprint";
    private static final DistanceCalc EARTH = DistanceCalcEarth.DIST_EARTH;

    private final GraphHopper hopper;
    private final Map<String, Weighting> weightings = new HashMap<>();
    private final Map<String, BooleanEncodedValue> subnetworks = new HashMap<>();
    private final EnumEncodedValue<RoadClass> roadClassEnc;
    private final BooleanEncodedValue roadClassLinkEnc;
    private final MapBounds bounds;
    private final Translation chinese;
    private final Translation english;
    private final boolean imported;

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
        BBox box = hopper.getBaseGraph().getBounds();
        bounds = new MapBounds(box.minLat, box.minLon, box.maxLat, box.maxLon);
        chinese = hopper.getTranslationMap().getWithFallBack(Locale.SIMPLIFIED_CHINESE);
        english = hopper.getTranslationMap().getWithFallBack(Locale.ENGLISH);
    }

    /**
     * Opens the network of {@code mapFile}, importing it into {@code cacheDir} on first use and
     * loading the cache afterwards. The cache remembers a fingerprint of the file it was built
     * from (size, SHA-256, the custom models): a changed map or model rebuilds it.
     *
     * @throws MapFileMissingException if the map file is not there
     */
    public static RoadNetwork open(Path mapFile, Path cacheDir) {
        if (!Files.isRegularFile(mapFile)) {
            throw new MapFileMissingException(mapFile);
        }
        try {
            Files.createDirectories(cacheDir);
            Path graphDir = cacheDir.resolve(GRAPH_DIR);
            Path fingerprintFile = cacheDir.resolve(FINGERPRINT_FILE);
            String fingerprint = fingerprint(mapFile);
            boolean cached = Files.isDirectory(graphDir) && Files.isRegularFile(fingerprintFile)
                    && Files.readString(fingerprintFile).equals(fingerprint);
            if (!cached) {
                // written again only after a complete import, so a crash mid-import rebuilds
                Files.deleteIfExists(fingerprintFile);
                deleteRecursively(graphDir);
                LOG.info("Importing {} into {}; this takes a while for a large map",
                        mapFile, graphDir);
            }
            long started = System.nanoTime();
            GraphHopper hopper = createHopper(mapFile, graphDir);
            hopper.importOrLoad();
            if (!cached) {
                Path tmp = cacheDir.resolve(FINGERPRINT_FILE + ".tmp");
                Files.writeString(tmp, fingerprint);
                Files.move(tmp, fingerprintFile, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            LOG.info("{} {} in {} ms", cached ? "Loaded" : "Imported", mapFile,
                    (System.nanoTime() - started) / 1_000_000);
            return new RoadNetwork(hopper, !cached);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the road network cache in " + cacheDir,
                    e);
        }
    }

    private static GraphHopper createHopper(Path mapFile, Path graphDir) {
        GraphHopper hopper = new GraphHopper();
        hopper.setOSMFile(mapFile.toString());
        hopper.setGraphHopperLocation(graphDir.toString());
        hopper.setEncodedValuesString(ENCODED_VALUES);
        hopper.setProfiles(PROFILES.stream()
                .map(name -> new Profile(name).setCustomModel(customModel(name)))
                .toList());
        return hopper;
    }

    private static CustomModel customModel(String profile) {
        ObjectMapper json = Jackson.newObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS);
        try {
            return json.readValue(modelJson(profile), CustomModel.class);
        } catch (IOException e) {
            throw new UncheckedIOException("bad custom model routing/" + profile + ".json", e);
        }
    }

    private static String modelJson(String profile) {
        String resource = "/routing/" + profile + ".json";
        try (InputStream in = RoadNetwork.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Size and SHA-256 of the map, plus a hash of what we import it with. */
    static String fingerprint(Path mapFile) throws IOException {
        MessageDigest file = sha256();
        try (InputStream in = Files.newInputStream(mapFile)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                file.update(buffer, 0, n);
            }
        }
        MessageDigest setup = sha256();
        setup.update(ENCODED_VALUES.getBytes(StandardCharsets.UTF_8));
        for (String profile : PROFILES) {
            setup.update(modelJson(profile).getBytes(StandardCharsets.UTF_8));
        }
        HexFormat hex = HexFormat.of();
        return "size=" + Files.size(mapFile) + "\nsha256=" + hex.formatHex(file.digest())
                + "\nsetup=" + hex.formatHex(setup.digest()) + "\n";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
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
                classOf(edge), edge.get(roadClassLinkEnc));
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

    private PointNotOnRoadException outsideMap(LatLon point, int index) {
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

    private static String nameOf(EdgeIteratorState edge) {
        String name = edge.getName();
        return name == null ? "" : name;
    }

    private String classOf(EdgeIteratorState edge) {
        return edge.get(roadClassEnc).toString();
    }

    // ---------------------------------------------------------------- routes

    /**
     * The best route through the points in order, with Chinese and English instructions.
     *
     * @throws PointNotOnRoadException if a point cannot be snapped
     * @throws NoRouteException        if the profile cannot connect two consecutive points
     */
    public Route route(List<LatLon> points, String profile) {
        if (points.size() < 2) {
            throw new IllegalArgumentException("a route needs at least two points");
        }
        weighting(profile);
        for (int i = 0; i < points.size(); i++) {
            if (!contains(points.get(i).lat(), points.get(i).lon())) {
                throw outsideMap(points.get(i), i);
            }
        }
        GHRequest request = new GHRequest(points.stream()
                .map(p -> new GHPoint(p.lat(), p.lon())).toList())
                .setProfile(profile)
                .setLocale(Locale.SIMPLIFIED_CHINESE)
                .setPathDetails(List.of(RoadClass.KEY));
        request.getHints().putObject("instructions", true);
        GHResponse response = hopper.route(request);
        if (response.hasErrors()) {
            throw translate(response.getErrors().get(0));
        }
        ResponsePath best = response.getBest();
        List<Route.Instruction> steps = new ArrayList<>();
        for (Instruction instruction : best.getInstructions()) {
            PointList at = instruction.getPoints();
            steps.add(new Route.Instruction(instruction.getSign(),
                    instruction.getName() == null ? "" : instruction.getName(),
                    instruction.getTurnDescription(chinese),
                    instruction.getTurnDescription(english),
                    instruction.getDistance(), instruction.getTime() / 1000.0,
                    new LatLon(at.getLat(0), at.getLon(0))));
        }
        Set<String> roadClasses = new LinkedHashSet<>();
        best.getPathDetails().getOrDefault(RoadClass.KEY, List.of())
                .forEach(detail -> roadClasses.add(String.valueOf(detail.getValue())));
        return new Route(best.getDistance(), best.getTime() / 1000.0, toLatLons(best.getPoints()),
                steps, List.copyOf(roadClasses));
    }

    private RuntimeException translate(Throwable error) {
        if (error instanceof PointOutOfBoundsException e) {
            return new PointNotOnRoadException(e.getMessage(), e.getPointIndex(),
                    PointNotOnRoadException.Reason.OUTSIDE_MAP);
        }
        if (error instanceof PointNotFoundException e) {
            return new PointNotOnRoadException(e.getMessage(), e.getPointIndex(),
                    PointNotOnRoadException.Reason.NO_ROAD_NEARBY);
        }
        if (error instanceof ConnectionNotFoundException) {
            return new NoRouteException(error.getMessage());
        }
        return new IllegalStateException("routing failed: " + error.getMessage(), error);
    }

    private static List<LatLon> toLatLons(PointList points) {
        List<LatLon> out = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            out.add(new LatLon(points.getLat(i), points.getLon(i)));
        }
        return out;
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
        if (!(minLat < maxLat) || !(minLon < maxLon)) {
            throw new IllegalArgumentException("bbox: minLat/minLon must be below maxLat/maxLon");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        limit = Math.min(limit, MAX_ROAD_LINES);
        BBox box = new BBox(minLon, maxLon, minLat, maxLat);
        double diagonal = EARTH.calcDist(minLat, minLon, maxLat, maxLon);
        // about one screen pixel when the whole box fills a screen
        var simplifier = new RamerDouglasPeucker().setMaxDistance(Math.max(1, diagonal / 3000));
        BaseGraph graph = hopper.getBaseGraph();
        List<EdgeIteratorState> edges = new ArrayList<>();
        for (int edgeId : edgesIn(box)) {
            EdgeIteratorState edge = graph.getEdgeIteratorState(edgeId, Integer.MIN_VALUE);
            if (touches(edge, box)) {
                edges.add(edge);
            }
        }
        edges.sort(Comparator.comparingInt(e -> drawOrder(e.get(roadClassEnc))));
        List<RoadLine> lines = new ArrayList<>(Math.min(limit, edges.size()));
        for (EdgeIteratorState edge : edges.subList(0, Math.min(limit, edges.size()))) {
            PointList points = edge.fetchWayGeometry(FetchMode.ALL).clone(false);
            simplifier.simplify(points);
            lines.add(new RoadLine(nameOf(edge), classOf(edge), edge.get(roadClassLinkEnc),
                    toLatLons(points)));
        }
        return lines;
    }

    private Set<Integer> edgesIn(BBox box) {
        Set<Integer> ids = new LinkedHashSet<>();
        hopper.getLocationIndex().query(box, ids::add);
        return ids;
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

    // ---------------------------------------------------------------- stop candidates

    /**
     * Places within {@code radiusMetres} (as the crow flies) of a household where a school bus
     * may stop: points every {@code spacingMetres} along roads the bus can drive and children
     * can walk, in both profiles' main networks, never on a motorway, trunk road or ramp. Nearest first, no two closer than
     * half the spacing. The planner then measures walking distances with a foot
     * {@link #matrix} and drops candidates a child would have to walk too far to.
     */
    public List<StopCandidate> stopCandidates(double lat, double lon, double radiusMetres,
                                              double spacingMetres) {
        if (!(radiusMetres > 0) || radiusMetres > 5_000) {
            throw new IllegalArgumentException("radiusMetres must be between 0 and 5000");
        }
        if (!(spacingMetres >= 10)) {
            throw new IllegalArgumentException("spacingMetres must be at least 10");
        }
        if (!contains(lat, lon)) {
            throw outsideMap(new LatLon(lat, lon), 0);
        }
        Weighting bus = weighting(BUS);
        Weighting foot = weighting(FOOT);
        BBox box = EARTH.createBBox(lat, lon, radiusMetres);
        BaseGraph graph = hopper.getBaseGraph();
        List<StopCandidate> sampled = new ArrayList<>();
        for (int edgeId : edgesIn(box)) {
            EdgeIteratorState edge = graph.getEdgeIteratorState(edgeId, Integer.MIN_VALUE);
            RoadClass roadClass = edge.get(roadClassEnc);
            // the bus must reach it and the children must be able to walk to it
            boolean usable = usable(edge, bus, BUS) && usable(edge, foot, FOOT);
            if (!usable || edge.get(roadClassLinkEnc)
                    || roadClass == RoadClass.MOTORWAY || roadClass == RoadClass.TRUNK) {
                continue;
            }
            for (LatLon p : sampleAlong(edge.fetchWayGeometry(FetchMode.ALL), spacingMetres)) {
                double d = EARTH.calcDist(lat, lon, p.lat(), p.lon());
                if (d <= radiusMetres) {
                    sampled.add(new StopCandidate(p, nameOf(edge), roadClass.toString(), d));
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
        return !edge.get(subnetworks.get(profile))
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

    @Override
    public void close() {
        hopper.close();
    }
}
