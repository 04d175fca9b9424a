package cn.anxing.bus.solver;

import java.util.List;

/**
 * One school-bus routing problem with bus stop selection (校车线路与站点选择).
 *
 * <p>Points are matrix indices: 0 is the school, 1..m the candidate stops. The matrices come from
 * GraphHopper in the product (asymmetric, metres or seconds on real roads) or from the instance
 * file in the benchmark (Euclidean).
 *
 * @param cost       (m+1)×(m+1) driving cost between points; the objective sums it
 * @param seconds    (m+1)×(m+1) driving time in seconds, needed only with a ride-time rule; may be
 *                   the same array as {@code cost}; null without a ride-time rule
 * @param groups     the students to carry, each with the stops it may walk to
 * @param capacity   seats per bus
 * @param buses      buses available: a hard cap on the number of routes
 * @param shape      which legs a route has
 * @param objective  benchmark (total cost) or product (lexicographic)
 * @param rideTime   the maximum ride time and dwell times, or null for no limit
 */
public record BusRoutingProblem(double[][] cost, double[][] seconds, List<StudentGroup> groups,
                                int capacity, int buses, RouteShape shape,
                                ObjectiveMode objective, RideTimeRule rideTime) {

    public BusRoutingProblem {
        groups = List.copyOf(groups);
        int n = cost.length;
        if (n < 1) {
            throw new IllegalArgumentException("cost: needs at least the school");
        }
        for (double[] row : cost) {
            if (row.length != n) {
                throw new IllegalArgumentException("cost: must be square");
            }
        }
        if (rideTime != null) {
            if (seconds == null || seconds.length != n) {
                throw new IllegalArgumentException("seconds: a ride-time rule needs an "
                        + n + "×" + n + " time matrix");
            }
            for (double[] row : seconds) {
                if (row.length != n) {
                    throw new IllegalArgumentException("seconds: must be square");
                }
            }
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be at least 1");
        }
        if (buses < 0) {
            throw new IllegalArgumentException("buses: must not be negative");
        }
        for (int g = 0; g < groups.size(); g++) {
            for (int s : groups.get(g).candidateStops()) {
                if (s < 1 || s >= n) {
                    throw new IllegalArgumentException("groups[" + g + "].candidateStops: " + s
                            + " is not a stop index in 1.." + (n - 1));
                }
            }
        }
        java.util.Objects.requireNonNull(shape, "shape");
        java.util.Objects.requireNonNull(objective, "objective");
    }

    /** Number of candidate stops m. */
    public int stopCount() {
        return cost.length - 1;
    }
}
