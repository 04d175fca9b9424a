package cn.anxing.routing;

/**
 * A place on the road a school bus could stop at (候选站点): on a road the bus profile may
 * drive and a child may walk along, in the main road network, never on a motorway, trunk road or ramp.
 *
 * @param point          the point on the road, WGS-84
 * @param roadName       the road's name, empty if it has none
 * @param roadClass      the road's OSM highway class
 * @param straightLineMetres distance as the crow flies from the point asked about; walking
 *                       distance comes from a foot {@code matrix}
 */
public record StopCandidate(LatLon point, String roadName, String roadClass,
                            double straightLineMetres) {
}
