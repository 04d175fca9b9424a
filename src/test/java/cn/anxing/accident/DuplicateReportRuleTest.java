package cn.anxing.accident;

import cn.anxing.accident.DuplicateReportRule.Candidate;
import cn.anxing.accident.DuplicateReportRule.NewReport;
import cn.anxing.accident.DuplicateReportRule.OpenCase;
import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.routing.LatLon;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DuplicateReportRuleTest {

    /** Pinghu, by the city hall. */
    private static final LatLon HERE = new LatLon(30.6760, 121.0150);
    private static final Instant NOW = Instant.parse("2026-11-29T01:30:00Z");
    private static final double METRES_PER_DEGREE_LAT = 6_371_008.8 * Math.PI / 180;

    private static LatLon north(double metres) {
        return new LatLon(HERE.lat() + metres / METRES_PER_DEGREE_LAT, HERE.lon());
    }

    private static Set<PlateNumber> plates(String list) {
        return Arrays.stream(list.split(" ")).map(PlateNumber::parse).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("Haversine distance: 0.01 degree of latitude is about 1112 m, Pinghu to Jiaxing about 28 km")
    void haversine() {
        assertEquals(1111.95, HERE.distanceMetres(new LatLon(30.6860, 121.0150)), 0.1);
        // Jiaxing railway station (30.7640, 120.7560): straight-line distance ~ 26.6 km
        double km = HERE.distanceMetres(new LatLon(30.7640, 120.7560)) / 1000;
        assertEquals(26.6, km, 0.3);
    }

    @ParameterizedTest(name = "{0} m away, {1} min apart, plates [{2}] -> offered {3}")
    @CsvSource({
            "0,   0,   浙F12345,          true",
            "150, 10,  浙F12345,          true",
            "199, 29,  浙FD12345 沪A88888, true",
            "199.5, 30, 浙F12345,          true",
            "210, 5,   浙F12345,          false",
            "50,  31,  浙F12345,          false",
            "50,  -20, 浙F12345,          true",
            "50,  5,   浙F99999,          false",
            "50,  5,   浙F99999 浙F12345,  true",
    })
    @DisplayName("A new report is offered an open case within 200 m and 30 minutes that shares a plate")
    void defaultsTable(double metres, long minutes, String reportPlates, boolean offered) {
        OpenCase open = new OpenCase("c-1", NOW, HERE, plates("浙F12345 浙FD12345"));
        NewReport report = new NewReport(NOW.plus(Duration.ofMinutes(minutes)), north(metres),
                plates(reportPlates));
        List<Candidate> found = DuplicateReportRule.defaults().candidates(report, List.of(open));
        assertEquals(offered, found.size() == 1);
    }

    @Test
    @DisplayName("Several candidates come nearest first, with their distance and time apart")
    void nearestFirst() {
        Set<PlateNumber> p = plates("浙F12345");
        List<OpenCase> open = List.of(
                new OpenCase("far", NOW, north(180), p),
                new OpenCase("near", NOW.minus(Duration.ofMinutes(12)), north(20), p),
                new OpenCase("too-far", NOW, north(400), p));
        List<Candidate> found = DuplicateReportRule.defaults()
                .candidates(new NewReport(NOW, HERE, p), open);
        assertEquals(List.of("near", "far"), found.stream().map(c -> c.openCase().caseId()).toList());
        assertEquals(20, found.get(0).distanceMetres(), 0.5);
        assertEquals(Duration.ofMinutes(12), found.get(0).timeApart());
    }

    @Test
    @DisplayName("The distance and the window are parameters")
    void parameters() {
        Set<PlateNumber> p = plates("浙F12345");
        OpenCase open = new OpenCase("c", NOW, north(450), p);
        NewReport report = new NewReport(NOW.plus(Duration.ofMinutes(50)), HERE, p);
        assertEquals(0, DuplicateReportRule.defaults().candidates(report, List.of(open)).size());
        assertEquals(1, new DuplicateReportRule(500, Duration.ofHours(1))
                .candidates(report, List.of(open)).size());
    }
}
