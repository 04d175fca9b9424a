package cn.anxing.routing;

/** A WGS-84 point, latitude first, as everywhere inside Anxing. */
public record LatLon(double lat, double lon) {

    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    public LatLon {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("not a WGS-84 point: " + lat + "," + lon);
        }
    }

    /** Great-circle (haversine) distance on the mean Earth sphere, good to well under 1% here. */
    public double distanceMetres(LatLon other) {
        double phi1 = Math.toRadians(lat);
        double phi2 = Math.toRadians(other.lat);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(other.lon - lon);
        double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
