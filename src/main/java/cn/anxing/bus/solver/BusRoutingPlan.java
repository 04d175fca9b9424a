package cn.anxing.bus.solver;

import java.util.List;

/**
 * The solver's answer.
 *
 * @param routes           each bus's stops (matrix indices 1..m) in driving order
 * @param routeBus         per route, the index in the problem's fleet of the bus that drives it
 * @param assignment       per group, the stop it boards or alights at, or -1 when unserved
 * @param unserved         the groups without a seat and why
 * @param totalCost        sum of the routes' costs: the shape's legs, the stop cost per stop,
 *                         and for buses away from the school their empty drive and fixed cost
 * @param routeSeconds     per route, its driving time plus dwell (NaN without a time matrix)
 * @param longestRideSeconds  the longest ride of any student (NaN without a time matrix)
 * @param studentsServed   students with a seat
 * @param busesLowerBound  the fewest buses of the fleet whose seats cover every student who can
 *                         be served (groups not hopeless by reach, ride time or size): no plan
 *                         serving them all uses fewer; -1 if the whole fleet has too few seats
 * @param emptySeats       seats left empty on the buses the plan uses
 * @param idleSeats        seats of the buses the plan leaves at the depot (0 for kinds of
 *                         unlimited count)
 * @param statistics       how the search went
 */
public record BusRoutingPlan(List<int[]> routes, int[] routeBus, int[] assignment,
                             List<UnservedGroup> unserved, double totalCost,
                             double[] routeSeconds, double longestRideSeconds,
                             int studentsServed, int busesLowerBound, int emptySeats,
                             long idleSeats, SolverStatistics statistics) {

    public int busesUsed() {
        return routes.size();
    }

    /** Whether the plan uses no more buses than the lower bound: fewer are impossible. */
    public boolean reachesLowerBound() {
        return busesLowerBound >= 0 && routes.size() <= busesLowerBound;
    }
}
