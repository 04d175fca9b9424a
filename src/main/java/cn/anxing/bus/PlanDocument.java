package cn.anxing.bus;

import static cn.anxing.bus.BusPlanner.finite;
import static cn.anxing.bus.BusPlanner.millisSince;

import cn.anxing.bus.solver.BusRoutingPlan;
import cn.anxing.bus.solver.RouteShape;
import cn.anxing.bus.solver.UnservedGroup;
import cn.anxing.routing.LatLon;
import cn.anxing.routing.NoRouteException;
import cn.anxing.routing.PointNotOnRoadException;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.Route;
import cn.anxing.routing.StopCandidate;
import cn.anxing.routing.TravelMatrix;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns the two solver answers into the stored plan (方案文档): stops named from their corners,
 * lines with their times, legs and driving paths, each household's stop and walk, and who is
 * left unserved. The last step of {@link BusPlanner}, apart from it because it reads nothing of
 * the search and everything of the document's shape.
 */
final class PlanDocument {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final RoadNetwork network;
    private final ParallelTasks tasks;
    private final PlanningInput input;
    private final BusPolicy policy;
    private final BusPlanner.Options options;
    private final CandidateStops candidates;
    private final TravelMatrix driving;
    private final List<Integer> solverToPoint;
    private final Map<LatLon, Integer> depotIndex;
    private final StopNames stopNames;
    /** Stop ids by candidate index, in order of first use. */
    private final Map<Integer, BusPlan.Stop> stops = new LinkedHashMap<>();

    PlanDocument(RoadNetwork network, ParallelTasks tasks, PlanningInput input,
                 BusPlanner.Options options, CandidateStops candidates, TravelMatrix driving,
                 List<Integer> solverToPoint, Map<LatLon, Integer> depotIndex,
                 StopNames stopNames) {
        this.network = network;
        this.tasks = tasks;
        this.input = input;
        this.policy = input.policy();
        this.options = options;
        this.candidates = candidates;
        this.driving = driving;
        this.solverToPoint = solverToPoint;
        this.depotIndex = depotIndex;
        this.stopNames = stopNames;
    }

    BusPlan build(BusRoutingPlan evening, BusRoutingPlan morning, long matrixMillis,
                  long solveMillis, long pathsStarted) {
        nameStops(evening, morning);
        BusPlan.Run eveningRun = run(RouteShape.EVENING, evening);
        BusPlan.Run morningRun = run(RouteShape.MORNING, morning);
        List<Household> households = input.households();
        Map<UUID, Integer> eveningLine = lineOf(eveningRun);
        Map<UUID, Integer> morningLine = lineOf(morningRun);
        List<BusPlan.HouseholdStop> stopsOfHouseholds = tasks.map(households.size(), h -> {
            Household household = households.get(h);
            int solverStop = evening.assignment()[h] > 0 ? evening.assignment()[h]
                    : morning.assignment()[h];
            LatLon home = household.location();
            if (solverStop <= 0) {
                return new BusPlan.HouseholdStop(household.id(), household.label(),
                        home.lat(), home.lon(), household.students(),
                        household.needsDoorStop(), household.generated(), null, null, null,
                        null, null, null);
            }
            int candidate = solverToPoint.get(solverStop) - 1;
            BusPlan.Stop stop = stops.get(candidate);
            double walkMetres = candidates.reach().get(h).stream()
                    .filter(w -> w.stop() == candidate).findFirst()
                    .map(CandidateStops.Walk::metres).orElse(0.0);
            return new BusPlan.HouseholdStop(household.id(), household.label(), home.lat(),
                    home.lon(), household.students(), household.needsDoorStop(),
                    household.generated(), stop.id(), stop.name(), round(walkMetres),
                    walkPath(home, new LatLon(stop.lat(), stop.lon())),
                    eveningLine.get(household.id()), morningLine.get(household.id()));
        });
        List<BusPlan.Unserved> unserved = new ArrayList<>(eveningRun.unserved());
        Set<UUID> listed = unserved.stream().map(BusPlan.Unserved::householdId)
                .collect(Collectors.toSet());
        morningRun.unserved().stream().filter(u -> !listed.contains(u.householdId()))
                .forEach(unserved::add);

        int householdsServed = (int) stopsOfHouseholds.stream()
                .filter(s -> s.eveningLine() != null).count();
        int students = households.stream().mapToInt(Household::students).sum();
        int busesUsed = Math.max(eveningRun.lines().size(), morningRun.lines().size());
        int lowerBound = Math.max(evening.busesLowerBound(), morning.busesLowerBound());
        var summary = new BusPlan.Summary(households.size(), students, householdsServed,
                eveningRun.studentsServed(), input.buses().size(), busesUsed, lowerBound,
                lowerBound >= 0 && busesUsed <= lowerBound,
                eveningRun.drivingSeconds(), morningRun.drivingSeconds(),
                Math.max(eveningRun.longestRideSeconds(), morningRun.longestRideSeconds()),
                candidates.stops().size(), matrixMillis / 1000.0, solveMillis / 1000.0,
                millisSince(pathsStarted) / 1000.0);
        School school = input.school();
        var used = new BusPlan.PolicyUsed(policy.maxWalkMetres(), policy.maxRideSeconds(),
                policy.dwellBaseSeconds(), policy.dwellPerStudentSeconds(),
                policy.noStopRoadClasses(), policy.solverSeconds(), options.seed());
        return new BusPlan(school.id(), school.name(), school.location().lat(),
                school.location().lon(), used, summary, List.copyOf(stops.values()),
                eveningRun, morningRun, stopsOfHouseholds, unserved);
    }

