package cn.anxing.bus;

import java.util.List;
import java.util.UUID;

/**
 * A finished plan (校车方案) as it is stored and served: the stops chosen, the evening and morning
 * runs with their lines, each household's stop and walking path, and the households no line could
 * serve with the reason. Times of day are local (Asia/Shanghai) "HH:mm:ss"; geometry is WGS-84
 * {@code [lat, lon]} pairs.
 */
public record BusPlan(UUID schoolId, String schoolName, double schoolLat, double schoolLon,
                      PolicyUsed policy, Summary summary, List<Stop> stops, Run evening,
                      Run morning, List<HouseholdStop> households, List<Unserved> unserved) {

    /** The rules the plan was made under, copied so the plan explains itself later. */
    public record PolicyUsed(int maxWalkMetres, int maxRideSeconds, int dwellBaseSeconds,
                             int dwellPerStudentSeconds, List<String> noStopRoadClasses,
                             int solverSeconds, long seed) {
    }

    /**
     * Totals for the page header and the benchmark.
     *
     * @param busesLowerBound   the fewest buses of the fleet whose seats cover the students who
     *                          can be served (largest buses first): no plan uses fewer; -1 when
     *                          the whole fleet has too few seats
     * @param reachesLowerBound whether the plan uses no more buses than that bound
     */
    public record Summary(int households, int students, int householdsServed, int studentsServed,
                          int busesAvailable, int busesUsed, int busesLowerBound,
                          boolean reachesLowerBound, double eveningDrivingSeconds,
                          double morningDrivingSeconds, double longestRideSeconds,
                          int candidateStops, double matrixSeconds, double solveSeconds,
                          double pathsSeconds) {
    }

    /** A stop on the roadside of a drivable road, named from that road. */
    public record Stop(String id, String name, double lat, double lon, String roadName,
                       String roadClass) {
    }

    /**
     * One run of every bus: the evening run leaves the school and ends at each line's last stop;
     * the morning run starts at each line's first stop and ends at the school.
     *
     * @param emptySeats    seats left empty on the buses of the run's lines
     * @param idleBusSeats  seats of the buses that stay at the depot in this run
     */
    public record Run(String shape, String schoolTime, List<Line> lines, List<Unserved> unserved,
                      int emptySeats, int idleBusSeats, int studentsServed,
                      double drivingSeconds, double longestRideSeconds) {
    }

    /**
     * A bus line (线路) of one run.
     *
     * @param legs            driving time and distance of each leg from the travel matrix: in the
     *                        evening school → first stop → … → last stop; in the morning first
     *                        stop → … → last stop → school
     * @param rideSeconds     the longest ride on this line
     * @param lineSeconds     legs plus dwell, from the school's departure to the last stop
     *                        (evening) or the first stop's arrival to the school (morning)
     * @param deadheadSeconds the empty drive between the bus's depot and the line
     * @param drivingSeconds  all the bus drives for this run: legs plus empty drives
     * @param path            the line's driving path with turn-by-turn instructions
     */
    public record Line(int number, String name, UUID busId, String busLabel, int capacity,
                       int students, String start, String end, List<LineStop> stops,
                       List<Leg> legs, double rideSeconds, double lineSeconds,
                       double deadheadSeconds, double drivingSeconds, Path path) {
    }

    /**
     * A stop of a line in driving order.
     *
     * @param arrival        local time the bus reaches the stop
     * @param departure      local time it leaves, after the dwell
     * @param arrivalOffset  seconds from the line's start (school departure in the evening, first
     *                       stop arrival in the morning)
     * @param rideSeconds    how long the students of this stop are on the bus
     */
    public record LineStop(int sequence, String stopId, String stopName, double lat, double lon,
                           String arrival, String departure, double arrivalOffset,
                           double dwellSeconds, double rideSeconds, int students,
                           List<UUID> households) {
    }

    /** One leg of a line, as the travel matrix measured it. */
    public record Leg(String from, String to, double seconds, double metres) {
    }

    /** A driving or walking path: geometry plus, for driving, turn-by-turn steps. */
    public record Path(double distanceMetres, double seconds, List<double[]> geometry,
                       List<Step> instructions) {
    }

    /** One turn-by-turn step of a route sheet (线路单). */
    public record Step(String textZh, String textEn, String roadName, double distanceMetres,
                       double seconds, double lat, double lon) {
    }

    /** A household's stop, walk and lines; stop fields are null when it is unserved. */
    public record HouseholdStop(UUID householdId, String label, double lat, double lon,
                                int students, boolean needsDoorStop, boolean generated,
                                String stopId, String stopName, Double walkMetres,
                                List<double[]> walkPath, Integer eveningLine,
                                Integer morningLine) {
    }

    /**
     * A household a run could not serve.
     *
     * @param reason NO_STOP_IN_REACH, RIDE_TIME or CAPACITY
     */
    public record Unserved(UUID householdId, String label, double lat, double lon, int students,
                           String run, String reason, String reasonText) {
    }
}
