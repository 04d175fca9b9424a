package cn.anxing.bus;

import cn.anxing.demo.DemoData;
import cn.anxing.routing.LatLon;
import cn.anxing.routing.MapBounds;
import cn.anxing.routing.RoadLine;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.RoadSnap;
import cn.anxing.routing.PointNotOnRoadException;
import cn.anxing.routing.RoutingService;
import cn.anxing.routing.StopCandidate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The school bus demo: one school of the demo map with about 400 generated households on its
 * residential streets, 10 buses of 45 seats and the default rules, ready to plan. The demo
 * parent's phone is linked to the household with the most neighbours, where a coordinator has
 * other stops to move it to (a family on the town's edge would have one stop within its walk).
 *
 * <p>The households are placed on the roads, so the loader waits for the road network; it runs
 * when the graph is ready and never holds up the start. Idempotent: the school carries a demo
 * key, and households and buses are only added to a school that has none.
 */
public final class BusDemo implements DemoData {

    public static final String DEMO_KEY = "demo-school";
    public static final String DEMO_PARENT_PHONE = "13900000001";
    public static final int HOUSEHOLDS = 400;
    public static final int BUSES = 10;
    public static final int SEATS = 45;
    /** Fixed so every start generates the same households. */
    public static final long SEED = 20_251_129L;

    private static final Logger LOG = LoggerFactory.getLogger(BusDemo.class);
    private static final Set<String> RESIDENTIAL = Set.of("residential", "living_street",
            "unclassified");
    /** Households are placed within this distance of the school, as the crow flies. */
    private static final double RADIUS_METRES = 2500;

    private final Vertx vertx;
    private final BusRepository repository;
    private final RoutingService routing;
    private final Future<Void> graphReady;
    private final Path mapFile;

    public BusDemo(Vertx vertx, BusRepository repository, RoutingService routing,
                   Future<Void> graphReady, Path mapFile) {
        this.vertx = vertx;
        this.repository = repository;
        this.routing = routing;
        this.graphReady = graphReady;
        this.mapFile = mapFile;
    }

    @Override
    public Future<List<String>> load() {
        graphReady.onSuccess(x -> seed()
                .onSuccess(school -> LOG.info("Bus demo ready: {}", school.name()))
                .onFailure(e -> LOG.error("Bus demo could not be loaded on the map {}", mapFile,
                        e)));
        return Future.succeededFuture(List.of(
                "School bus demo (校车演示): sign in as coord1 and open 校车规划; " + HOUSEHOLDS
                        + " generated households and " + BUSES + " buses of " + SEATS
                        + " seats appear once the road network is loaded.",
                "  parent     phone " + DEMO_PARENT_PHONE
                        + " sees the child's bus once a plan is published"));
    }

    /**
     * Creates whatever part of the demo is missing; the finished demo school. Several instances
     * starting at once on one database each look for the school and its households before
     * adding them, so they take turns: a session lock on one connection (released with it if
     * the instance dies), held while the others' seeds wait.
     */
    Future<School> seed() {
        return repository.pool().getConnection().compose(lock -> lock
                .preparedQuery("SELECT pg_advisory_lock(hashtext($1))").execute(Tuple.of(DEMO_KEY))
                .compose(locked -> seedMissing())
                .eventually(() -> lock.preparedQuery("SELECT pg_advisory_unlock(hashtext($1))")
                        .execute(Tuple.of(DEMO_KEY)).eventually(lock::close)));
    }

    private Future<School> seedMissing() {
        return repository.bindDemoSchool(DEMO_KEY)
                .compose(x -> repository.schoolByDemoKey(DEMO_KEY)).compose(found -> found
                .map(Future::succeededFuture)
                .orElseGet(this::createSchool))
                .compose(school -> repository.countHouseholds(school.id()).compose(count -> {
                    if (count > 0) {
                        return Future.succeededFuture(school);
                    }
                    return vertx.executeBlocking(() -> generateHouseholds(school), false)
                            .compose(list -> repository.insertHouseholds(school.id(), list))
                            .map(school);
                }))
                .compose(school -> repository.buses(school.id()).compose(buses -> {
                    if (!buses.isEmpty()) {
                        return Future.succeededFuture(school);
                    }
                    List<SchoolBus> fleet = new ArrayList<>();
                    for (int i = 1; i <= BUSES; i++) {
                        fleet.add(new SchoolBus(null, String.format("赣L·B%03d", i), SEATS, null));
                    }
                    return repository.insertBuses(school.id(), fleet).map(school);
                }));
    }

    private Future<School> createSchool() {
        return vertx.executeBlocking(this::pickSchool, false).compose(picked ->
                repository.demoOrganisation().compose(org -> repository.insertSchool(
                        picked.name(), picked.location(), LocalTime.of(21, 0),
                        LocalTime.of(7, 20), DEMO_KEY, org)));
    }

    private record Picked(String name, LatLon location) {
    }

    /**
     * The school tagged amenity=school nearest the map's centre, or the centre itself when the
     * map names none (a .pbf extract is not scanned). Snapped to a bus road either way.
     */
    private Picked pickSchool() {
        RoadNetwork network = routing.network();
        MapBounds b = network.bounds();
        LatLon centre = new LatLon((b.minLat() + b.maxLat()) / 2, (b.minLon() + b.maxLon()) / 2);
        Picked picked = taggedSchools().stream()
                .filter(s -> network.contains(s.location().lat(), s.location().lon()))
                .filter(s -> onRoad(network, s.location()))
                .min(Comparator.comparingDouble(s -> s.location().distanceMetres(centre)))
                .orElse(new Picked("演示中学", centre));
        return picked;
    }

    /** A school no bus road reaches is passed over; any other failure is a bug and is thrown. */
    private static boolean onRoad(RoadNetwork network, LatLon point) {
        try {
            RoadSnap snap = network.snap(point.lat(), point.lon(), RoadNetwork.BUS);
            return snap.distanceMetres() < 300;
        } catch (PointNotOnRoadException e) {
            return false;
        }
    }

    private List<Picked> taggedSchools() {
        List<Picked> schools = new ArrayList<>();
        if (!mapFile.toString().endsWith(".osm") || !Files.isRegularFile(mapFile)) {
            return schools;
        }
        try (InputStream in = Files.newInputStream(mapFile)) {
            XMLInputFactory factory = XMLInputFactory.newInstance();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            double lat = 0;
            double lon = 0;
            boolean inNode = false;
            boolean school = false;
            String name = null;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "node" -> {
                            inNode = true;
                            school = false;
                            name = null;
                            lat = Double.parseDouble(xml.getAttributeValue(null, "lat"));
                            lon = Double.parseDouble(xml.getAttributeValue(null, "lon"));
                        }
                        case "tag" -> {
                            if (inNode) {
                                String k = xml.getAttributeValue(null, "k");
                                String v = xml.getAttributeValue(null, "v");
                                school |= "amenity".equals(k) && "school".equals(v);
                                name = "name".equals(k) ? v : name;
                            }
                        }
                        case "way" -> {
                            // nodes come first in an OSM file: nothing more to find
                            return schools;
                        }
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT
                        && xml.getLocalName().equals("node")) {
                    if (school && name != null) {
                        schools.add(new Picked(name, new LatLon(lat, lon)));
                    }
                    inNode = false;
                }
            }
        } catch (IOException | XMLStreamException | NumberFormatException e) {
            // the demo school then stands at the map's centre: worth a warning, not a failed start
            LOG.warn("Bus demo: could not read the schools of {}; using the map's centre",
                    mapFile, e);
        }
        return schools;
    }

    /**
     * Households on residential streets near the school, from a fixed seed: a street picked in
     * proportion to its length, a point along it, moved 8-25 m to one side (a house by the
     * street), kept only where a stop can be reached on foot. One in twenty has two students;
     * one in fifty needs a stop at the door.
     */
    List<Household> generateHouseholds(School school) {
        RoadNetwork network = routing.network();
        LatLon c = school.location();
        double dLat = RADIUS_METRES / 111_320.0;
        double dLon = RADIUS_METRES / (111_320.0 * Math.cos(Math.toRadians(c.lat())));
        List<RoadLine> streets = network.roads(c.lat() - dLat, c.lon() - dLon, c.lat() + dLat,
                c.lon() + dLon, 100_000).stream()
                .filter(r -> RESIDENTIAL.contains(r.roadClass()) && r.points().size() >= 2)
                .toList();
        if (streets.isEmpty()) {
            throw new IllegalStateException("no residential streets near the demo school");
        }
        double[] cumulative = new double[streets.size()];
        double total = 0;
        for (int i = 0; i < streets.size(); i++) {
            total += length(streets.get(i).points());
            cumulative[i] = total;
        }
        Random random = new Random(SEED);
        List<Household> households = new ArrayList<>();
        int attempts = 0;
        while (households.size() < HOUSEHOLDS && attempts++ < HOUSEHOLDS * 50) {
            double pick = random.nextDouble() * total;
            int index = 0;
            while (cumulative[index] < pick) {
                index++;
            }
            Optional<LatLon> home = beside(streets.get(index).points(), random);
            if (home.isEmpty() || home.get().distanceMetres(c) > RADIUS_METRES
                    || !network.contains(home.get().lat(), home.get().lon())
                    || !nearBusRoad(network, home.get())) {
                continue;
            }
            int n = households.size() + 1;
            households.add(new Household(null, String.format("演示家庭 %03d（生成）", n),
                    home.get(), n % 20 == 7 ? 2 : 1, n % 50 == 13, null, true));
        }
        return withDemoParent(households);
    }

    /** The household with the most others within 300 m is the demo parent's (first wins a tie). */
    private static List<Household> withDemoParent(List<Household> households) {
        int best = 0;
        long most = -1;
        for (int i = 0; i < households.size(); i++) {
            LatLon home = households.get(i).location();
            long near = households.stream()
                    .filter(h -> h.location().distanceMetres(home) <= 300).count();
            if (near > most) {
                best = i;
                most = near;
            }
        }
        List<Household> linked = new ArrayList<>(households);
        if (!linked.isEmpty()) {
            Household h = linked.get(best);
            linked.set(best, new Household(h.id(), h.label(), h.location(), h.students(),
                    h.needsDoorStop(), DEMO_PARENT_PHONE, h.generated()));
        }
        return linked;
    }

    /**
     * OSM extracts hold street fragments no bus can reach (cut at the extract's edge, or
     * mapped without a connection); a demo family there could never be served.
     */
    private static boolean nearBusRoad(RoadNetwork network, LatLon home) {
        List<LatLon> stops = network.stopCandidates(home.lat(), home.lon(), 250, 60).stream()
                .map(StopCandidate::point).toList();
        if (stops.isEmpty()) {
            return false;
        }
        try {
            double[] walks = network.matrix(List.of(home), stops, RoadNetwork.FOOT).metres()[0];
            return Arrays.stream(walks).anyMatch(metres -> metres <= 300);
        } catch (PointNotOnRoadException e) {
            return false;
        }
    }

    private static Optional<LatLon> beside(List<LatLon> line, Random random) {
        double along = random.nextDouble() * length(line);
        for (int i = 1; i < line.size(); i++) {
            LatLon a = line.get(i - 1);
            LatLon b = line.get(i);
            double segment = a.distanceMetres(b);
            if (along > segment) {
                along -= segment;
                continue;
            }
            if (segment < 1) {
                return Optional.empty();
            }
            double f = along / segment;
            double lat = a.lat() + f * (b.lat() - a.lat());
            double lon = a.lon() + f * (b.lon() - a.lon());
            // a unit vector across the street, in metres per degree
            double mPerLat = 111_320.0;
            double mPerLon = 111_320.0 * Math.cos(Math.toRadians(lat));
            double east = (b.lon() - a.lon()) * mPerLon;
            double north = (b.lat() - a.lat()) * mPerLat;
            double offset = (8 + random.nextDouble() * 17) * (random.nextBoolean() ? 1 : -1);
            return Optional.of(new LatLon(lat + (east / segment) * offset / mPerLat,
                    lon - (north / segment) * offset / mPerLon));
        }
        return Optional.empty();
    }

    private static double length(List<LatLon> line) {
        double sum = 0;
        for (int i = 1; i < line.size(); i++) {
            sum += line.get(i - 1).distanceMetres(line.get(i));
        }
        return sum;
    }
}
