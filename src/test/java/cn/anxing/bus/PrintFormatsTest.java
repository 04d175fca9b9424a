package cn.anxing.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.routing.LatLon;
import cn.anxing.routing.Route;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("How printed directions, stop names and CSV fields are written")
class PrintFormatsTest {

    @ParameterizedTest(name = "{0} m is said {1}")
    @CsvSource({"0, 10 米", "4, 10 米", "86, 90 米", "350, 350 米", "999, 1.0 公里",
        "1000, 1.0 公里", "1234, 1.2 公里", "15080, 15.1 公里"})
    @DisplayName("Distances are in 米 to ten metres, then in 公里 to a tenth")
    void distances(double metres, String said) {
        assertEquals(said, Directions.distance(metres));
    }

    @Test
    @DisplayName("The first step sets off, via points and the finish are said as the stop"
            + " reached; other steps keep GraphHopper's Chinese with their distance")
    void viaPointsBecomeStops() {
        LatLon at = new LatLon(28.29, 117.2);
        List<Route.Instruction> steps = List.of(
                new Route.Instruction(0, "建设路", "继续行驶到 建设路", "continue onto 建设路", 420,
                        60, at),
                new Route.Instruction(5, "", "中途点 1", "waypoint 1", 0, 0, at),
                new Route.Instruction(-2, "贵溪大道", "左转到 贵溪大道", "turn left onto 贵溪大道",
                        1300, 90, at),
                new Route.Instruction(4, "", "到达终点", "arrive at destination", 0, 0, at));
        List<BusPlan.Step> said = Directions.steps(steps, List.of("学校", "建设路与永泰路口",
                "贵溪市第四中学"));
        assertEquals(List.of("出发，沿 建设路 行驶", "到达 建设路与永泰路口", "左转到 贵溪大道",
                "到达 贵溪市第四中学"), said.stream().map(BusPlan.Step::textZh).toList());
        assertEquals("左转到 贵溪大道，行驶 1.3 公里", Directions.said("左转到 贵溪大道", 1300));
        assertEquals("到达 贵溪市第四中学", Directions.said("到达 贵溪市第四中学", 0));
        assertEquals("出发，沿 建设路 行驶 420 米", Directions.said(said.get(0).textZh(), 420));
        // on foot the same steps are walked, not driven
        List<BusPlan.Step> walked = Directions.steps(steps, List.of("家", "建设路与永泰路口",
                "贵溪市第四中学"), Directions.WALK);
        assertEquals("出发，沿 建设路 步行 420 米", Directions.said(walked.get(0).textZh(), 420,
                Directions.WALK));
        assertEquals("左转到 贵溪大道，步行 80 米", Directions.said("左转到 贵溪大道", 80,
                Directions.WALK));
        assertTrue(Directions.isArrival("中途点 3"), "older plans' via points are cut too");
    }

    @ParameterizedTest(name = "{0} and {1}: {2}")
    @CsvSource({"学院路, 人民路, 学院路与人民路口", "建设路, 贵溪大道, 建设路与贵溪大道路口"})
    @DisplayName("A corner is named after both roads")
    void corners(String road, String cross, String name) {
        assertEquals(name, StopNames.corner(road, cross));
    }

    @ParameterizedTest(name = "{2}, {3} from the corner is {4} / {5}")
    @CsvSource({"28.3, 117.2, 0.001, 0, 北, 北", "28.3, 117.2, 0, 0.001, 东, 东",
        "28.3, 117.2, -0.001, -0.0002, 南, 南", "28.3, 117.2, 0.001, -0.0011, 北, 西北"})
    @DisplayName("A stop's side of its corner is one of four, or of eight when four do not do")
    void sides(double lat, double lon, double dLat, double dLon, String four, String eight) {
        LatLon from = new LatLon(lat, lon);
        LatLon to = new LatLon(lat + dLat, lon + dLon);
        assertEquals(four, StopNames.direction(from, to, false));
        assertEquals(eight, StopNames.direction(from, to, true));
    }

    @Test
    @DisplayName("CSV fields are quoted when they must be, and never start a formula")
    void csvFields() {
        assertEquals("张三", BusCsv.field("张三"));
        assertEquals("\"张三,李四\"", BusCsv.field("张三,李四"));
        assertEquals("\"say \"\"hi\"\"\"", BusCsv.field("say \"hi\""));
        assertEquals("'=1+1", BusCsv.field("=1+1"));
        assertEquals("", BusCsv.field(null));
    }
}
