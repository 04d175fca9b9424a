package cn.anxing.bus.solver;

import java.util.Arrays;
import java.util.List;

/**
 * The problem in the shape the search wants: matrices extended with a virtual point whose legs
 * cost nothing (so an open route is a closed one that starts or ends there), per-group arrays,
 * and the penalties that make the product's lexicographic objective a single number.
 */
final class SearchModel {

    final int stops;
    final int virtual;
    final double[][] cost;
    final double[][] time;
    final int start;
    final int end;
    final boolean closed;
    final int groupCount;
    final int[] demand;
    final int[][] candidates;
    final int capacity;
    final int maxRoutes;
    final RideTimeRule ride;
    final double busPenalty;
    final double unservedPenalty;
    /** Per group, the cheapest school leg to one of its stops: "far" groups are recreated first. */
    final double[] farness;
    /** Per stop, all other stops from the nearest (by the cheaper direction) to the farthest. */
    final int[][] neighbours;
    /** Per group, why it can never be served, or null if some route could carry it. */
    final UnservedReason[] hopeless;
    final double temperatureScale;
    /**
     * The product's last criterion, the shortest longest ride, as a weight so small that it only
     * decides between plans whose cost is the same to about a millionth of a unit.
     */
    final double longestRideWeight;
    /** Whether any group could be served at all; if not, there is nothing to search. */
    final boolean anyServable;
    /** Per stop, the groups that may walk to it. */
    final int[][] groupsAt;

    SearchModel(BusRoutingProblem problem) {
        stops = problem.stopCount();
        virtual = stops + 1;
        cost = extend(problem.cost());
        time = problem.rideTime() == null ? null : extend(problem.seconds());
        RouteShape shape = problem.shape();
        start = shape == RouteShape.MORNING ? virtual : 0;
        end = shape == RouteShape.EVENING ? virtual : 0;
        closed = shape == RouteShape.CLOSED;
        capacity = problem.capacity();
        maxRoutes = Math.min(problem.buses(), stops);
        ride = problem.rideTime();
        List<StudentGroup> groups = problem.groups();
        groupCount = groups.size();
        demand = new int[groupCount];
        candidates = new int[groupCount][];
        farness = new double[groupCount];
        hopeless = new UnservedReason[groupCount];
        for (int g = 0; g < groupCount; g++) {
            demand[g] = groups.get(g).students();
            candidates[g] = Arrays.stream(groups.get(g).candidateStops()).distinct().toArray();
            double far = Double.MAX_VALUE;
            boolean rideFeasible = false;
            for (int s : candidates[g]) {
                far = Math.min(far, cost[start][s] + cost[s][end]);
                rideFeasible |= capacityOf(1, rideTravelOfSingle(s)) >= demand[g];
            }
            farness[g] = far;
            if (candidates[g].length == 0) {
                hopeless[g] = UnservedReason.NO_STOP_IN_REACH;
            } else if (demand[g] > capacity || maxRoutes == 0) {
                hopeless[g] = UnservedReason.CAPACITY;
            } else if (!rideFeasible) {
                hopeless[g] = UnservedReason.RIDE_TIME;
            }
        }
        anyServable = java.util.Arrays.stream(hopeless).anyMatch(java.util.Objects::isNull);
        double maxArc = 0;
        double schoolLegs = 0;
        for (int i = 0; i <= stops; i++) {
            for (int j = 0; j <= stops; j++) {
                maxArc = Math.max(maxArc, cost[i][j]);
            }
            schoolLegs += cost[0][i] + cost[i][0];
        }
        double bigM = 2 * (stops + 2) * (maxArc + 1);
        boolean product = problem.objective() == ObjectiveMode.PRODUCT;
        busPenalty = product ? bigM : 0;
        unservedPenalty = bigM * (stops + 2);
        longestRideWeight = product && ride != null ? 1e-9 : 0;
        temperatureScale = Math.max(1e-9, schoolLegs / Math.max(1, 2 * stops));
        int[] counts = new int[stops + 2];
        for (int[] cands : candidates) {
            for (int s : cands) {
                counts[s]++;
            }
        }
        groupsAt = new int[stops + 2][];
        for (int s = 0; s < stops + 2; s++) {
            groupsAt[s] = new int[counts[s]];
            counts[s] = 0;
        }
        for (int g = 0; g < groupCount; g++) {
            for (int s : candidates[g]) {
                groupsAt[s][counts[s]++] = g;
            }
        }
        neighbours = new int[stops + 1][];
        for (int s = 1; s <= stops; s++) {
            final int from = s;
            neighbours[s] = java.util.stream.IntStream.rangeClosed(1, stops)
                    .filter(t -> t != from).boxed()
                    .sorted((a, b) -> Double.compare(
                            Math.min(cost[from][a], cost[a][from]),
                            Math.min(cost[from][b], cost[b][from])))
                    .mapToInt(Integer::intValue).toArray();
        }
    }

    private double rideTravelOfSingle(int s) {
        if (time == null) {
            return 0;
        }
        return time[start][s] + time[s][end] - (closed ? time[s][end] : 0);
    }

    /**
     * Seats a route may fill, given its length and ride travel time: the capacity, lowered so the
     * longest ride stays within the rule, or -1 if even an empty route breaks it. The dwell of
     * every student on board is counted at the intermediate stops, which overstates the real
     * dwell (students at the final stop do not make the bus wait earlier) and so is safe.
     */
    int capacityOf(int length, double rideTravel) {
        if (ride == null) {
            return capacity;
        }
        if (length <= 1) {
            return rideTravel <= ride.maxRideSeconds() + 1e-9 ? capacity : -1;
        }
        double slack = ride.maxRideSeconds() - rideTravel - ride.dwellBaseSeconds() * (length - 1);
        if (slack < -1e-9) {
            return -1;
        }
        if (ride.dwellPerStudentSeconds() <= 0) {
            return capacity;
        }
        return (int) Math.min(capacity, Math.floor((slack + 1e-9) / ride.dwellPerStudentSeconds()));
    }

    private double[][] extend(double[][] matrix) {
        int n = matrix.length;
        double[][] out = new double[n + 1][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(matrix[i], 0, out[i], 0, n);
        }
        return out;
    }
}