    /**
     * Names each stop used as a driver or parent says it, from its cross street or landmark
     * ({@link StopNames}), and numbers them S1, S2, … in order of first use.
     */
    private void nameStops(BusRoutingPlan evening, BusRoutingPlan morning) {
        List<Integer> used = new ArrayList<>();
        for (BusRoutingPlan plan : List.of(evening, morning)) {
            for (int[] route : plan.routes()) {
                for (int solverStop : route) {
                    int candidate = solverToPoint.get(solverStop) - 1;
                    if (!used.contains(candidate)) {
                        used.add(candidate);
                    }
                }
            }
        }
        List<StopCandidate> chosen = used.stream().map(candidates.stops()::get).toList();
        List<String> names = stopNames.names(chosen.stream().map(StopCandidate::point).toList(),
                chosen.stream().map(StopCandidate::roadName).toList());
        for (int k = 0; k < used.size(); k++) {
            StopCandidate c = chosen.get(k);
            stops.put(used.get(k), new BusPlan.Stop("S" + (k + 1), names.get(k),
                    c.point().lat(), c.point().lon(), c.roadName(), c.roadClass()));
        }
    }

    private Map<UUID, Integer> lineOf(BusPlan.Run run) {
        Map<UUID, Integer> lines = new HashMap<>();
        for (BusPlan.Line line : run.lines()) {
            line.stops().forEach(s -> s.households().forEach(h -> lines.put(h,
                    line.number())));
        }
        return lines;
    }

