/**
 * Roads and travel on the real OpenStreetMap network (路网与路径), for every feature:
 * the accident flow snaps a reported location and reads the road class for the expressway
 * rule; the bus planner picks stop candidates, builds travel matrices and route sheets; the
 * pages draw our own base map from {@link cn.anxing.routing.RoadNetwork#roads}.
 *
 * <p>{@link cn.anxing.routing.RoadNetwork} is plain blocking Java around one GraphHopper 11
 * instance; {@link cn.anxing.routing.RoutingService} is its only Vert.x face. Coordinates are
 * WGS-84 {@link cn.anxing.routing.LatLon}; {@link cn.anxing.routing.CoordinateSystems}
 * converts GCJ-02 and BD-09 addresses from Chinese web maps at the edge; {@link
 * cn.anxing.routing.LatLon#distanceMetres} is the one haversine.
 *
 * <p>Every feature asks {@link cn.anxing.routing.RoutingService#requireReady} and
 * {@link cn.anxing.routing.RoutingService#requireOnMap} instead of checking the state or bounds
 * itself; failures are {@link cn.anxing.error.DomainException}s with
 * {@link cn.anxing.routing.RoutingError} codes. It may not depend on the platform, HTTP or any
 * feature: it is handed its worker pool.
 */
package cn.anxing.routing;
