package cn.anxing.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.error.DomainException;
import cn.anxing.routing.LatLon;
import cn.anxing.routing.MapBounds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("A school's household list is read and checked line by line")
class HouseholdImportTest {

    /** Around the demo school in Guixi; the server takes the map's own bounds. */
    private static final MapBounds GUIXI = new MapBounds(28.25, 117.15, 28.35, 117.26);
    /** All of China, for the published conversion pairs (Shanghai, Shenzhen, Beijing, …). */
    private static final MapBounds CHINA = new MapBounds(18, 73, 54, 135);
    private static final String HEAD = "家庭编号,学生姓名,人数,家长电话,地址,纬度,经度,坐标系\n";

    private static HouseholdImport.Report check(String csv, MapBounds bounds) {
        return new HouseholdImport(bounds, Set.of("H900"), Optional.empty())
                .check(HouseholdSheet.read(csv.getBytes(StandardCharsets.UTF_8), "auto"));
    }

    @ParameterizedTest(name = "{0}: line {1} column {2}")
    @DisplayName("Each kind of problem is reported at its line and column; the line is left out")
    @CsvSource(delimiter = '|', value = {
        "MISSING_FIELD       | 3 | A | ,王五,1,13900000003,某小区,28.3,117.2,WGS84",
        "MISSING_FIELD       | 3 | D | H3,王五,1,,某小区,28.3,117.2,WGS84",
        "MISSING_FIELD       | 3 | E | H3,王五,1,13900000003,,,,",
        "MALFORMED_PHONE     | 3 | D | H3,王五,1,1390000,某小区,28.3,117.2,WGS84",
        "MALFORMED_PHONE     | 3 | D | H3,王五,1,23900000003,某小区,28.3,117.2,WGS84",
        "DUPLICATE_HOUSEHOLD | 3 | A | H1,王五,1,13900000003,某小区,28.3,117.2,WGS84",
        "DUPLICATE_HOUSEHOLD | 3 | A | H900,王五,1,13900000003,某小区,28.3,117.2,WGS84",
        "DUPLICATE_HOUSEHOLD | 3 | A | H3,张三,1,13900000001,,28.30,117.20,WGS84",
        "OUTSIDE_MAP         | 3 | F | H3,王五,1,13900000003,某小区,30.3,117.2,WGS84",
        "OUTSIDE_MAP         | 3 | G | H3,王五,1,13900000003,某小区,28.3,119.2,WGS84",
        "UNKNOWN_CRS         | 3 | H | H3,王五,1,13900000003,某小区,28.3,117.2,UTM",
        "INVALID_VALUE       | 3 | C | H3,王五,二,13900000003,某小区,28.3,117.2,WGS84",
        "INVALID_VALUE       | 3 | F | H3,王五,1,13900000003,某小区,北纬28,117.2,WGS84",
    })
    void problems(HouseholdImport.ProblemKind kind, int line, String column, String bad) {
        var report = check(HEAD + "H1,张三,1,13900000001,,28.30,117.20,WGS84\n" + bad + "\n",
                GUIXI);
        assertEquals(1, report.problems().size(), report.problems().toString());
        var problem = report.problems().get(0);
        assertEquals(kind, problem.kind());
        assertEquals(line, problem.line());
        assertEquals(column, problem.column());
        assertEquals(List.of(2), report.rows().stream().map(HouseholdImport.Row::line).toList());
    }

    @Test
    @DisplayName("A line's number counts the lines a quoted address spans and the blank lines")
    void lineNumbers() {
        var report = check(HEAD + "H1,\"张三,张四\",2,13900000001,\"一号楼\n二单元\",28.3,117.2,WGS84\n"
                + "\n" + "H2,李四,1,139,,28.3,117.2,WGS84\n", GUIXI);
        assertEquals("张三,张四", report.rows().get(0).studentNames());
        assertEquals("一号楼\n二单元", report.rows().get(0).address());
        assertEquals(5, report.problems().get(0).line());
    }

    @Test
    @DisplayName("A household with an address and no position is accepted, to be pinned on the map")
    void addressOnly() {
        var report = check(HEAD + "H1,张三、张四,,13900000001,东湖小区 3 幢,,,\n", GUIXI);
        assertTrue(report.clean());
        assertNull(report.rows().get(0).location());
        assertEquals(2, report.rows().get(0).students(), "the number of names when 人数 is empty");
        assertEquals(1, report.unpinned());
    }