    private BusPlan.Run run(RouteShape shape, BusRoutingPlan plan) {
        boolean eveningRun = shape == RouteShape.EVENING;
        List<Household> households = input.households();
        // students and households per solver stop
        Map<Integer, List<Integer>> groupsAt = new HashMap<>();
        for (int g = 0; g < households.size(); g++) {
            if (plan.assignment()[g] > 0) {
                groupsAt.computeIfAbsent(plan.assignment()[g], k -> new ArrayList<>()).add(g);
            }
        }
        // each route is driven by the bus the optimizer gave it
        List<int[]> routes = plan.routes();
        SchoolBus[] busOf = new SchoolBus[routes.size()];
        for (int i = 0; i < routes.size(); i++) {
            busOf[i] = input.buses().get(plan.routeBus()[i]);
        }
        List<BusPlan.Line> lines = tasks.map(routes.size(), i -> line(i + 1, routes.get(i),
                busOf[i], groupsAt, eveningRun));
        List<BusPlan.Unserved> unserved = new ArrayList<>();
        for (UnservedGroup u : plan.unserved()) {
            Household h = households.get(u.group());
            unserved.add(new BusPlan.Unserved(h.id(), h.label(), h.location().lat(),
                    h.location().lon(), h.students(), eveningRun ? "evening" : "morning",
                    u.reason().name(), reasonText(u.reason().name())));
        }
        School school = input.school();
        LocalTime schoolTime = eveningRun ? school.eveningDismissal()
                : school.morningArrival();
        return new BusPlan.Run(shape.name(), clock(schoolTime, 0), lines, unserved,
                plan.emptySeats(), (int) plan.idleSeats(),
                lines.stream().mapToInt(BusPlan.Line::students).sum(),
                round(lines.stream().mapToDouble(BusPlan.Line::drivingSeconds).sum()),
                round(lines.stream().mapToDouble(BusPlan.Line::rideSeconds).max()
                        .orElse(0)));
    }

    private BusPlan.Line line(int number, int[] route, SchoolBus bus,
                              Map<Integer, List<Integer>> groupsAt, boolean eveningRun) {
        List<Household> households = input.households();
        School school = input.school();
        // matrix point indices in driving order, the school first (evening) or last
        List<Integer> path = new ArrayList<>();
        if (eveningRun) {
            path.add(0);
        }
        for (int s : route) {
            path.add(solverToPoint.get(s));
        }
        if (!eveningRun) {
            path.add(0);
        }
        List<BusPlan.Leg> legs = new ArrayList<>();
        for (int k = 1; k < path.size(); k++) {
            int a = path.get(k - 1);
            int b = path.get(k);
            legs.add(new BusPlan.Leg(pointId(a), pointId(b),
                    round(finite(driving.seconds()[a][b])),
                    round(finite(driving.metres()[a][b]))));
        }
        int lineStudents = 0;
        int[] studentsAtStop = new int[route.length];
        List<List<UUID>> householdsAtStop = new ArrayList<>();
        for (int k = 0; k < route.length; k++) {
            List<UUID> ids = new ArrayList<>();
            for (int g : groupsAt.getOrDefault(route[k], List.of())) {
                studentsAtStop[k] += households.get(g).students();
                ids.add(households.get(g).id());
            }
            householdsAtStop.add(ids);
            lineStudents += studentsAtStop[k];
        }
        // offsets in seconds from the line's start; see BusPlan.LineStop
        double[] arrival = new double[route.length];
        double[] dwell = new double[route.length];
        double[] ride = new double[route.length];
        double lineSeconds;
        LocalTime origin;
        String start;
        String end;
        if (eveningRun) {
            double t = 0;
            for (int k = 0; k < route.length; k++) {
                t += legs.get(k).seconds();
                arrival[k] = t;
                ride[k] = t;
                dwell[k] = policy.dwellSeconds(studentsAtStop[k]);
                t += dwell[k];
            }
            lineSeconds = t;
            // the students board at the school before the bus leaves
            origin = school.eveningDismissal().plusSeconds(
                    Math.round(policy.dwellSeconds(lineStudents)));
            start = clock(origin, 0);
            end = clock(origin, arrival[route.length - 1]);
        } else {
            double t = 0;
            double[] departure = new double[route.length];
            for (int k = 0; k < route.length; k++) {
                arrival[k] = t;
                dwell[k] = policy.dwellSeconds(studentsAtStop[k]);
                departure[k] = t + dwell[k];
                t = departure[k] + legs.get(k).seconds();
            }
            lineSeconds = t;
            for (int k = 0; k < route.length; k++) {
                ride[k] = t - departure[k];
            }
            origin = school.morningArrival().minusSeconds(Math.round(t));
            start = clock(origin, 0);
            end = clock(origin, t);
        }
        List<BusPlan.LineStop> lineStops = new ArrayList<>();
        for (int k = 0; k < route.length; k++) {
            BusPlan.Stop stop = stops.get(solverToPoint.get(route[k]) - 1);
            lineStops.add(new BusPlan.LineStop(k + 1, stop.id(), stop.name(), stop.lat(),
                    stop.lon(), clock(origin, arrival[k]),
                    clock(origin, arrival[k] + dwell[k]), round(arrival[k]),
                    round(dwell[k]), round(ride[k]), studentsAtStop[k],
                    householdsAtStop.get(k)));
        }
        double legSeconds = legs.stream().mapToDouble(BusPlan.Leg::seconds).sum();
        double deadhead = deadhead(bus, route, eveningRun);
        List<LatLon> waypoints = path.stream().map(p -> p == 0 ? school.location()
                : candidates.stops().get(p - 1).point()).toList();
        List<String> names = path.stream().map(p -> p == 0 ? school.name()
                : stops.get(p - 1).name()).toList();
        String name = (eveningRun ? "晚" : "早") + number + "号线";
        return new BusPlan.Line(number, name, bus.id(), bus.label(), bus.capacity(),
                lineStudents, start, end, lineStops, legs,
                round(Arrays.stream(ride).max().orElse(0)), round(lineSeconds),
                round(deadhead), round(legSeconds + deadhead), drivingPath(waypoints, names));
    }

