package cn.anxing.routing;

/**
 * A point moved onto the nearest road a profile may use (道路吸附).
 *
 * @param point          the snapped point on the road, WGS-84
 * @param distanceMetres how far the asked-for point was from the road
 * @param roadName       the road's OSM name (Chinese on Chinese maps); empty if it has none
 * @param roadClass      the OSM highway class in lower case: motorway, trunk, primary, secondary,
 *                       tertiary, residential, service, footway, steps, …
 * @param link           true on a *_link way (a ramp, 匝道)
 */
public record RoadSnap(LatLon point, double distanceMetres, String roadName, String roadClass,
                       boolean link) {

    /**
     * A motorway or trunk road or one of their ramps: 高速公路、城市快速路及匝道. The accident
     * flow uses this for its expressway rule and the bus planner never puts a stop there.
     */
    public boolean isExpresswayOrRamp() {
        return "motorway".equals(roadClass) || "trunk".equals(roadClass);
    }
}
