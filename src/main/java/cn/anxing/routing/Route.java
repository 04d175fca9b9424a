package cn.anxing.routing;

import java.util.List;

/**
 * A route between points in the order given, for a driver's route sheet (线路单).
 *
 * @param distanceMetres total length
 * @param seconds        total travel time under the profile's speeds
 * @param geometry       the line to draw, WGS-84
 * @param instructions   turn-by-turn directions, the last one the arrival
 * @param roadClasses    the road classes the route uses, in order of first use (to see at a
 *                       glance whether it takes an expressway)
 */
public record Route(double distanceMetres, double seconds, List<LatLon> geometry,
                    List<Instruction> instructions, List<String> roadClasses) {

    public Route {
        geometry = List.copyOf(geometry);
        instructions = List.copyOf(instructions);
        roadClasses = List.copyOf(roadClasses);
    }

    /**
     * One turn-by-turn step.
     *
     * @param sign           GraphHopper's instruction sign (-2 left, 0 continue, 2 right, 4 finish,
     *                       5 via point, 6 roundabout, …)
     * @param roadName       the street the step follows, empty if unnamed
     * @param textZh         the instruction in Chinese, e.g. "左转 进入 信江大道"
     * @param textEn         the instruction in English, e.g. "turn left onto 信江大道"
     * @param distanceMetres length of this step
     * @param seconds        time of this step
     * @param start          where the step begins
     */
    public record Instruction(int sign, String roadName, String textZh, String textEn,
                              double distanceMetres, double seconds, LatLon start) {
    }
}
