package cn.anxing.bus;

import cn.anxing.routing.CoordinateSystems;
import cn.anxing.routing.LatLon;
import java.util.Locale;
import java.util.Optional;

/**
 * The coordinate system a registration is given in (the {@code crs} field). Schools export
 * addresses from Chinese web maps: Amap and Tencent give GCJ-02 (国测局坐标), Baidu BD-09
 * (百度坐标); they sit hundreds of metres off the OSM roads until converted to WGS-84.
 */
public enum CoordinateSystem {
    WGS84,
    GCJ02,
    BD09;

    public LatLon toWgs84(LatLon point) {
        return switch (this) {
            case WGS84 -> point;
            case GCJ02 -> CoordinateSystems.gcj02ToWgs84(point);
            case BD09 -> CoordinateSystems.bd09ToWgs84(point);
        };
    }

    /** Accepts "WGS84", "wgs-84", "GCJ02", "gcj-02", "BD09", "bd-09" and the like. */
    public static Optional<CoordinateSystem> parse(String name) {
        String key = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        for (CoordinateSystem crs : values()) {
            if (crs.name().equals(key)) {
                return Optional.of(crs);
            }
        }
        return Optional.empty();
    }
}
