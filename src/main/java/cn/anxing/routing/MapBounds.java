package cn.anxing.routing;

/** The rectangle the imported map covers (地图范围); nothing outside it can be routed. */
public record MapBounds(double minLat, double minLon, double maxLat, double maxLon) {

    public boolean contains(double lat, double lon) {
        return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon;
    }
}
