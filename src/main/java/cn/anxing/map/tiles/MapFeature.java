package cn.anxing.map.tiles;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One thing drawn on the base map: its layer, its geometry in Web Mercator units (0..1 across
 * the world, y down, as tiles count), the attributes the style reads, and the first zoom it
 * shows at.
 */
public record MapFeature(String layer, Geometry geometry, Map<String, Object> properties,
                         int minZoom) {
}
