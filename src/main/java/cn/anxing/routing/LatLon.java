package cn.anxing.routing;

/** A WGS-84 point, latitude first, as everywhere inside Anxing. */
public record LatLon(double lat, double lon) {

    private static final double EARTH_RADIUS_METRES = 6_371_000;

    public LatLon {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("not a WGS-84 point: " + lat + "," + lon);
        }
    }

    /**
     * The great-circle distance (haversine) to {@code other} in metres, as the crow flies: for
     * choosing and grouping points; walking and driving distances come from the road network.
     */
    public double distanceMetres(LatLon other) {
        double dLat = Math.toRadians(other.lat - lat);
        double dLon = Math.toRadians(other.lon - lon);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat))
                * Math.cos(Math.toRadians(other.lat)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(h));
    }
}
