package cn.anxing.bus.solver;

import java.util.Arrays;

/**
 * A kind of bus in the fleet (车辆): its seats, how many of it there are, the empty drive it needs
 * to reach a route from its depot, and what using one costs.
 *
 * @param capacity    seats, at least 1
 * @param count       how many buses of this kind; {@link #UNLIMITED} for as many as needed
 * @param emptyDrive  null when the bus starts and ends at the school (no empty drive counts);
 *                    otherwise, per point of the matrix (0..m), the cost of the bus's empty
 *                    driving for a route that ends at that stop (evening run: depot → school,
 *                    then last stop → depot) or starts there (morning run: depot → first stop,
 *                    then school → depot), in the units of the cost matrix
 * @param cost        a fixed cost of using one such bus, in the units of the cost matrix; it
 *                    counts with the driving cost, after the number of buses
 */
public record Bus(int capacity, int count, double[] emptyDrive, double cost) {

    /** As many buses of a size as the plan wants (the real-road benchmark's fleets). */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public Bus {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be at least 1");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count: must not be negative");
        }
        if (!(cost >= 0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost: must be a non-negative number");
        }
        emptyDrive = emptyDrive == null ? null : emptyDrive.clone();
    }

    /** One bus that sleeps at the school. */
    public static Bus atSchool(int capacity) {
        return new Bus(capacity, 1, null, 0);
    }

    /** Several identical buses that sleep at the school. */
    public static Bus atSchool(int capacity, int count) {
        return new Bus(capacity, count, null, 0);
    }

    @Override
    public double[] emptyDrive() {
        return emptyDrive == null ? null : emptyDrive.clone();
    }

    /** The empty drive for a route whose depot-side stop is {@code point}. */
    public double emptyDriveAt(int point) {
        return emptyDrive == null ? 0 : emptyDrive[point];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bus b && b.capacity == capacity && b.count == count
                && Arrays.equals(b.emptyDrive, emptyDrive) && b.cost == cost;
    }

    @Override
    public int hashCode() {
        return (31 * capacity + count) * 31 + Arrays.hashCode(emptyDrive);
    }

    @Override
    public String toString() {
        return "Bus[capacity=" + capacity + ", count=" + (count == UNLIMITED ? "unlimited" : count)
                + (emptyDrive == null ? "" : ", depot away from school") + ", cost=" + cost + "]";
    }
}
