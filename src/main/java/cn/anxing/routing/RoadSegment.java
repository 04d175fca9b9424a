package cn.anxing.routing;

import java.util.List;

/**
 * One road segment of the graph (路段): a GraphHopper edge from junction to junction, with the
 * OpenStreetMap way it was cut from, and where a point was snapped onto it.
 *
 * @param edgeId         the GraphHopper edge id; stable for one import of one map file
 * @param osmWayId       the OSM way the edge belongs to (several edges share a way)
 * @param roadName       the way's name; empty if it has none
 * @param roadClass      the OSM highway class in lower case
 * @param geometry       the edge's full geometry, WGS-84, from its base node to its adjacent node
 * @param snapped        the point moved onto the edge
 * @param distanceMetres how far the asked-for point was from the edge
 */
public record RoadSegment(int edgeId, long osmWayId, String roadName, String roadClass,
                          List<LatLon> geometry, LatLon snapped, double distanceMetres) {

    public RoadSegment {
        geometry = List.copyOf(geometry);
    }
}
