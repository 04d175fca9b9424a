package cn.anxing.bus.solver;

/**
 * The longest a student may sit on the bus (最长乘车时间), from boarding to alighting, including
 * the dwell at every intermediate stop. The bus dwells {@code dwellBaseSeconds} at a stop plus
 * {@code dwellPerStudentSeconds} for each student boarding or alighting there.
 *
 * @param boardingDwellCounts whether a student's ride includes the whole dwell at their own stop
 *                            (the real-road benchmark's journey time: from the bus's arrival at
 *                            the boarding stop to the school); the product counts the ride from
 *                            the bus's departure
 */
public record RideTimeRule(double maxRideSeconds, double dwellBaseSeconds,
                           double dwellPerStudentSeconds, boolean boardingDwellCounts) {

    /** The service's usual dwell: 30 s a stop and 5 s a student. */
    public static RideTimeRule withUsualDwell(double maxRideSeconds) {
        return new RideTimeRule(maxRideSeconds, 30, 5);
    }

    public RideTimeRule(double maxRideSeconds, double dwellBaseSeconds,
                        double dwellPerStudentSeconds) {
        this(maxRideSeconds, dwellBaseSeconds, dwellPerStudentSeconds, false);
    }

    public RideTimeRule {
        if (!(maxRideSeconds > 0) || dwellBaseSeconds < 0 || dwellPerStudentSeconds < 0) {
            throw new IllegalArgumentException("ride time rule needs a positive maximum and"
                    + " non-negative dwell times");
        }
    }
}