    @Test
    @DisplayName("A header without the household number or the phone is refused naming the columns")
    void missingColumns() {
        var e = assertThrows(DomainException.class, () -> check("姓名,地址\n张三,某地\n", GUIXI));
        assertEquals(RegisterError.IMPORT_NO_HEADER, e.code());
        assertTrue(e.getMessage().contains("家庭编号") && e.getMessage().contains("家长电话"),
                e.getMessage());
    }

    // Published pairs: googollee/eviltransform python/test.py (WGS-84 -> GCJ-02 for Shanghai,
    // Shenzhen and Beijing), hujiulong/gcoord test/unit/crs/GCJ02.spec.js (GCJ-02 (45, 123) ->
    // WGS-84) and test/unit/crs/BD09.spec.js (BD-09 (45, 123) -> WGS-84). eviltransform's own
    // BD-09 pairs are not used: its bd2wgs ends in the one-step GCJ-02 inverse, metres off.
    @ParameterizedTest(name = "{0} ({1}, {2}) is WGS-84 ({3}, {4})")
    @DisplayName("GCJ-02 and BD-09 positions are stored as WGS-84 within 1 m of published pairs")
    @CsvSource({
        "GCJ02, 31.17530398364597, 121.531541859215,   31.1774276, 121.5272106",
        "GCJ02, 22.540796131694766, 113.9171764808363, 22.543847, 113.912316",
        "GCJ02, 39.91334545536069, 116.38404722455657, 39.911954, 116.377817",
        "GCJ02, 45.0, 123.0,                            44.99804071, 122.99395597",
        "高德,   39.91334545536069, 116.38404722455657, 39.911954, 116.377817",
        "BD09,  45.0, 123.0,                            44.99171540, 122.98762210",
        "百度,   45.0, 123.0,                            44.99171540, 122.98762210",
        "WGS84, 29.210504, 120.036455,                  29.210504, 120.036455",
    })
    void conversions(String crs, double lat, double lon, double wgsLat, double wgsLon) {
        var report = check(HEAD + "H1,张三,1,13900000001,," + lat + "," + lon + "," + crs + "\n",
                CHINA);
        LatLon stored = report.rows().get(0).location();
        double metres = stored.distanceMetres(new LatLon(wgsLat, wgsLon));
        assertTrue(metres < 1.0, crs + " is " + metres + " m off");
    }

    @Test
    @DisplayName("Without a 坐标系 column the chosen system is taken, and GCJ-02 when none is chosen")
    void crsAssumed() {
        String csv = "家庭编号,学生姓名,家长电话,纬度,经度\nH1,张三,13900000001,28.3,117.2\n";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        var assumed = new HouseholdImport(GUIXI, Set.of(), Optional.empty())
                .check(HouseholdSheet.read(bytes, "auto"));
        assertEquals("default", assumed.crsSource());
        assertEquals(CoordinateSystem.GCJ02, assumed.rows().get(0).crs());
        var chosen = new HouseholdImport(GUIXI, Set.of(), Optional.of(CoordinateSystem.WGS84))
                .check(HouseholdSheet.read(bytes, "auto"));
        assertEquals("option", chosen.crsSource());
        assertEquals(new LatLon(28.3, 117.2), chosen.rows().get(0).location());
    }

