package cn.anxing.bus.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The solver as the planning service uses it: asymmetric road-like matrices in seconds, households
 * of one to three students, open evening and morning routes, a ride-time limit. Every plan is
 * checked here by recomputing loads and rides from the returned routes and assignment.
 */
@DisplayName("In product mode the solver")
class ProductModeTest {

    private static final double SPEED = 8.0; // metres per second on town roads

    /** A seeded town: school at the centre, stops on a 6 km square, households near them. */
    static BusRoutingProblem town(long seed, int stops, int households, int capacity, int buses,
                                  RouteShape shape, double maxRide) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] xy = new double[stops + 1][];
        xy[0] = new double[] {3000, 3000};
        for (int s = 1; s <= stops; s++) {
            xy[s] = new double[] {random.nextDouble(6000), random.nextDouble(6000)};
        }
        double[][] seconds = new double[stops + 1][stops + 1];
        for (int i = 0; i <= stops; i++) {
            for (int j = 0; j <= stops; j++) {
                if (i != j) {
                    double metres = Math.hypot(xy[i][0] - xy[j][0], xy[i][1] - xy[j][1]);
                    // one-way streets and turns make the way there and back differ
                    seconds[i][j] = metres * (1.2 + 0.4 * random.nextDouble()) / SPEED;
                }
            }
        }
        List<StudentGroup> groups = new ArrayList<>();
        for (int h = 0; h < households; h++) {
            double x = random.nextDouble(6000);
            double y = random.nextDouble(6000);
            List<Integer> reach = new ArrayList<>();
            for (int s = 1; s <= stops; s++) {
                if (Math.hypot(x - xy[s][0], y - xy[s][1]) <= 600) {
                    reach.add(s);
                }
            }
            groups.add(new StudentGroup(1 + random.nextInt(3),
                    reach.stream().mapToInt(Integer::intValue).toArray()));
        }
        return new BusRoutingProblem(seconds, seconds, groups, capacity, buses, shape,
                ObjectiveMode.PRODUCT, RideTimeRule.withUsualDwell(maxRide));
    }

    /** Checks the plan against the problem without the solver's code; returns the longest ride. */
    static double verify(BusRoutingProblem p, BusRoutingPlan plan) {
        assertTrue(plan.routes().size() <= p.buses(), "no more routes than buses");
        Map<Integer, Integer> routeOfStop = new HashMap<>();
        for (int r = 0; r < plan.routes().size(); r++) {
            for (int stop : plan.routes().get(r)) {
                assertEquals(null, routeOfStop.put(stop, r), "stop " + stop + " on one route");
            }
        }
        int[] studentsAt = new int[p.stopCount() + 1];
        int[] load = new int[plan.routes().size()];
        int served = 0;
        for (int g = 0; g < p.groups().size(); g++) {
            int stop = plan.assignment()[g];
            StudentGroup group = p.groups().get(g);
            if (stop < 0) {
                continue;
            }
            assertTrue(java.util.Arrays.stream(group.candidateStops()).anyMatch(s -> s == stop),
                    "group " + g + " boards at a stop it can walk to");
            assertTrue(routeOfStop.containsKey(stop), "group " + g + "'s stop is visited");
            studentsAt[stop] += group.students();
            load[routeOfStop.get(stop)] += group.students();
            served += group.students();
        }
        assertEquals(served, plan.studentsServed());
        for (int r = 0; r < load.length; r++) {
            assertTrue(load[r] <= p.capacity(), "route " + r + " carries " + load[r]);
        }
        long unservedListed = plan.unserved().size();
        long unassigned = java.util.Arrays.stream(plan.assignment()).filter(s -> s < 0).count();
        assertEquals(unassigned, unservedListed, "every unserved group is reported");
        double longest = 0;
        RideTimeRule rule = p.rideTime();
        double[][] t = p.seconds();
        for (int[] route : plan.routes()) {
            // dwell counted at every intermediate stop, whether or not anyone boards there
            double[] dwell = new double[route.length];
            for (int i = 0; i < route.length; i++) {
                dwell[i] = rule.dwellBaseSeconds()
                        + rule.dwellPerStudentSeconds() * studentsAt[route[i]];
            }
            if (p.shape() == RouteShape.MORNING) {
                for (int i = 0; i < route.length; i++) {
                    double ride = 0;
                    for (int j = i; j < route.length; j++) {
                        ride += (j + 1 < route.length ? t[route[j]][route[j + 1]]
                                : t[route[j]][0]) + (j > i ? dwell[j] : 0);
                    }
                    if (studentsAt[route[i]] > 0) {
                        longest = Math.max(longest, ride);
                    }
                }
            } else {
                double ride = 0;
                int at = 0;
                for (int i = 0; i < route.length; i++) {
                    ride += t[at][route[i]] + (i > 0 ? dwell[i - 1] : 0);
                    at = route[i];
                    if (studentsAt[route[i]] > 0) {
                        longest = Math.max(longest, ride);
                    }
                }
            }
        }
        assertTrue(longest <= rule.maxRideSeconds() + 1e-6, "longest ride " + longest);
        return longest;
    }

    @ParameterizedTest(name = "{0} seed {1}, {2} buses of {3}, max ride {4} s")
    @CsvSource({
        "EVENING, 1, 10, 30, 1500",
        "EVENING, 2,  6, 30, 1200",
        "EVENING, 3, 12, 20,  900",
        "MORNING, 4, 10, 30, 1500",
        "MORNING, 5,  6, 30, 1200",
        "MORNING, 6, 12, 20,  900",
        "CLOSED,  7, 10, 30, 1200"})
    @DisplayName("never exceeds the ride-time limit or a bus's capacity on asymmetric roads")
    void keepsRideTimeAndCapacity(RouteShape shape, long seed, int buses, int capacity,
                                  double maxRide) {
        BusRoutingProblem p = town(seed, 40, 160, capacity, buses, shape, maxRide);
        BusRoutingPlan plan = BusRouteSolver.solve(p, SolverOptions.of(seed,
                Duration.ofMillis(1500)));
        verify(p, plan);
        assertTrue(plan.studentsServed() > 0);
        for (UnservedGroup u : plan.unserved()) {
            if (p.groups().get(u.group()).candidateStops().length == 0) {
                assertEquals(UnservedReason.NO_STOP_IN_REACH, u.reason());
            }
        }
    }

    @Test
    @DisplayName("reports groups with no stop in reach, too big for a bus, or too far for the"
            + " ride limit, each with its reason, and serves the rest")
    void reportsWhyGroupsAreNotServed() {
        double[][] seconds = {
            {0, 300, 320, 2000},
            {310, 0, 60, 1900},
            {330, 70, 0, 1950},
            {2100, 1800, 1900, 0}};
        List<StudentGroup> groups = List.of(
                new StudentGroup(2, new int[] {1}),
                new StudentGroup(1, new int[] {}),
                new StudentGroup(6, new int[] {2}),
                new StudentGroup(1, new int[] {3}),
                new StudentGroup(3, new int[] {1, 2}));
        BusRoutingProblem p = new BusRoutingProblem(seconds, seconds, groups, 5, 2,
                RouteShape.EVENING, ObjectiveMode.PRODUCT, RideTimeRule.withUsualDwell(900));
        BusRoutingPlan plan = BusRouteSolver.solve(p, new SolverOptions(1,
                Duration.ofSeconds(5), 500, null));
        verify(p, plan);
        Map<Integer, UnservedReason> reasons = new HashMap<>();
        plan.unserved().forEach(u -> reasons.put(u.group(), u.reason()));
        assertEquals(Map.of(1, UnservedReason.NO_STOP_IN_REACH, 2, UnservedReason.CAPACITY,
                3, UnservedReason.RIDE_TIME), reasons);
        assertEquals(5, plan.studentsServed());
        assertEquals(1, plan.busesUsed(), "the five served students fit in one bus");
    }

    @Test
    @DisplayName("reports CAPACITY for the students the available buses cannot carry")
    void reportsCapacityWhenBusesRunOut() {
        BusRoutingProblem p = town(11, 30, 120, 20, 2, RouteShape.EVENING, 3000);
        BusRoutingPlan plan = BusRouteSolver.solve(p, SolverOptions.of(11,
                Duration.ofMillis(800)));
        verify(p, plan);
        assertTrue(plan.busesUsed() <= 2);
        assertTrue(plan.studentsServed() <= 40);
        assertTrue(plan.studentsServed() >= 38, "fills both buses nearly: "
                + plan.studentsServed());
        assertTrue(plan.unserved().stream().anyMatch(u -> u.reason() == UnservedReason.CAPACITY));
    }

    @Test
    @DisplayName("uses one bus when one bus can carry everyone within the ride limit")
    void prefersFewerBuses() {
        BusRoutingProblem p = town(12, 20, 12, 60, 5, RouteShape.EVENING, 20000);
        BusRoutingPlan plan = BusRouteSolver.solve(p, new SolverOptions(12,
                Duration.ofSeconds(5), 3000, null));
        verify(p, plan);
        int reachable = p.groups().stream().filter(g -> g.candidateStops().length > 0)
                .mapToInt(StudentGroup::students).sum();
        assertEquals(reachable, plan.studentsServed());
        assertEquals(1, plan.busesUsed());
    }

    @Test
    @DisplayName("between two routes of equal cost, drives the one whose longest ride is shorter")
    void breaksCostTiesByTheLongestRide() {
        // every leg costs the same, so both orders of stops 1 and 2 cost 2; but the school is
        // 100 s from stop 1 and 500 s from stop 2, so 1 then 2 gives the shorter longest ride
        double[][] cost = {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
        double[][] seconds = {{0, 100, 500}, {100, 0, 100}, {500, 100, 0}};
        List<StudentGroup> groups = List.of(new StudentGroup(2, new int[] {1}),
                new StudentGroup(2, new int[] {2}));
        for (long seed = 1; seed <= 5; seed++) {
            BusRoutingProblem p = new BusRoutingProblem(cost, seconds, groups, 10, 2,
                    RouteShape.EVENING, ObjectiveMode.PRODUCT, RideTimeRule.withUsualDwell(3600));
            BusRoutingPlan plan = BusRouteSolver.solve(p, new SolverOptions(seed,
                    Duration.ofSeconds(5), 300, null));
            verify(p, plan);
            assertEquals(1, plan.busesUsed());
            assertArrayEquals(new int[] {1, 2}, plan.routes().get(0), "seed " + seed);
            assertEquals(100 + 30 + 5 * 2 + 100, plan.longestRideSeconds(), 1e-9);
        }
    }

    @Test
    @DisplayName("returns the same plan for the same seed and iteration budget")
    void isDeterministicForASeed() {
        BusRoutingProblem p = town(21, 40, 160, 30, 10, RouteShape.MORNING, 1500);
        SolverOptions options = new SolverOptions(5, Duration.ofSeconds(30), 1500, null);
        BusRoutingPlan first = BusRouteSolver.solve(p, options);
        BusRoutingPlan second = BusRouteSolver.solve(p, options);
        assertEquals(first.routes().size(), second.routes().size());
        for (int r = 0; r < first.routes().size(); r++) {
            assertArrayEquals(first.routes().get(r), second.routes().get(r));
        }
        assertArrayEquals(first.assignment(), second.assignment());
        assertEquals(first.totalCost(), second.totalCost());
    }

    @Test
    @DisplayName("returns within its time limit and reports its progress, each report no worse"
            + " than the one before")
    void respectsTheTimeLimitAndReportsProgress() {
        BusRoutingProblem p = town(31, 80, 700, 40, 30, RouteShape.EVENING, 1800);
        List<SolverProgress> reports = new ArrayList<>();
        long started = System.nanoTime();
        BusRoutingPlan plan = BusRouteSolver.solve(p, new SolverOptions(31,
                Duration.ofMillis(700), 0, reports::add));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 700 + 300, "took " + millis + " ms");
        verify(p, plan);
        assertFalse(reports.isEmpty());
        for (int i = 1; i < reports.size(); i++) {
            SolverProgress a = reports.get(i - 1);
            SolverProgress b = reports.get(i);
            boolean noWorse = b.studentsServed() > a.studentsServed()
                    || b.studentsServed() == a.studentsServed() && (b.buses() < a.buses()
                    || b.buses() == a.buses() && b.totalCost() <= a.totalCost());
            assertTrue(noWorse, a + " then " + b);
        }
        SolverProgress last = reports.get(reports.size() - 1);
        assertEquals(plan.studentsServed(), last.studentsServed());
    }
}
