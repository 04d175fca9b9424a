package cn.anxing.bus.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("With a fleet of different buses the solver")
class FleetTest {

    /** ProductModeTest's town with this fleet instead of identical buses. */
    static BusRoutingProblem town(long seed, int stops, int households, List<Bus> fleet,
                                  RouteShape shape, double maxRide) {
        BusRoutingProblem p = ProductModeTest.town(seed, stops, households, 1, 1, shape, maxRide);
        return new BusRoutingProblem(p.cost(), p.seconds(), p.groups(), fleet, shape,
                ObjectiveMode.PRODUCT, p.rideTime(), 0);
    }

    /** Each route within its own bus's seats, each bus on one route at most. */
    static void verifyBuses(BusRoutingProblem p, BusRoutingPlan plan) {
        ProductModeTest.verify(p, plan);
        int[] used = new int[p.fleet().size()];
        for (int r = 0; r < plan.routes().size(); r++) {
            Set<Integer> stops = new HashSet<>();
            for (int s : plan.routes().get(r)) {
                stops.add(s);
            }
            int load = 0;
            for (int g = 0; g < p.groups().size(); g++) {
                if (stops.contains(plan.assignment()[g])) {
                    load += p.groups().get(g).students();
                }
            }
            Bus bus = p.fleet().get(plan.routeBus()[r]);
            assertTrue(load <= bus.capacity(), "route " + r + " carries " + load + " on "
                    + bus.capacity() + " seats");
            used[plan.routeBus()[r]]++;
        }
        for (int b = 0; b < used.length; b++) {
            assertTrue(used[b] <= p.fleet().get(b).count(), "bus " + b + " used " + used[b]);
        }
    }

    @Test
    @DisplayName("seats 42 students on a 12-seat and a 40-seat bus")
    void twelveAndForty() {
        BusRoutingProblem base = town(3, 30, 160, List.of(Bus.atSchool(1)), RouteShape.EVENING,
                3000);
        // 42 single students from the town's households that reach a stop
        List<StudentGroup> groups = new ArrayList<>();
        for (StudentGroup g : base.groups()) {
            if (g.candidateStops().length > 0 && groups.size() < 42) {
                groups.add(new StudentGroup(1, g.candidateStops()));
            }
        }
        assertEquals(42, groups.size());
        BusRoutingProblem p = new BusRoutingProblem(base.cost(), base.seconds(), groups,
                List.of(Bus.atSchool(12), Bus.atSchool(40)), RouteShape.EVENING,
                ObjectiveMode.PRODUCT, base.rideTime(), 0);
        for (long seed = 1; seed <= 3; seed++) {
            BusRoutingPlan plan = BusRouteSolver.solve(p, SolverOptions.of(seed,
                    Duration.ofMillis(800)));
            verifyBuses(p, plan);
            assertEquals(42, plan.studentsServed(), plan.unserved().toString());
            assertEquals(2, plan.busesLowerBound());
            assertTrue(plan.reachesLowerBound());
            assertEquals(10, plan.emptySeats());
            assertEquals(0, plan.idleSeats());
        }
    }

    @Test
    @DisplayName("sends the 12-seat bus, not the 40-seat one, when 8 students ride")
    void prefersTheSmallerBus() {
        BusRoutingProblem base = town(4, 10, 40, List.of(Bus.atSchool(1)), RouteShape.MORNING,
                20000);
        List<StudentGroup> groups = new ArrayList<>();
        for (StudentGroup g : base.groups()) {
            if (g.candidateStops().length > 0 && groups.size() < 8) {
                groups.add(new StudentGroup(1, g.candidateStops()));
            }
        }
        BusRoutingProblem p = new BusRoutingProblem(base.cost(), base.seconds(), groups,
                List.of(Bus.atSchool(40), Bus.atSchool(12)), RouteShape.MORNING,
                ObjectiveMode.PRODUCT, base.rideTime(), 0);
        BusRoutingPlan plan = BusRouteSolver.solve(p, new SolverOptions(1,
                Duration.ofSeconds(5), 500, null));
        verifyBuses(p, plan);
        assertEquals(1, plan.busesUsed());
        assertEquals(1, plan.routeBus()[0], "the 12-seat bus");
        assertEquals(40, plan.idleSeats());
    }

