package cn.anxing.bus.solver;

/**
 * Which legs of a bus line count.
 *
 * <p>{@link #CLOSED}: school → stops → school, the whole tour is counted (the benchmark). {@link
 * #EVENING}: the bus leaves the school and its route ends at the last stop (晚自习放学送学); the
 * empty drive back is the caller's business. {@link #MORNING}: the route starts at the first stop
 * and ends at the school (早上接学); the empty approach from the depot is the caller's business.
 * Ride time is measured from the school for {@code CLOSED} and {@code EVENING} and to the school
 * for {@code MORNING}; the return leg of a closed tour is not ridden by any student.
 */
public enum RouteShape {
    CLOSED,
    EVENING,
    MORNING
}
