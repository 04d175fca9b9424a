package cn.anxing.bus;

import java.util.List;

/**
 * The rules a school's plan keeps (规划规则). Defaults live in the bus_policy table's column
 * defaults: 400 m walk, 45 min ride, 30 s per stop and 5 s per student, no stop on motorways,
 * trunk roads or their ramps, 15 s of search per run (the shortest limit that reached within
 * 1 % of a 60 s search on the demo school; BENCHMARKS.md §4).
 *
 * @param maxWalkMetres          farthest a student walks between home and stop
 * @param maxRideSeconds         longest a student sits on the bus, dwell at other stops included
 * @param dwellBaseSeconds       a stop's dwell before its students get on or off
 * @param dwellPerStudentSeconds each student getting on or off adds this
 * @param noStopRoadClasses      OSM highway classes where no stop may be placed
 * @param solverSeconds          how long the optimizer searches per run
 */
public record BusPolicy(int maxWalkMetres, int maxRideSeconds, int dwellBaseSeconds,
                        int dwellPerStudentSeconds, List<String> noStopRoadClasses,
                        int solverSeconds) {

    public BusPolicy {
        noStopRoadClasses = List.copyOf(noStopRoadClasses);
    }

    /** Seconds a bus stands at a stop where {@code students} get on or off. */
    public double dwellSeconds(int students) {
        return dwellBaseSeconds + (double) dwellPerStudentSeconds * students;
    }
}