    @Test
    @DisplayName("counts the lower bound from the largest buses, and -1 when seats run out")
    void lowerBounds() {
        double[][] cost = {{0, 1}, {1, 0}};
        List<StudentGroup> one = List.of(new StudentGroup(1, new int[] {1}));
        BusRoutingProblem mixed = new BusRoutingProblem(cost, null, one, List.of(
                Bus.atSchool(20, 2), Bus.atSchool(45, 3)), RouteShape.CLOSED,
                ObjectiveMode.PRODUCT, null, 0);
        assertEquals(3, mixed.busesLowerBound(100));
        assertEquals(2, mixed.busesLowerBound(90));
        assertEquals(4, mixed.busesLowerBound(136));
        assertEquals(5, mixed.busesLowerBound(175));
        assertEquals(-1, mixed.busesLowerBound(176));
        BusRoutingProblem unlimited = new BusRoutingProblem(cost, null, one, List.of(
                new Bus(8, Bus.UNLIMITED, null, 0), new Bus(53, Bus.UNLIMITED, null, 0)),
                RouteShape.CLOSED, ObjectiveMode.PRODUCT, null, 0);
        assertEquals(5, unlimited.busesLowerBound(255));
        assertEquals(Bus.UNLIMITED, unlimited.buses());
    }

    @Test
    @DisplayName("reports CAPACITY only when the fleet is full, with the seats it had left")
    void capacityOnlyWhenFull() {
        BusRoutingProblem p = town(11, 30, 120, List.of(Bus.atSchool(12), Bus.atSchool(28)),
                RouteShape.EVENING, 3000);
        BusRoutingPlan plan = BusRouteSolver.solve(p, SolverOptions.of(11,
                Duration.ofMillis(800)));
        verifyBuses(p, plan);
        assertEquals(2, plan.busesUsed());
        assertTrue(plan.studentsServed() >= 38, "nearly fills both: " + plan.studentsServed());
        assertEquals(40 - plan.studentsServed(), plan.emptySeats());
        assertTrue(plan.unserved().stream().anyMatch(u -> u.reason() == UnservedReason.CAPACITY));
        // no unserved group of one student fits in the seats left on a route reaching it
        for (UnservedGroup u : plan.unserved()) {
            StudentGroup g = p.groups().get(u.group());
            if (u.reason() == UnservedReason.CAPACITY && g.students() <= plan.emptySeats()) {
                for (int r = 0; r < plan.routes().size(); r++) {
                    boolean reaches = false;
                    for (int s : plan.routes().get(r)) {
                        for (int c : g.candidateStops()) {
                            reaches |= c == s;
                        }
                    }
                    int load = 0;
                    for (int h = 0; h < p.groups().size(); h++) {
                        for (int s : plan.routes().get(r)) {
                            if (plan.assignment()[h] == s) {
                                load += p.groups().get(h).students();
                            }
                        }
                    }
                    int seats = p.fleet().get(plan.routeBus()[r]).capacity();
                    assertTrue(!reaches || load + g.students() > seats, "group " + u.group()
                            + " would fit on route " + r);
                }
            }
        }
    }

    @Test
    @DisplayName("gives each area the bus whose depot is near it once the empty drive counts")
    void depotsDecide() {
        // school at 0; stops 1, 2 west, 3, 4 east; 10 students at each side
        double[][] t = {
            {0, 300, 320, 300, 320},
            {300, 0, 60, 600, 620},
            {320, 60, 0, 620, 640},
            {300, 600, 620, 0, 60},
            {320, 620, 640, 60, 0}};
        List<StudentGroup> groups = List.of(new StudentGroup(5, new int[] {1}),
                new StudentGroup(5, new int[] {2}), new StudentGroup(5, new int[] {3}),
                new StudentGroup(5, new int[] {4}));
        // evening run: the bus drives depot -> school, then last stop -> depot
        double[] westDepot = {0, 100 + 50, 100 + 50, 100 + 900, 100 + 900};
        double[] eastDepot = {0, 100 + 900, 100 + 900, 100 + 50, 100 + 50};
        List<Bus> fleet = List.of(new Bus(12, 1, eastDepot, 0), new Bus(12, 1, westDepot, 0));
        BusRoutingProblem p = new BusRoutingProblem(t, t, groups, fleet, RouteShape.EVENING,
                ObjectiveMode.PRODUCT, RideTimeRule.withUsualDwell(3600), 0);
        BusRoutingPlan plan = BusRouteSolver.solve(p, new SolverOptions(1,
                Duration.ofSeconds(5), 500, null));
        verifyBuses(p, plan);
        assertEquals(2, plan.busesUsed());
        for (int r = 0; r < 2; r++) {
            boolean west = plan.routes().get(r)[0] <= 2;
            assertEquals(west ? 1 : 0, plan.routeBus()[r], "route " + r);
        }
        double legs = 300 + 60 + 300 + 60;
        assertEquals(legs + 2 * 150, plan.totalCost(), 1e-9);
    }
}