    /**
     * The empty drive of a bus for a line: from its depot to the school and from the last
     * stop back in the evening; to the first stop and from the school back in the morning.
     */
    private double deadhead(SchoolBus bus, int[] route, boolean eveningRun) {
        int depot = bus.depot() == null ? 0 : depotIndex.get(bus.depot());
        int first = solverToPoint.get(route[0]);
        int last = solverToPoint.get(route[route.length - 1]);
        double[][] t = driving.seconds();
        double total = eveningRun ? t[depot][0] + t[last][depot] : t[depot][first]
                + t[0][depot];
        return Double.isFinite(total) ? total : BusPlanner.UNREACHABLE_SECONDS;
    }

    private String pointId(int point) {
        return point == 0 ? "school" : stops.get(point - 1).id();
    }

    /** The line's path; its steps say each stop reached by name, not as a via point. */
    private BusPlan.Path drivingPath(List<LatLon> waypoints, List<String> names) {
        try {
            Route route = network.route(waypoints, RoadNetwork.BUS);
            List<BusPlan.Step> steps = Directions.steps(route.instructions(), names);
            return new BusPlan.Path(round(route.distanceMetres()), round(route.seconds()),
                    geometry(route.geometry()), steps);
        } catch (NoRouteException | PointNotOnRoadException e) {
            // drawn straight, without a route sheet, rather than failing the whole plan
            return new BusPlan.Path(0, 0, geometry(waypoints), List.of());
        }
    }

    private List<double[]> walkPath(LatLon home, LatLon stop) {
        try {
            List<LatLon> path = network.route(List.of(home, stop), RoadNetwork.FOOT)
                    .geometry();
            // a household at its stop gets a path of one point: draw it as two
            return geometry(path.size() >= 2 ? path : List.of(home, stop));
        } catch (NoRouteException | PointNotOnRoadException e) {
            return geometry(List.of(home, stop));
        }
    }

    static String reasonText(String reason) {
        return switch (reason) {
            case "NO_STOP_IN_REACH" -> "步行范围内没有可设站点的道路 / no road where a stop may be"
                    + " placed within walking distance";
            case "RIDE_TIME" -> "即使专车直达也超过最长乘车时间 / even a bus straight there would"
                    + " exceed the maximum ride time";
            case "CAPACITY" -> "车辆座位不足 / no seat left: no bus of the fleet has room for"
                    + " this household in any plan the search found (see the run's free seats)";
            default -> reason;
        };
    }

    private static String clock(LocalTime origin, double offsetSeconds) {
        return origin.plusSeconds(Math.round(offsetSeconds)).format(CLOCK);
    }

    private static List<double[]> geometry(List<LatLon> points) {
        return points.stream().map(p -> new double[] {round6(p.lat()), round6(p.lon())})
                .toList();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
