package cn.anxing.routing;

import java.util.List;

/**
 * One simplified road segment for the pages to draw our own base map with Leaflet: the
 * intranet has no tile server, so the roads are the map.
 */
public record RoadLine(String name, String roadClass, boolean link, List<LatLon> points) {

    public RoadLine {
        points = List.copyOf(points);
    }
}
