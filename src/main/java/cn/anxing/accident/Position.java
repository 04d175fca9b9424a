package cn.anxing.accident;

/**
 * A WGS-84 point (as GPS and OpenStreetMap give it; never GCJ-02 or BD-09 inside the server).
 */
public record Position(double lat, double lon) {

    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    public Position {
        if (!(lat >= -90 && lat <= 90)) {
            throw new AccidentException("POSITION_INVALID", "latitude must be within -90..90", "lat");
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new AccidentException("POSITION_INVALID", "longitude must be within -180..180",
                    "lon");
        }
    }

    /** Great-circle (haversine) distance on the mean Earth sphere, good to well under 1% here. */
    public double distanceMetres(Position other) {
        double phi1 = Math.toRadians(lat);
        double phi2 = Math.toRadians(other.lat);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(other.lon - lon);
        double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