    @ParameterizedTest(name = "{0} read as {1}")
    @DisplayName("CSV in UTF-8 with or without BOM, GBK and GB18030 is read; the encoding is found")
    @CsvSource({
        "UTF-8-BOM, auto,    UTF-8",
        "UTF-8,     auto,    UTF-8",
        "GBK,       auto,    GB18030",
        "GBK,       GBK,     GBK",
        "GB18030,   auto,    GB18030",
        "GB18030,   GB18030, GB18030",
    })
    void encodings(String written, String chosen, String read) {
        // 䶮 (the name of the Southern Han founder) is outside GBK: GB18030 alone encodes it
        String name = written.equals("GB18030") ? "刘䶮" : "刘岩";
        String csv = HEAD + "H1," + name + ",1,13900000001,桂溪路 8 号,,,\n";
        byte[] bytes = written.equals("UTF-8-BOM")
                ? ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8)
                : csv.getBytes(Charset.forName(written));
        var table = HouseholdSheet.read(bytes, chosen);
        assertEquals(read, table.encoding());
        var report = new HouseholdImport(GUIXI, Set.of(), Optional.empty()).check(table);
        assertTrue(report.clean(), report.problems().toString());
        assertEquals(name, report.rows().get(0).studentNames());
        assertEquals("桂溪路 8 号", report.rows().get(0).address());
    }

    @Test
    @DisplayName("A file that is not in the chosen encoding is refused naming the encoding")
    void wrongEncoding() {
        byte[] gbk = (HEAD + "H1,刘岩,1,13900000001,桂溪路,,,\n").getBytes(Charset.forName("GBK"));
        var e = assertThrows(DomainException.class, () -> HouseholdSheet.read(gbk, "UTF-8"));
        assertEquals(RegisterError.IMPORT_UNREADABLE, e.code());
        assertEquals("encoding", e.field());
    }

    @Test
    @DisplayName("An Excel sheet is read with numbers in full: a phone typed as a number, a"
            + " latitude's digits")
    void xlsx() throws IOException {
        byte[] file;
        try (var book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = book.createSheet("名单");
            var head = sheet.createRow(0);
            String[] headers = HEAD.strip().split(",");
            for (int c = 0; c < headers.length; c++) {
                head.createCell(c).setCellValue(headers[c]);
            }
            var row = sheet.createRow(1);
            row.createCell(0).setCellValue("H1");
            row.createCell(1).setCellValue("张三");
            row.createCell(2).setCellValue(1);
            row.createCell(3).setCellValue(13900000001d);
            row.createCell(5).setCellValue(28.301234567);
            row.createCell(6).setCellValue(117.201234567);
            row.createCell(7).setCellValue("WGS84");
            var bad = sheet.createRow(3);
            bad.createCell(0).setCellValue("H2");
            bad.createCell(1).setCellValue("李四");
            bad.createCell(3).setCellValue("1390000");
            bad.createCell(4).setCellValue("某小区");
            book.write(out);
            file = out.toByteArray();
        }
        var table = HouseholdSheet.read(file, "auto");
        assertEquals(HouseholdSheet.Format.XLSX, table.format());
        var report = new HouseholdImport(GUIXI, Set.of(), Optional.empty()).check(table);
        assertEquals("13900000001", report.rows().get(0).phone());
        assertEquals(new LatLon(28.301234567, 117.201234567), report.rows().get(0).location());
        assertEquals(4, report.problems().get(0).line(), "the spreadsheet's row number");
        assertEquals("D", report.problems().get(0).column());
    }

    @Test
    @DisplayName("A zip that is not a workbook is refused as unreadable, not a 500")
    void notAWorkbook() {
        byte[] zip = {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0};
        var e = assertThrows(DomainException.class, () -> HouseholdSheet.read(zip, "auto"));
        assertEquals(RegisterError.IMPORT_UNREADABLE, e.code());
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("The templates, CSV and XLSX, import cleanly: one household placed, one to pin")
    @CsvSource({"csv", "xlsx"})
    void templates(String format) {
        var school = new School(UUID.randomUUID(), "测试中学", new LatLon(28.3, 117.2),
                LocalTime.of(21, 0), LocalTime.of(7, 20));
        byte[] file = format.equals("csv") ? HouseholdTemplate.csv(school)
                : HouseholdTemplate.xlsx(school);
        var report = new HouseholdImport(GUIXI, Set.of(), Optional.empty())
                .check(HouseholdSheet.read(file, "auto"));
        assertTrue(report.clean(), report.problems().toString());
        assertEquals(List.of(), report.ignoredColumns());
        assertEquals(2, report.rows().size());
        assertEquals(1, report.unpinned());
        LatLon placed = report.rows().get(0).location();
        assertTrue(placed.distanceMetres(new LatLon(28.3027, 117.2)) < 1, "converted back from"
                + " GCJ-02 to the point north of the school: " + placed);
    }
}
