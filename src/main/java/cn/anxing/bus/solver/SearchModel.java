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
    /** Seats of the largest bus of the fleet. */
    final int capacity;
    final int maxRoutes;
    /**
     * The fleet as kinds of bus: identical buses (same seats, empty drives and cost) are one
     * kind with a count, so the search never swaps two buses that are the same.
     */
    final int types;
    final int[] typeCap;
    /** How many buses of each kind, {@link Bus#UNLIMITED} for no limit. */
    final int[] typeCount;
    /** Per kind, the empty drive by depot-side stop (null: none kindCounts), and the fixed cost. */
    final double[][] typeEmpty;
    final double[] typeFixed;
    /** Per kind, the indices of its buses in the problem's fleet. */
    final int[][] typeFleet;
    /**
     * Weight of a seat on the buses used (0 when all buses have the same seats): with at most a
     * few hundred seats it only decides between plans whose cost is the same to about a
     * thousandth of a unit, so that among equal plans the smaller buses go out; it outweighs
     * the longest ride's weight, the last criterion.
     */
    final double seatWeight;
    /** Cost of each stop a route visits (the benchmark's dwell per stop). */
    final double stopCost;
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
        ride = problem.rideTime();
        stopCost = problem.stopCost();
        List<Bus> fleet = problem.fleet();
        List<Integer> kindCounts = new java.util.ArrayList<>();
        List<Bus> kinds = new java.util.ArrayList<>();
        List<List<Integer>> members = new java.util.ArrayList<>();
        for (int b = 0; b < fleet.size(); b++) {
            Bus bus = fleet.get(b);
            if (bus.count() == 0) {
                continue;
            }
            int kind = -1;
            for (int k = 0; k < kinds.size(); k++) {
                Bus other = kinds.get(k);
                if (other.capacity() == bus.capacity() && other.cost() == bus.cost()
                        && Arrays.equals(other.emptyDrive(), bus.emptyDrive())) {
                    kind = k;
                }
            }
            if (kind < 0) {
                kind = kinds.size();
                kinds.add(bus);
                members.add(new java.util.ArrayList<>());
                kindCounts.add(0);
            }
            long count = (long) kindCounts.get(kind) + bus.count();
            kindCounts.set(kind, (int) Math.min(Bus.UNLIMITED, count));
            if (bus.count() == Bus.UNLIMITED) {
                kindCounts.set(kind, Bus.UNLIMITED);
            }
            members.get(kind).add(b);
        }
        types = kinds.size();
        typeCap = new int[types];
        typeCount = new int[types];
        typeEmpty = new double[types][];
        typeFixed = new double[types];
        typeFleet = new int[types][];
        long totalBuses = 0;
        int largest = 0;
        for (int k = 0; k < types; k++) {
            Bus bus = kinds.get(k);
            typeCap[k] = bus.capacity();
            typeCount[k] = kindCounts.get(k);
            double[] empty = bus.emptyDrive();
            if (empty != null) {
                typeEmpty[k] = Arrays.copyOf(empty, stops + 2);
            }
            typeFixed[k] = bus.cost();
            typeFleet[k] = members.get(k).stream().mapToInt(Integer::intValue).toArray();
            totalBuses += typeCount[k];
            largest = Math.max(largest, typeCap[k]);
        }
        capacity = largest;
        maxRoutes = (int) Math.min(totalBuses, stops);
        boolean sizesDiffer = Arrays.stream(typeCap).distinct().count() > 1;
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
                rideFeasible |= rideCapacity(1, rideTravelOfSingle(s)) >= demand[g];
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
        double maxArc = stopCost;
        double maxFixed = 0;
        for (int k = 0; k < types; k++) {
            double most = typeFixed[k];
            if (typeEmpty[k] != null) {
                most += Arrays.stream(typeEmpty[k]).max().orElse(0);
            }
            maxFixed = Math.max(maxFixed, most);
        }
        double schoolLegs = 0;
        for (int i = 0; i <= stops; i++) {
            for (int j = 0; j <= stops; j++) {
                maxArc = Math.max(maxArc, cost[i][j]);
            }
            schoolLegs += cost[0][i] + cost[i][0];
        }
        // one bus more must cost more than any driving a plan can save: every leg, every stop's
        // cost and every bus's empty drive and fixed cost together
        double bigM = 2 * (stops + 2) * (maxArc + stopCost + 1 + maxFixed);
        boolean product = problem.objective() == ObjectiveMode.PRODUCT;
        busPenalty = product ? bigM : 0;
        unservedPenalty = bigM * (stops + 2);
        longestRideWeight = product && ride != null ? 1e-9 : 0;
        seatWeight = sizesDiffer ? 1e-6 : 0;
        temperatureScale = Math.max(1e-9, schoolLegs / Math.max(1, 2 * stops));
        int[] perStop = new int[stops + 2];
        for (int[] cands : candidates) {
            for (int s : cands) {
                perStop[s]++;
            }
        }
        groupsAt = new int[stops + 2][];
        for (int s = 0; s < stops + 2; s++) {
            groupsAt[s] = new int[perStop[s]];
            perStop[s] = 0;
        }
        for (int g = 0; g < groupCount; g++) {
            for (int s : candidates[g]) {
                groupsAt[s][perStop[s]++] = g;
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
     * Seats the ride-time rule lets a route fill, given its length and ride travel time (any
     * bus's seats limit it further), or -1 if even an empty route breaks the rule. The dwell of
     * every student on board is counted at the intermediate stops, which overstates the real
     * dwell (students at the final stop do not make the bus wait earlier) and so is safe; when
     * the boarding stop's dwell kindCounts too, the first stop's students ride exactly this long.
     */
    int rideCapacity(int length, double rideTravel) {
        if (ride == null) {
            return Integer.MAX_VALUE;
        }
        if (length <= 1 && !ride.boardingDwellCounts()) {
            return rideTravel <= ride.maxRideSeconds() + 1e-9 ? Integer.MAX_VALUE : -1;
        }
        int dwellStops = ride.boardingDwellCounts() ? length : length - 1;
        double slack = ride.maxRideSeconds() - rideTravel - ride.dwellBaseSeconds() * dwellStops;
        if (slack < -1e-9) {
            return -1;
        }
        if (ride.dwellPerStudentSeconds() <= 0) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.min(Integer.MAX_VALUE,
                Math.floor((slack + 1e-9) / ride.dwellPerStudentSeconds()));
    }

    /** The empty drive and fixed cost of a bus of kind k on a route with these stops. */
    double busCost(int k, int[] seq, int len) {
        double sum = typeFixed[k];
        double[] empty = typeEmpty[k];
        if (empty != null && len > 0 && !closed) {
            sum += empty[start == virtual ? seq[0] : seq[len - 1]];
        }
        return sum;
    }

    /** Whether some kind of bus is away from the school or costs something to use. */
    boolean busesDiffer() {
        if (types > 1) {
            return true;
        }
        return types == 1 && (typeEmpty[0] != null || typeFixed[0] > 0);
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
