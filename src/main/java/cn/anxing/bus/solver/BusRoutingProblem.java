package cn.anxing.bus.solver;

import java.util.List;

/**
 * One school-bus routing problem with bus stop selection (校车线路与站点选择).
 *
 * <p>Points are matrix indices: 0 is the school, 1..m the candidate stops. The matrices come from
 * GraphHopper in the product (asymmetric, metres or seconds on real roads) or from the instance
 * file in the benchmark (Euclidean or real-road).
 *
 * @param cost       (m+1)×(m+1) driving cost between points; the objective sums it
 * @param seconds    (m+1)×(m+1) driving time in seconds, needed only with a ride-time rule; may be
 *                   the same array as {@code cost}; null without a ride-time rule
 * @param groups     the students to carry, each with the stops it may walk to
 * @param fleet      the buses: each route is driven by one of them; their number is a hard cap
 *                   on the number of routes and each route carries at most its bus's seats
 * @param shape      which legs a route has
 * @param objective  benchmark (total cost) or product (lexicographic)
 * @param rideTime   the maximum ride time and dwell times, or null for no limit
 * @param stopCost   cost added for every stop a route visits (the real-road benchmark counts
 *                   the dwell at each stop in its objective; 0 elsewhere)
 */
public record BusRoutingProblem(double[][] cost, double[][] seconds, List<StudentGroup> groups,
                                List<Bus> fleet, RouteShape shape, ObjectiveMode objective,
                                RideTimeRule rideTime, double stopCost) {

    /** A fleet of {@code buses} identical buses of {@code capacity} seats at the school. */
    public BusRoutingProblem(double[][] cost, double[][] seconds, List<StudentGroup> groups,
                             int capacity, int buses, RouteShape shape, ObjectiveMode objective,
                             RideTimeRule rideTime) {
        this(cost, seconds, groups, homogeneous(capacity, buses), shape, objective, rideTime, 0);
    }

    private static List<Bus> homogeneous(int capacity, int buses) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be at least 1");
        }
        if (buses < 0) {
            throw new IllegalArgumentException("buses: must not be negative");
        }
        return List.of(Bus.atSchool(capacity, buses));
    }

    public BusRoutingProblem {
        groups = List.copyOf(groups);
        fleet = List.copyOf(fleet);
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
        for (int b = 0; b < fleet.size(); b++) {
            double[] empty = fleet.get(b).emptyDrive();
            if (empty != null && empty.length != n) {
                throw new IllegalArgumentException("fleet[" + b + "].emptyDrive: needs " + n
                        + " entries, one per point");
            }
        }
        if (!(stopCost >= 0) || Double.isInfinite(stopCost)) {
            throw new IllegalArgumentException("stopCost: must be a non-negative number");
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

    /** The seats of the largest bus (0 without buses). */
    public int capacity() {
        return fleet.stream().filter(b -> b.count() > 0).mapToInt(Bus::capacity).max().orElse(0);
    }

    /** How many buses the fleet has ({@link Bus#UNLIMITED} if a kind is unlimited). */
    public int buses() {
        long total = 0;
        for (Bus bus : fleet) {
            if (bus.count() == Bus.UNLIMITED) {
                return Bus.UNLIMITED;
            }
            total += bus.count();
        }
        return (int) Math.min(Bus.UNLIMITED, total);
    }

    /**
     * The fewest buses of the fleet whose seats add up to {@code students}: the largest first.
     * No plan carrying that many students uses fewer. -1 when the whole fleet has fewer seats.
     */
    public int busesLowerBound(int students) {
        if (students <= 0) {
            return 0;
        }
        List<Bus> bySize = fleet.stream().filter(b -> b.count() > 0)
                .sorted((a, b) -> b.capacity() - a.capacity()).toList();
        long seats = 0;
        int buses = 0;
        for (Bus bus : bySize) {
            long need = (students - seats + bus.capacity() - 1) / bus.capacity();
            long take = Math.min(need, bus.count());
            seats += take * bus.capacity();
            buses += (int) take;
            if (seats >= students) {
                return buses;
            }
        }
        return -1;
    }
}
