package cn.anxing.bus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The route sheet and the stop list as CSV for Excel: UTF-8 with a byte order mark (without
 * it Excel reads Chinese as GBK), CRLF line ends, fields quoted when they need it (RFC 4180).
 */
final class BusCsv {

    private static final String BOM = "\uFEFF";

    private BusCsv() {
    }

    /**
     * A row per household at each stop (a stop nobody uses has one row), the school as the
     * first row in the evening and the last in the morning.
     */
    static byte[] routeSheet(PrintModel.Sheet s, String schoolName) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("线路", "班次", "车牌", "司机", "司机电话", "序号", "站点", "时间",
                "上下车", "学生", "人数", "家长电话", "前往本站的行车指引"));
        List<String> bus = List.of(s.lineName(), s.runName(), s.plate(), text(s.driver()),
                text(s.driverPhone()));
        boolean evening = s.runName().startsWith("晚");
        if (evening) {
            rows.add(join(bus, "0", schoolName, s.start(), "上车", "", String.valueOf(
                    s.students()), "", ""));
        }
        for (PrintModel.SheetStop stop : s.stops()) {
            String directions = String.join("；", stop.directions());
            if (stop.riders().isEmpty()) {
                rows.add(join(bus, String.valueOf(stop.sequence()), stop.name(), stop.time(),
                        stop.action(), "", "0", "", directions));
            }
            for (PrintModel.Rider r : stop.riders()) {
                rows.add(join(bus, String.valueOf(stop.sequence()), stop.name(), stop.time(),
                        stop.action(), r.names(), String.valueOf(r.students()),
                        text(r.parentPhone()), directions));
            }
        }
        if (!evening) {
            rows.add(join(bus, String.valueOf(s.stops().size() + 1), schoolName, s.end(),
                    "下车", "", String.valueOf(s.students()), "",
                    String.join("；", s.toSchool())));
        }
        return csv(rows);
    }

    /** A row per stop: its evening and morning line, bus and time, and how many use it. */
    static byte[] stopList(PrintModel.StopList list) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("站点编号", "站点", "道路", "晚班线路", "晚班车牌", "晚班到站", "早班线路",
                "早班车牌", "早班到站", "学生人数", "家庭数"));
        for (PrintModel.StopRow r : list.rows()) {
            rows.add(List.of(r.id(), r.name(), text(r.road()), text(r.eveningLine()),
                    text(r.eveningPlate()), text(r.eveningTime()), text(r.morningLine()),
                    text(r.morningPlate()), text(r.morningTime()),
                    String.valueOf(r.students()), String.valueOf(r.households())));
        }
        return csv(rows);
    }

    private static List<String> join(List<String> first, String... rest) {
        List<String> row = new ArrayList<>(first);
        row.addAll(List.of(rest));
        return row;
    }

    private static byte[] csv(List<List<String>> rows) {
        StringBuilder out = new StringBuilder(BOM);
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(field(row.get(i)));
            }
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Quoted when it holds a comma, quote or line break; a leading = + - @ is kept as text, so
     * a name cannot become an Excel formula.
     */
    static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
