package cn.anxing.bus;

import cn.anxing.routing.LatLon;

/**
 * Kept only for {@link BusPlanner}, which another change is reworking: the one haversine is
 * {@link LatLon#distanceMetres}. Delete this class once the planner calls that directly.
 */
final class Distances {

    private Distances() {
    }

    static double metres(LatLon a, LatLon b) {
        return a.distanceMetres(b);
    }
}
