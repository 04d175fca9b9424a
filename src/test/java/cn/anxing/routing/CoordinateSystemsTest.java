package cn.anxing.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Chinese map coordinates convert to and from WGS-84")
class CoordinateSystemsTest {

    private static final double EXACT = 1e-9;
    /** BD-09's published inverse is itself approximate, to about a decimetre. */
    private static final double BD09_INVERSE = 2e-6;

    // reference values published with wandergis/coordtransform, the implementation most
    // Chinese web code uses, for Tian'anmen (116.404, 39.915)
    @ParameterizedTest(name = "{0}: ({1},{2}) -> ({3},{4})")
    @DisplayName("Published reference conversions are reproduced")
    @CsvSource({
            "wgs84ToGcj02, 39.915, 116.404, 39.91640428150164, 116.41024449916938, 1e-9",
            "gcj02ToBd09,  39.915, 116.404, 39.92133699351021, 116.41036949371029, 1e-9",
            "bd09ToGcj02,  39.915, 116.404, 39.90865673957631, 116.39762729119315, 1e-9",
            "wgs84ToBd09,  39.915, 116.404, 39.922699552216216, 116.41662724378733, 1e-9",
            // their GCJ-02 inverse is one approximate step; ours iterates, so agree to ~2 m
            "gcj02ToWgs84, 39.915, 116.404, 39.91359571849836, 116.39775550083061, 2e-5",
    })
    void referencePairs(String conversion, double lat, double lon, double expectedLat,
                        double expectedLon, double tolerance) {
        LatLon in = new LatLon(lat, lon);
        LatLon out = switch (conversion) {
            case "wgs84ToGcj02" -> CoordinateSystems.wgs84ToGcj02(in);
            case "gcj02ToBd09" -> CoordinateSystems.gcj02ToBd09(in);
            case "bd09ToGcj02" -> CoordinateSystems.bd09ToGcj02(in);
            case "wgs84ToBd09" -> CoordinateSystems.wgs84ToBd09(in);
            case "gcj02ToWgs84" -> CoordinateSystems.gcj02ToWgs84(in);
            default -> throw new IllegalArgumentException(conversion);
        };
        assertEquals(expectedLat, out.lat(), tolerance);
        assertEquals(expectedLon, out.lon(), tolerance);
    }

    @ParameterizedTest(name = "({0},{1})")
    @DisplayName("Converting to GCJ-02 or BD-09 and back returns the WGS-84 point (GCJ-02 exactly, BD-09 to a decimetre)")
    @CsvSource({
            "30.6980, 121.0150",   // Pinghu
            "28.3000, 117.2200",   // Guixi
            "22.6900, 114.2100",   // Longgang
            "45.7500, 126.6300",   // Harbin
    })
    void roundTrips(double lat, double lon) {
        LatLon wgs = new LatLon(lat, lon);
        LatLon viaGcj = CoordinateSystems.gcj02ToWgs84(CoordinateSystems.wgs84ToGcj02(wgs));
        LatLon viaBd = CoordinateSystems.bd09ToWgs84(CoordinateSystems.wgs84ToBd09(wgs));
        assertEquals(lat, viaGcj.lat(), EXACT);
        assertEquals(lon, viaGcj.lon(), EXACT);
        assertEquals(lat, viaBd.lat(), BD09_INVERSE);
        assertEquals(lon, viaBd.lon(), BD09_INVERSE);
        double shift = Math.hypot(CoordinateSystems.wgs84ToGcj02(wgs).lat() - lat,
                CoordinateSystems.wgs84ToGcj02(wgs).lon() - lon);
        assertTrue(shift > 1e-3 && shift < 1e-2, "GCJ-02 shifts by 100-700 m: " + shift);
    }

    @ParameterizedTest(name = "({0},{1})")
    @DisplayName("Outside China GCJ-02 applies no offset")
    @CsvSource({
            "42.5063, 1.5218",    // Andorra
            "35.6895, 139.6917",  // Tokyo
            "55.7558, 37.6173",   // Moscow
    })
    void outsideChinaUnchanged(double lat, double lon) {
        LatLon point = new LatLon(lat, lon);
        assertTrue(CoordinateSystems.outOfChina(lat, lon));
        assertEquals(point, CoordinateSystems.wgs84ToGcj02(point));
        assertEquals(point, CoordinateSystems.gcj02ToWgs84(point));
    }
}
