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
import cn.anxing.map.tiles.NamedPlaces;
import cn.anxing.routing.LatLon;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.TravelMatrix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Makes a school's bus plan on the road network (校车线路规划): candidate stops on the roadside
 * near the households, walking distances to them on foot paths, driving times between the school
 * and the stops, the optimizer for the evening run and then the morning run, and finally the
 * driving and walking paths the pages draw.
 *
 * <p>Plain blocking Java: it takes tens of seconds, so the server runs it on the planning job's
 * worker thread. The evening run is planned first; the morning run keeps each household at its
 * evening stop, so a child waits where they were dropped off, and only regroups the lines.
 *
 * <p>This class runs the steps in order and the solver between them; the candidate stops
 * ({@link CandidateStops}) and the plan document ({@link PlanDocument}) are their own classes.
 */
public final class BusPlanner {

    /** A travel time that stands for "cannot get there": far beyond any ride limit. */
    static final double UNREACHABLE_SECONDS = 1e6;

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
    private final ParallelTasks tasks;
    private final NamedPlaces places;

    /**
     * @param workers     threads for the travel matrices and paths; the caller must not be one
     *                    of them
     * @param parallelism how many of them to use
     * @param places      the map's road, landmark and place names the stops are named from
     */
    public BusPlanner(RoadNetwork network, ExecutorService workers, int parallelism,
                      NamedPlaces places) {
        this.network = network;
        this.places = places;
        this.tasks = new ParallelTasks(workers, Math.max(1, parallelism));
    }

    public Outcome plan(PlanningInput input, Options options, Listener listener) {
        if (input.households().isEmpty() || input.buses().isEmpty()) {
            throw new IllegalArgumentException("a plan needs households and buses");
        }
        BusPolicy policy = input.policy();
        List<Household> households = input.households();

        listener.phase("matrix");
        long started = System.nanoTime();
        CandidateStops candidates = CandidateStops.find(network, tasks, households, policy,
                options);
        List<LatLon> points = new ArrayList<>();
        points.add(input.school().location());
        candidates.stops().forEach(c -> points.add(c.point()));
        Map<LatLon, Integer> depotIndex = new LinkedHashMap<>();
        for (SchoolBus bus : input.buses()) {
            if (bus.depot() != null && !depotIndex.containsKey(bus.depot())) {
                depotIndex.put(bus.depot(), points.size());
                points.add(bus.depot());
            }
        }
        TravelMatrix driving = network.matrix(points, points, RoadNetwork.BUS, tasks.workers(),
                tasks.parallelism());
        long matrixMillis = millisSince(started);

        // the solver's indices: 0 the school, 1..m the stops it can drive to and back from
        List<Integer> solverToPoint = new ArrayList<>();
        solverToPoint.add(0);
        int[] pointToSolver = new int[points.size()];
        Arrays.fill(pointToSolver, -1);
        pointToSolver[0] = 0;
        for (int s = 0; s < candidates.stops().size(); s++) {
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
            reach.add(candidates.reach().get(h).stream()
                    .mapToInt(walk -> pointToSolver[walk.stop() + 1]).filter(s -> s > 0)
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
        var document = new PlanDocument(network, tasks, input, options, candidates, driving,
                solverToPoint, depotIndex, new StopNames(places));
        BusPlan plan = document.build(evening, morning, matrixMillis, solveMillis, started);
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

    // ---------------------------------------------------------------- helpers

    static double finite(double value) {
        return Double.isFinite(value) ? value : UNREACHABLE_SECONDS;
    }

    static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
