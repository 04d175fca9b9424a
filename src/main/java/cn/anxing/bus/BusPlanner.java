package cn.anxing.bus;

import cn.anxing.bus.solver.Bus;
import cn.anxing.bus.solver.BusRouteSolver;
import cn.anxing.bus.solver.BusRoutingPlan;
import cn.anxing.bus.solver.BusRoutingProblem;
import cn.anxing.bus.solver.ObjectiveMode;
import cn.anxing.bus.solver.RideTimeRule;
import cn.anxing.bus.solver.RouteShape;
import cn.anxing.bus.solver.SolverOptions;
import cn.anxing.bus.solver.SolverProgress;
import cn.anxing.bus.solver.StudentGroup;
import cn.anxing.bus.solver.UnservedGroup;
import cn.anxing.routing.LatLon;
import cn.anxing.routing.NoRouteException;
import cn.anxing.routing.PointNotOnRoadException;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.RoadSnap;
import cn.anxing.routing.Route;
import cn.anxing.routing.StopCandidate;
import cn.anxing.routing.TravelMatrix;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Makes a school's bus plan on the road network (校车线路规划): candidate stops on the roadside
 * near the households, walking distances to them on foot paths, driving times between the school
 * and the stops, the optimizer for the evening run and then the morning run, and finally the
 * driving and walking paths the pages draw.
 *
 * <p>Plain blocking Java: it takes tens of seconds, so the server runs it on the planning job's
 * worker thread. The evening run is planned first; the morning run keeps each household at its
 * evening stop, so a child waits where they were dropped off, and only regroups the lines.
 */
public final class BusPlanner {

    /** A travel time that stands for "cannot get there": far beyond any ride limit. */
    private static final double UNREACHABLE_SECONDS = 1e6;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /**
     * How the planner searches.
     *
     * @param solverTimePerRun   the optimizer's time limit for each of the two runs
     * @param seed               the optimizer's random seed
     * @param stopsPerHousehold  how many of its nearest stops (by walking) a household may use;
     *                           more gives the optimizer more room and a larger matrix
     * @param candidateSpacing   metres between candidate stops along a road
     */
    public record Options(Duration solverTimePerRun, long seed, int stopsPerHousehold,
                          double candidateSpacing) {

        public static Options defaults(Duration solverTimePerRun, long seed) {
            return new Options(solverTimePerRun, seed, 8, 60);
        }
    }

    /** Hears where the planning is: the phase, and each better plan the optimizer finds. */
    public interface Listener {
        void phase(String phase);

        void progress(String run, SolverProgress progress);
    }

    /** The plan and how long its parts took. */
    public record Outcome(BusPlan plan, long matrixMillis, long solveMillis, long pathsMillis) {
    }

    private final RoadNetwork network;
    private final ExecutorService workers;
    private final int parallelism;

    /**
     * @param workers     threads for the travel matrices and paths; the caller must not be one
     *                    of them
     * @param parallelism how many of them to use
     */
    public BusPlanner(RoadNetwork network, ExecutorService workers, int parallelism) {
        this.network = network;
        this.workers = workers;
        this.parallelism = Math.max(1, parallelism);
    }

