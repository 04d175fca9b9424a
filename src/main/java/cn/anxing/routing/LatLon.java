package cn.anxing.routing;

/** A WGS-84 point, latitude first, as everywhere inside Anxing. */
public record LatLon(double lat, double lon) {

    public LatLon {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("not a WGS-84 point: " + lat + "," + lon);
        }
    }
}
