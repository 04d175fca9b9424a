package cn.anxing.bus.solver;

import java.util.List;

/**
 * The solver's answer.
 *
 * @param routes           each bus's stops (matrix indices 1..m) in driving order
 * @param assignment       per group, the stop it boards or alights at, or -1 when unserved
 * @param unserved         the groups without a seat and why
 * @param totalCost        sum of the routes' costs in the cost matrix (the shape's legs only)
 * @param routeSeconds     per route, its driving time plus dwell (NaN without a time matrix)
 * @param longestRideSeconds  the longest ride of any student (NaN without a time matrix)
 * @param studentsServed   students with a seat
 * @param statistics       how the search went
 */
public record BusRoutingPlan(List<int[]> routes, int[] assignment, List<UnservedGroup> unserved,
                             double totalCost, double[] routeSeconds, double longestRideSeconds,
                             int studentsServed, SolverStatistics statistics) {

    public int busesUsed() {
        return routes.size();
    }
}
