package cn.anxing.bus;

import cn.anxing.routing.LatLon;

/**
 * Distances as the crow flies, for choosing and grouping points; walking and driving distances
 * come from the road network.
 */
final class Distances {

    private static final double EARTH_RADIUS_METRES = 6_371_000;

    private Distances() {
    }

    /** Great-circle distance (haversine) in metres. */
    static double metres(LatLon a, LatLon b) {
        double dLat = Math.toRadians(b.lat() - a.lat());
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(a.lat()))
                * Math.cos(Math.toRadians(b.lat())) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(h));
    }
}
