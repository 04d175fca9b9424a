package cn.anxing.routing;

/**
 * Conversions between WGS-84 (GPS, OpenStreetMap), GCJ-02 (国测局坐标, used by Amap and Tencent)
 * and BD-09 (百度坐标). Addresses a school exports from a Chinese web map are GCJ-02 or BD-09
 * and sit 100-700 m off the OSM roads until converted.
 *
 * <p>GCJ-02 is only defined inside China; outside the usual rough box the published algorithm
 * leaves points unchanged, and so do we. The inverse of GCJ-02 has no closed form: it is
 * solved by fixed-point iteration to well under a centimetre, not by the common one-step
 * approximation that can be a metre off.
 */
public final class CoordinateSystems {

    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;
    private static final double X_PI = Math.PI * 3000.0 / 180.0;

    private CoordinateSystems() {
    }

    /** The rough box outside which GCJ-02 applies no offset. */
    public static boolean outOfChina(double lat, double lon) {
        return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    public static LatLon wgs84ToGcj02(LatLon wgs) {
        if (outOfChina(wgs.lat(), wgs.lon())) {
            return wgs;
        }
        double[] d = offset(wgs.lat(), wgs.lon());
        return new LatLon(wgs.lat() + d[0], wgs.lon() + d[1]);
    }

    public static LatLon gcj02ToWgs84(LatLon gcj) {
        if (outOfChina(gcj.lat(), gcj.lon())) {
            return gcj;
        }
        double lat = gcj.lat();
        double lon = gcj.lon();
        for (int i = 0; i < 10; i++) {
            LatLon back = wgs84ToGcj02(new LatLon(lat, lon));
            double dLat = back.lat() - gcj.lat();
            double dLon = back.lon() - gcj.lon();
            lat -= dLat;
            lon -= dLon;
            if (Math.abs(dLat) < 1e-10 && Math.abs(dLon) < 1e-10) {
                break;
            }
        }
        return new LatLon(lat, lon);
    }

    public static LatLon gcj02ToBd09(LatLon gcj) {
        double x = gcj.lon();
        double y = gcj.lat();
        double z = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * X_PI);
        return new LatLon(z * Math.sin(theta) + 0.006, z * Math.cos(theta) + 0.0065);
    }

    public static LatLon bd09ToGcj02(LatLon bd) {
        double x = bd.lon() - 0.0065;
        double y = bd.lat() - 0.006;
        double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
        return new LatLon(z * Math.sin(theta), z * Math.cos(theta));
    }

    public static LatLon bd09ToWgs84(LatLon bd) {
        return gcj02ToWgs84(bd09ToGcj02(bd));
    }

    public static LatLon wgs84ToBd09(LatLon wgs) {
        return gcj02ToBd09(wgs84ToGcj02(wgs));
    }

    /** The GCJ-02 offset (dLat, dLon) in degrees at a WGS-84 point. */
    private static double[] offset(double lat, double lon) {
        double x = lon - 105.0;
        double y = lat - 35.0;
        double dLat = transformLat(x, y);
        double dLon = transformLon(x, y);
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {dLat, dLon};
    }

    private static double transformLat(double x, double y) {
        double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y
                + 0.2 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0
                / 3.0;
        return ret;
    }

    private static double transformLon(double x, double y) {
        double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y
                + 0.1 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0
                / 3.0;
        return ret;
    }
}
