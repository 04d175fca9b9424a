package cn.anxing.bus;

import cn.anxing.auth.PhoneNumbers;
import cn.anxing.error.DomainException;
import cn.anxing.routing.LatLon;
import cn.anxing.routing.MapBounds;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a household list line by line (导入检查) and says, for each problem, the line and the
 * column as the coordinator sees them in the file. Plain Java: the map's bounds and the
 * household numbers already registered are given, nothing is read or stored here.
 *
 * <p>Columns are found by their Chinese headers as schools name them (家庭编号, 学生姓名, 人数,
 * 家长电话, 地址, 纬度, 经度, 坐标系, and common variants); other columns (班级, 备注, …) are
 * ignored and listed. Coordinates are converted to WGS-84 from the system of the line's 坐标系
 * cell, else the one chosen for the file, else GCJ-02: what Amap and Tencent, the maps schools
 * most often copy positions from, give.
 */
public final class HouseholdImport {

    /** The most households one file may hold, as for a bulk registration. */
    public static final int MAX_ROWS = 5000;

    /** What kind of problem a line has; the page words each for the coordinator. */
    public enum ProblemKind {
        MISSING_FIELD, MALFORMED_PHONE, DUPLICATE_HOUSEHOLD, OUTSIDE_MAP, UNKNOWN_CRS,
        INVALID_VALUE
    }

    /**
     * A problem at a line and column: {@code column} is the spreadsheet letter (A, B, …),
     * {@code header} the column's heading in the file; the message is Chinese / English.
     */
    public record Problem(int line, String column, String header, ProblemKind kind,
                          String message) {
    }

    /** A line that passed: the household to store, and the system its position was given in. */
    public record Row(int line, String code, String studentNames, int students, String phone,
                      String address, LatLon location, CoordinateSystem crs) {
    }

    /**
     * The whole check: the lines that passed and the problems, how the file was read, which
     * coordinate system was taken for how many lines and why ({@code column}, {@code option}
     * or {@code default}), and the columns ignored.
     */
    public record Report(HouseholdSheet.Table table, List<Row> rows, List<Problem> problems,
                         Map<CoordinateSystem, Integer> crsCounts, String crsSource,
                         List<String> ignoredColumns) {
        public boolean clean() {
            return problems.isEmpty();
        }

        public int students() {
            return rows.stream().mapToInt(Row::students).sum();
        }

        public long unpinned() {
            return rows.stream().filter(r -> r.location() == null).count();
        }
    }

    private final MapBounds bounds;
    private final Set<String> registeredCodes;
    private final Optional<CoordinateSystem> chosen;

    /**
     * @param registeredCodes the 家庭编号 already registered at the school
     * @param chosen          the file's coordinate system as the coordinator chose it; empty
     *                        for automatic (the 坐标系 column, else GCJ-02)
     */
    public HouseholdImport(MapBounds bounds, Set<String> registeredCodes,
                           Optional<CoordinateSystem> chosen) {
        this.bounds = bounds;
        this.registeredCodes = registeredCodes;
        this.chosen = chosen;
    }