    public Outcome plan(PlanningInput input, Options options, Listener listener) {
        if (input.households().isEmpty() || input.buses().isEmpty()) {
            throw new IllegalArgumentException("a plan needs households and buses");
        }
        BusPolicy policy = input.policy();
        List<Household> households = input.households();

        listener.phase("matrix");
        long started = System.nanoTime();
        Candidates candidates = candidates(households, policy, options);
        List<LatLon> points = new ArrayList<>();
        points.add(input.school().location());
        candidates.stops.forEach(c -> points.add(c.point()));
        Map<LatLon, Integer> depotIndex = new LinkedHashMap<>();
        for (SchoolBus bus : input.buses()) {
            if (bus.depot() != null && !depotIndex.containsKey(bus.depot())) {
                depotIndex.put(bus.depot(), points.size());
                points.add(bus.depot());
            }
        }
        TravelMatrix driving = network.matrix(points, points, RoadNetwork.BUS, workers,
                parallelism);
        long matrixMillis = millisSince(started);

        // the solver's indices: 0 the school, 1..m the stops it can drive to and back from
        List<Integer> solverToPoint = new ArrayList<>();
        solverToPoint.add(0);
        int[] pointToSolver = new int[points.size()];
        Arrays.fill(pointToSolver, -1);
        pointToSolver[0] = 0;
        for (int s = 0; s < candidates.stops.size(); s++) {
            int p = s + 1;
            if (driving.reachable(0, p) && driving.reachable(p, 0)) {
                pointToSolver[p] = solverToPoint.size();
                solverToPoint.add(p);
            }
        }
        int n = solverToPoint.size();
        double[][] seconds = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double t = driving.seconds()[solverToPoint.get(i)][solverToPoint.get(j)];
                seconds[i][j] = Double.isFinite(t) ? t : UNREACHABLE_SECONDS;
            }
        }
        List<int[]> reach = new ArrayList<>();
        for (int h = 0; h < households.size(); h++) {
            reach.add(candidates.reach.get(h).stream()
                    .mapToInt(walk -> pointToSolver[walk.stop + 1]).filter(s -> s > 0)
                    .toArray());
        }

        listener.phase("solving");
        started = System.nanoTime();
        var rule = new RideTimeRule(policy.maxRideSeconds(), policy.dwellBaseSeconds(),
                policy.dwellPerStudentSeconds());
        List<StudentGroup> eveningGroups = new ArrayList<>();
        for (int h = 0; h < households.size(); h++) {
            eveningGroups.add(new StudentGroup(households.get(h).students(), reach.get(h)));
        }
        BusRoutingPlan evening = BusRouteSolver.solve(new BusRoutingProblem(seconds, seconds,
                eveningGroups, fleet(input.buses(), RouteShape.EVENING, driving, depotIndex,
                solverToPoint), RouteShape.EVENING, ObjectiveMode.PRODUCT, rule, 0),
                new SolverOptions(options.seed(),
                options.solverTimePerRun(), 0, p -> listener.progress("evening", p)));
        List<StudentGroup> morningGroups = new ArrayList<>();
        for (int h = 0; h < households.size(); h++) {
            int stop = evening.assignment()[h];
            morningGroups.add(stop > 0 ? new StudentGroup(households.get(h).students(),
                    new int[] {stop}) : eveningGroups.get(h));
        }
        BusRoutingPlan morning = BusRouteSolver.solve(new BusRoutingProblem(seconds, seconds,
                morningGroups, fleet(input.buses(), RouteShape.MORNING, driving, depotIndex,
                solverToPoint), RouteShape.MORNING, ObjectiveMode.PRODUCT, rule, 0),
                new SolverOptions(options.seed(),
                options.solverTimePerRun(), 0, p -> listener.progress("morning", p)));
        long solveMillis = millisSince(started);

        listener.phase("paths");
        started = System.nanoTime();
        var builder = new PlanBuilder(input, options, candidates, driving, solverToPoint,
                depotIndex);
        BusPlan plan = builder.build(evening, morning, matrixMillis, solveMillis, started);
        return new Outcome(plan, matrixMillis, solveMillis, millisSince(started));
    }

    /**
     * The school's buses as the optimizer's fleet, in the same order: each with its seats and,
     * when it sleeps away from the school, its empty drive for a route by the stop on the
     * depot's side (evening: depot → school, last stop → depot; morning: depot → first stop,
     * school → depot), so the search weighs which bus serves which area.
     */
    private static List<Bus> fleet(List<SchoolBus> buses, RouteShape shape,
                                   TravelMatrix driving, Map<LatLon, Integer> depotIndex,
                                   List<Integer> solverToPoint) {
        double[][] t = driving.seconds();
        List<Bus> fleet = new ArrayList<>();
        for (SchoolBus bus : buses) {
            if (bus.depot() == null) {
                fleet.add(Bus.atSchool(bus.capacity()));
                continue;
            }
            int depot = depotIndex.get(bus.depot());
            double[] empty = new double[solverToPoint.size()];
            for (int s = 0; s < empty.length; s++) {
                int p = solverToPoint.get(s);
                empty[s] = shape == RouteShape.EVENING ? finite(t[depot][0]) + finite(t[p][depot])
                        : finite(t[depot][p]) + finite(t[0][depot]);
            }
            fleet.add(new Bus(bus.capacity(), 1, empty, 0));
        }
        return fleet;
    }

    // ---------------------------------------------------------------- candidate stops

    /** A stop a household can walk to, and how far. */
    private record Walk(int stop, double metres) {
    }

    /**
     * The candidate stops (distinct, allowed by the policy), and per household the nearest ones
     * within walking reach, nearest first.
     */
    private record Candidates(List<StopCandidate> stops, List<List<Walk>> reach) {
    }

    private Candidates candidates(List<Household> households, BusPolicy policy,
                                  Options options) {
        Set<String> forbidden = policy.noStopRoadClasses().stream()
                .map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<List<StopCandidate>> near = parallel(households.size(), h -> {
            LatLon home = households.get(h).location();
            try {
                return network.stopCandidates(home.lat(), home.lon(), policy.maxWalkMetres(),
                        options.candidateSpacing());
            } catch (PointNotOnRoadException e) {
                return List.of();
            }
        });
        // neighbouring households see the same roads: keep one candidate where several lie
        // within half the spacing (the same point, or two roads meeting at a junction)
        Map<LatLon, Integer> uniqueIndex = new HashMap<>();
        List<StopCandidate> unique = new ArrayList<>();
        var nearby = new ProximityIndex(options.candidateSpacing() / 2);
        for (List<StopCandidate> list : near) {
            for (StopCandidate c : list) {
                if (uniqueIndex.containsKey(c.point())) {
                    continue;
                }
                int index = nearby.find(c.point(), unique);
                if (index < 0) {
                    index = unique.size();
                    unique.add(c);
                    nearby.add(c.point(), index);
                }
                uniqueIndex.put(c.point(), index);
            }
        }
        List<Boolean> allowed = parallel(unique.size(), i -> allowed(unique.get(i), forbidden));

        List<List<Walk>> walks = parallel(households.size(), h -> {
            Household household = households.get(h);
            List<Integer> usable = near.get(h).stream().map(c -> uniqueIndex.get(c.point()))
                    .filter(allowed::get).toList();
            if (usable.isEmpty()) {
                return List.<Walk>of();
            }
            TravelMatrix walking;
            try {
                walking = network.matrix(List.of(household.location()),
                        usable.stream().map(i -> unique.get(i).point()).toList(),
                        RoadNetwork.FOOT);
            } catch (PointNotOnRoadException e) {
                return List.<Walk>of();
            }
            List<Walk> reachable = new ArrayList<>();
            for (int j = 0; j < usable.size(); j++) {
                double metres = walking.metres()[0][j];
                if (metres <= policy.maxWalkMetres()) {
                    reachable.add(new Walk(usable.get(j), metres));
                }
            }
            reachable.sort(Comparator.comparingDouble(Walk::metres));
            int keep = household.needsDoorStop() ? 1 : options.stopsPerHousehold();
            return List.copyOf(reachable.subList(0, Math.min(keep, reachable.size())));
        });

        // only the stops some household may use go into the driving matrix
        Map<Integer, Integer> stopIndex = new LinkedHashMap<>();
        List<StopCandidate> stops = new ArrayList<>();
        List<List<Walk>> reach = new ArrayList<>();
        for (List<Walk> list : walks) {
            List<Walk> renumbered = new ArrayList<>();
            for (Walk walk : list) {
                Integer index = stopIndex.get(walk.stop());
                if (index == null) {
                    index = stops.size();
                    stopIndex.put(walk.stop(), index);
                    stops.add(unique.get(walk.stop()));
                }
                renumbered.add(new Walk(index, walk.metres()));
            }
            reach.add(renumbered);
        }
        return new Candidates(stops, reach);
    }

    /** Finds an already kept candidate within a distance, on a grid of cells that size. */
    private static final class ProximityIndex {
        private final double metres;
        private final Map<Long, List<Integer>> cells = new HashMap<>();

        ProximityIndex(double metres) {
            this.metres = metres;
        }

        int find(LatLon point, List<StopCandidate> kept) {
            long row = row(point);
            long column = column(point);
            for (long r = row - 1; r <= row + 1; r++) {
                for (long c = column - 1; c <= column + 1; c++) {
                    for (int index : cells.getOrDefault(r * 1_000_003L + c, List.of())) {
                        if (Distances.metres(point, kept.get(index).point()) < metres) {
                            return index;
                        }
                    }
                }
            }
            return -1;
        }

        void add(LatLon point, int index) {
            cells.computeIfAbsent(row(point) * 1_000_003L + column(point),
                    k -> new ArrayList<>()).add(index);
        }

        private long row(LatLon p) {
            return (long) Math.floor(p.lat() * 111_320.0 / metres);
        }

        private long column(LatLon p) {
            // at least `metres` wide east-west below 60° of latitude, so the 3×3 cells around a
            // point hold everything within the distance
            return (long) Math.floor(p.lon() * 111_320.0 * 0.5 / metres);
        }
    }

    /**
     * A candidate is allowed when neither its road nor the road a bus snaps to there is of a
     * class the policy forbids: a point where a side street meets a trunk road belongs to both.
     */
    private boolean allowed(StopCandidate candidate, Set<String> forbidden) {
        if (forbidden.contains(candidate.roadClass().toLowerCase(Locale.ROOT))) {
            return false;
        }
        try {
            RoadSnap snap = network.snap(candidate.point().lat(), candidate.point().lon(),
                    RoadNetwork.BUS);
            String snapped = snap.roadClass().toLowerCase(Locale.ROOT);
            return !snap.link() && !snap.isExpresswayOrRamp() && !forbidden.contains(snapped)
                    && !forbidden.contains(snapped + "_link");
        } catch (PointNotOnRoadException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- the plan document

    /** Turns the two solver answers into the stored plan: stops, lines, times and paths. */
    private final class PlanBuilder {
        private final PlanningInput input;
        private final BusPolicy policy;
        private final Options options;
        private final Candidates candidates;
        private final TravelMatrix driving;
        private final List<Integer> solverToPoint;
        private final Map<LatLon, Integer> depotIndex;
        /** Stop ids by candidate index, in order of first use. */
        private final Map<Integer, BusPlan.Stop> stops = new LinkedHashMap<>();

        PlanBuilder(PlanningInput input, Options options, Candidates candidates,
                    TravelMatrix driving, List<Integer> solverToPoint,
                    Map<LatLon, Integer> depotIndex) {
            this.input = input;
            this.policy = input.policy();
            this.options = options;
            this.candidates = candidates;
            this.driving = driving;
            this.solverToPoint = solverToPoint;
            this.depotIndex = depotIndex;
        }

        BusPlan build(BusRoutingPlan evening, BusRoutingPlan morning, long matrixMillis,
                      long solveMillis, long pathsStarted) {
            nameStops(evening, morning);
            BusPlan.Run eveningRun = run(RouteShape.EVENING, evening);
            BusPlan.Run morningRun = run(RouteShape.MORNING, morning);
            List<Household> households = input.households();
            Map<UUID, Integer> eveningLine = lineOf(eveningRun);
            Map<UUID, Integer> morningLine = lineOf(morningRun);
            List<BusPlan.HouseholdStop> stopsOfHouseholds = parallel(households.size(), h -> {
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
                double walkMetres = candidates.reach.get(h).stream()
                        .filter(w -> w.stop == candidate).findFirst()
                        .map(Walk::metres).orElse(0.0);
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
                    candidates.stops.size(), matrixMillis / 1000.0, solveMillis / 1000.0,
                    millisSince(pathsStarted) / 1000.0);
            School school = input.school();
            var used = new BusPlan.PolicyUsed(policy.maxWalkMetres(), policy.maxRideSeconds(),
                    policy.dwellBaseSeconds(), policy.dwellPerStudentSeconds(),
                    policy.noStopRoadClasses(), policy.solverSeconds(), options.seed());
            return new BusPlan(school.id(), school.name(), school.location().lat(),
                    school.location().lon(), used, summary, List.copyOf(stops.values()),
                    eveningRun, morningRun, stopsOfHouseholds, unserved);
        }

        /** Names each stop used from its road: 信江大道站, then 信江大道站(2) for the next. */
        private void nameStops(BusRoutingPlan evening, BusRoutingPlan morning) {
            Map<String, Integer> perRoad = new HashMap<>();
            for (BusRoutingPlan plan : List.of(evening, morning)) {
                for (int[] route : plan.routes()) {
                    for (int solverStop : route) {
                        int candidate = solverToPoint.get(solverStop) - 1;
                        if (stops.containsKey(candidate)) {
                            continue;
                        }
                        StopCandidate c = candidates.stops.get(candidate);
                        String road = c.roadName().isBlank() ? "无名路" : c.roadName();
                        int count = perRoad.merge(road, 1, Integer::sum);
                        String name = road + "站" + (count > 1 ? "(" + count + ")" : "");
                        stops.put(candidate, new BusPlan.Stop("S" + (stops.size() + 1), name,
                                c.point().lat(), c.point().lon(), c.roadName(), c.roadClass()));
                    }
                }
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
            List<BusPlan.Line> lines = parallel(routes.size(), i -> line(i + 1, routes.get(i),
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
                    : candidates.stops.get(p - 1).point()).toList();
            String name = (eveningRun ? "晚" : "早") + number + "号线";
            return new BusPlan.Line(number, name, bus.id(), bus.label(), bus.capacity(),
                    lineStudents, start, end, lineStops, legs,
                    round(Arrays.stream(ride).max().orElse(0)), round(lineSeconds),
                    round(deadhead), round(legSeconds + deadhead), drivingPath(waypoints));
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
            return Double.isFinite(total) ? total : UNREACHABLE_SECONDS;
        }

        private String pointId(int point) {
            return point == 0 ? "school" : stops.get(point - 1).id();
        }

        private BusPlan.Path drivingPath(List<LatLon> waypoints) {
            try {
                Route route = network.route(waypoints, RoadNetwork.BUS);
                List<BusPlan.Step> steps = route.instructions().stream()
                        .map(i -> new BusPlan.Step(i.textZh(), i.textEn(), i.roadName(),
                                round(i.distanceMetres()), round(i.seconds()),
                                round6(i.start().lat()), round6(i.start().lon())))
                        .toList();
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

    // ---------------------------------------------------------------- helpers

    /** {@code task(0..count-1)} on the workers, results in index order. */
    private <R> List<R> parallel(int count, IntFunction<R> task) {
        List<R> results = new ArrayList<>(java.util.Collections.nCopies(count, null));
        int slices = Math.max(1, Math.min(parallelism, count));
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int slice = 0; slice < slices; slice++) {
            int first = slice;
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = first; i < count; i += slices) {
                    R result = task.apply(i);
                    synchronized (results) {
                        results.set(i, result);
                    }
                }
            }, workers));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        return results;
    }

    private static String clock(LocalTime origin, double offsetSeconds) {
        return origin.plusSeconds(Math.round(offsetSeconds)).format(CLOCK);
    }

    private static List<double[]> geometry(List<LatLon> points) {
        return points.stream().map(p -> new double[] {round6(p.lat()), round6(p.lon())})
                .toList();
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : UNREACHABLE_SECONDS;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