    /** "auto" or empty: none; else one of WGS84, GCJ02, BD09 or their Chinese names. */
    public static Optional<CoordinateSystem> option(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("auto")) {
            return Optional.empty();
        }
        return Optional.of(crs(value).orElseThrow(() -> new DomainException(
                cn.anxing.error.CommonError.VALIDATION_FAILED, "坐标系只能是自动、WGS84、GCJ02 或"
                + " BD09 / crs must be auto, WGS84, GCJ02 or BD09", "crs")));
    }

    /** A coordinate system by its code or by the map it came from (高德 and 腾讯 are GCJ-02). */
    static Optional<CoordinateSystem> crs(String text) {
        String key = text.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
        if (key.contains("百度") || key.startsWith("BD") || key.startsWith("BAIDU")) {
            return Optional.of(CoordinateSystem.BD09);
        }
        if (key.contains("高德") || key.contains("腾讯") || key.contains("国测局")
                || key.contains("火星") || key.startsWith("GCJ") || key.equals("AMAP")
                || key.equals("QQ") || key.equals("TENCENT")) {
            return Optional.of(CoordinateSystem.GCJ02);
        }
        if (key.startsWith("WGS") || key.equals("GPS") || key.contains("卫星定位")) {
            return Optional.of(CoordinateSystem.WGS84);
        }
        return CoordinateSystem.parse(key);
    }

    public Report check(HouseholdSheet.Table table) {
        List<HouseholdSheet.Line> lines = table.lines();
        if (lines.isEmpty()) {
            throw new DomainException(RegisterError.IMPORT_NO_HEADER, "文件中没有内容 / the file"
                    + " has no lines", "file");
        }
        if (lines.size() - 1 > MAX_ROWS) {
            throw new DomainException(RegisterError.IMPORT_TOO_MANY_ROWS, "一次最多导入 " + MAX_ROWS
                    + " 户，文件中有 " + (lines.size() - 1) + " 行 / at most " + MAX_ROWS
                    + " households per file", "file");
        }
        if (lines.size() == 1) {
            throw new DomainException(RegisterError.IMPORT_NO_HEADER, "文件只有表头，没有家庭 /"
                    + " the file has a header line and no household", "file");
        }
        HouseholdSheet.Line head = lines.get(0);
        Map<HouseholdColumn, Integer> at = new EnumMap<>(HouseholdColumn.class);
        List<String> ignored = new ArrayList<>();
        for (int c = 0; c < head.cells().size(); c++) {
            String name = head.cell(c);
            Optional<HouseholdColumn> column = HouseholdColumn.find(name);
            if (column.isPresent() && !at.containsKey(column.get())) {
                at.put(column.get(), c);
            } else if (!name.isBlank()) {
                ignored.add(name);
            }
        }
        requireColumns(at, head);
        var checker = new LineChecker(at, head);
        for (HouseholdSheet.Line line : lines.subList(1, lines.size())) {
            checker.check(line);
        }
        String source = at.containsKey(HouseholdColumn.CRS) ? "column"
                : chosen.isPresent() ? "option" : "default";
        return new Report(table, checker.rows, checker.problems, checker.crsCounts, source,
                ignored);
    }

    private static void requireColumns(Map<HouseholdColumn, Integer> at,
                                       HouseholdSheet.Line head) {
        List<String> missing = new ArrayList<>();
        if (!at.containsKey(HouseholdColumn.CODE)) {
            missing.add(HouseholdColumn.CODE.header);
        }
        if (!at.containsKey(HouseholdColumn.PHONE)) {
            missing.add(HouseholdColumn.PHONE.header);
        }
        if (!at.containsKey(HouseholdColumn.NAMES) && !at.containsKey(HouseholdColumn.STUDENTS)) {
            missing.add(HouseholdColumn.NAMES.header + "或" + HouseholdColumn.STUDENTS.header);
        }
        boolean position = at.containsKey(HouseholdColumn.LAT)
                && at.containsKey(HouseholdColumn.LON);
        if (!position && !at.containsKey(HouseholdColumn.ADDRESS)) {
            missing.add(HouseholdColumn.ADDRESS.header + "或" + HouseholdColumn.LAT.header + "、"
                    + HouseholdColumn.LON.header);
        }
        if (!missing.isEmpty()) {
            throw new DomainException(RegisterError.IMPORT_NO_HEADER, "第 " + head.number()
                    + " 行应为表头，缺少列：" + String.join("，", missing) + "（可下载模板对照）/ the header"
                    + " line lacks columns: " + String.join(", ", missing), "file");
        }
    }

    /** Checks one line after another, remembering codes and homes seen for duplicates. */
    private final class LineChecker {
        final Map<HouseholdColumn, Integer> at;
        final HouseholdSheet.Line head;
        final List<Row> rows = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        final Map<CoordinateSystem, Integer> crsCounts = new LinkedHashMap<>();
        final Map<String, Integer> codes = new HashMap<>();
        final Map<String, Integer> homes = new HashMap<>();
        HouseholdSheet.Line line;
        int before;

        LineChecker(Map<HouseholdColumn, Integer> at, HouseholdSheet.Line head) {
            this.at = at;
            this.head = head;
        }

        void check(HouseholdSheet.Line current) {
            line = current;
            before = problems.size();
            String code = required(HouseholdColumn.CODE, "家庭编号", "household number");
            String names = value(HouseholdColumn.NAMES);
            int students = students(names);
            String phone = phone();
            String address = value(HouseholdColumn.ADDRESS);
            CoordinateSystem crs = crsOfLine();
            LatLon location = location(crs, address);
            if (code != null) {
                duplicates(code, phone, address, location);
            }
            if (problems.size() == before) {
                rows.add(new Row(line.number(), code, names.isEmpty() ? null : names, students,
                        phone, address.isEmpty() ? null : address, location, crs));
                if (location != null) {
                    crsCounts.merge(crs, 1, Integer::sum);
                }
            }
        }

        String value(HouseholdColumn column) {
            Integer c = at.get(column);
            return c == null ? "" : line.cell(c);
        }

        void problem(HouseholdColumn column, ProblemKind kind, String message) {
            int c = at.getOrDefault(column, 0);
            problems.add(new Problem(line.number(), HouseholdColumn.letter(c), head.cell(c),
                    kind, message));
        }

        String required(HouseholdColumn column, String zh, String en) {
            String v = value(column);
            if (v.isEmpty()) {
                problem(column, ProblemKind.MISSING_FIELD, "缺少" + zh + " / " + en + " is missing");
                return null;
            }
            return v;
        }

        int students(String names) {
            String given = value(HouseholdColumn.STUDENTS);
            int named = names.isEmpty() ? 0 : names.split("[、,，;；/\\s]+").length;
            if (given.isEmpty()) {
                if (named == 0) {
                    problem(at.containsKey(HouseholdColumn.NAMES) ? HouseholdColumn.NAMES
                            : HouseholdColumn.STUDENTS,
                            ProblemKind.MISSING_FIELD, "缺少学生姓名或人数 / the students' names or"
                            + " their number is missing");
                }
                return Math.max(named, 1);
            }
            try {
                int n = Integer.parseInt(given.replaceAll("[人名\\s]", ""));
                if (n < 1 || n > 20) {
                    problem(HouseholdColumn.STUDENTS, ProblemKind.INVALID_VALUE, "人数应在 1 到 20 之间，"
                            + "这里是 " + given + " / students must be 1 to 20");
                }
                return n;
            } catch (NumberFormatException e) {
                problem(HouseholdColumn.STUDENTS, ProblemKind.INVALID_VALUE, "人数应为整数，这里是“" + given
                        + "” / students must be a whole number");
                return 1;
            }
        }

        String phone() {
            String raw = required(HouseholdColumn.PHONE, "家长电话", "parent phone");
            if (raw == null) {
                return null;
            }
            try {
                return PhoneNumbers.normalise(raw, "parentPhone");
            } catch (DomainException e) {
                problem(HouseholdColumn.PHONE, ProblemKind.MALFORMED_PHONE, "家长电话“" + raw
                        + "”不是 11 位手机号 / not an 11-digit mobile number");
                return null;
            }
        }

        CoordinateSystem crsOfLine() {
            String cell = value(HouseholdColumn.CRS);
            if (cell.isEmpty()) {
                return chosen.orElse(CoordinateSystem.GCJ02);
            }
            Optional<CoordinateSystem> crs = crs(cell);
            if (crs.isEmpty()) {
                problem(HouseholdColumn.CRS, ProblemKind.UNKNOWN_CRS, "不认识坐标系“" + cell + "”，应为"
                        + " WGS84、GCJ02（高德、腾讯）或 BD09（百度） / unknown coordinate system");
                return chosen.orElse(CoordinateSystem.GCJ02);
            }
            return crs.get();
        }

        /** The WGS-84 position, or null for a household given by its address only. */
        LatLon location(CoordinateSystem crs, String address) {
            String lat = value(HouseholdColumn.LAT);
            String lon = value(HouseholdColumn.LON);
            if (lat.isEmpty() && lon.isEmpty()) {
                if (address.isEmpty()) {
                    problem(at.containsKey(HouseholdColumn.ADDRESS) ? HouseholdColumn.ADDRESS
                            : HouseholdColumn.LAT,
                            ProblemKind.MISSING_FIELD, "缺少地址或经纬度 / the address or the"
                            + " position is missing");
                }
                return null;
            }
            Double la = number(HouseholdColumn.LAT, lat, "纬度", "latitude");
            Double lo = number(HouseholdColumn.LON, lon, "经度", "longitude");
            if (la == null || lo == null) {
                return null;
            }
            if (Math.abs(la) > 90 || Math.abs(lo) > 180) {
                problem(Math.abs(la) > 90 ? HouseholdColumn.LAT : HouseholdColumn.LON,
                        ProblemKind.INVALID_VALUE,
                        "纬度应在 ±90、经度在 ±180 以内，可能填反了 / not a latitude and longitude;"
                        + " swapped?");
                return null;
            }
            LatLon wgs = crs.toWgs84(new LatLon(la, lo));
            if (wgs.lat() < bounds.minLat() || wgs.lat() > bounds.maxLat()) {
                problem(HouseholdColumn.LAT, ProblemKind.OUTSIDE_MAP, outside("纬度", lat,
                        bounds.minLat(), bounds.maxLat(), "latitude"));
                return null;
            }
            if (wgs.lon() < bounds.minLon() || wgs.lon() > bounds.maxLon()) {
                problem(HouseholdColumn.LON, ProblemKind.OUTSIDE_MAP, outside("经度", lon,
                        bounds.minLon(), bounds.maxLon(), "longitude"));
                return null;
            }
            return wgs;
        }

        /** The value as written, and the map's range it misses (after conversion). */
        String outside(String zh, String given, double min, double max, String en) {
            String range = String.format(Locale.ROOT, "%.2f–%.2f", min, max);
            return zh + " " + given + " 不在本地图范围内（地图" + zh + " " + range + "），请核对是否填错或"
                    + "坐标系不对 / " + en + " " + given + " is outside the map (" + range + ")";
        }

        Double number(HouseholdColumn column, String text, String zh, String en) {
            if (text.isEmpty()) {
                problem(column, ProblemKind.MISSING_FIELD, "缺少" + zh + " / " + en
                        + " is missing");
                return null;
            }
            try {
                double v = Double.parseDouble(text.replace('，', '.'));
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(column, ProblemKind.INVALID_VALUE, zh + "应为数字，这里是“" + text + "” / "
                    + en + " must be a number");
            return null;
        }

        void duplicates(String code, String phone, String address, LatLon location) {
            Integer first = codes.putIfAbsent(code, line.number());
            if (first != null) {
                problem(HouseholdColumn.CODE, ProblemKind.DUPLICATE_HOUSEHOLD, "家庭编号 " + code
                        + " 与第 " + first + " 行重复 / the same household number as line " + first);
                return;
            }
            if (registeredCodes.contains(code)) {
                problem(HouseholdColumn.CODE, ProblemKind.DUPLICATE_HOUSEHOLD, "家庭编号 " + code
                        + " 已在本校登记 / household " + code + " is already registered");
                return;
            }
            if (phone == null) {
                return;
            }
            String home = phone + "|" + (location != null ? String.format(Locale.ROOT,
                    "%.5f,%.5f", location.lat(), location.lon()) : address);
            Integer same = homes.putIfAbsent(home, line.number());
            if (same != null) {
                problem(HouseholdColumn.CODE, ProblemKind.DUPLICATE_HOUSEHOLD, "与第 " + same
                        + " 行是同一家庭（家长电话和住址相同），请合并为一行 / the same parent and home as"
                        + " line " + same);
            }
        }
    }
}
