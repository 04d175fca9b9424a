package cn.anxing.bus;

import static cn.anxing.bus.BusTestSupport.BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.demo.DemoAccounts;
import cn.anxing.routing.CoordinateSystems;
import cn.anxing.routing.LatLon;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestDatabase;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.Charset;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The coordinator desk imports a school's household list and edits its register")
class RegisterImportTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String HEAD = "家庭编号,学生姓名,人数,家长电话,地址,纬度,经度,坐标系\r\n";
    private static TestServer server;
    private static Api coordinator;
    private static Api other;
    private static JsonObject demo;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        BusTestSupport.awaitGraph(server.api());
        coordinator = server.api().staff("coord1", DemoAccounts.PASSWORD);
        other = server.api().staff("coord2", DemoAccounts.PASSWORD);
        demo = BusTestSupport.awaitDemoSchool(coordinator);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String newSchool(String name) {
        return BusTestSupport.createSchool(coordinator, name, demo.getDouble("lat"),
                demo.getDouble("lon")).getString("id");
    }

    /** A line in GCJ-02, {@code north} metres north of the school (as Amap would give it). */
    private static String line(String code, String names, String phone, double north) {
        LatLon gcj = CoordinateSystems.wgs84ToGcj02(new LatLon(demo.getDouble("lat")
                + north / 111_000, demo.getDouble("lon")));
        return String.format(Locale.ROOT, "%s,%s,,%s,,%.6f,%.6f,高德\r\n", code, names, phone,
                gcj.lat(), gcj.lon());
    }

    /** Every household, bus, school and account row: what an import must leave alone. */
    private static String fingerprint() {
        StringBuilder print = new StringBuilder();
        try (var c = TestDatabase.connect(); var st = c.createStatement()) {
            for (String table : List.of("bus_school", "bus_household", "bus_vehicle", "account")) {
                try (var rs = st.executeQuery("SELECT count(*), coalesce(md5(string_agg("
                        + "md5(t::text), '' ORDER BY md5(t::text))), '') FROM " + table + " t")) {
                    rs.next();
                    print.append(table).append(' ').append(rs.getLong(1)).append(':')
                            .append(rs.getString(2)).append('\n');
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return print.toString();
    }

    private static Api.Reply send(String school, String step, byte[] file, String query) {
        return coordinator.postBytes(BASE + "/schools/" + school + "/households/import" + step
                + query, file, "text/csv");
    }

    @Test
    @DisplayName("A GBK file with GCJ-02 positions and two bad lines: both reported with line and"
            + " column, nothing stored; fixed, it imports whole and converted to WGS-84")
    void gbkWithTwoBadLines() {
        String school = newSchool("导入测试学校");
        String good = line("H01", "张三", "13900000101", 150) + line("H02", "李四、李五",
                "13900000102", 250);
        String bad = HEAD + good + line("H03", "王六", "1390000", 300)
                + "H04,赵七,1,13900000104,,30.000000,117.200000,高德\r\n";
        String before = fingerprint();
        Api.Reply preview = send(school, "/preview", bad.getBytes(GBK), "");
        assertEquals(200, preview.status(), preview.toString());
        JsonObject report = preview.json();
        assertEquals("GB18030", report.getString("encoding"));
        assertEquals(true, report.getBoolean("encodingDetected"));
        assertEquals("column", report.getJsonObject("crs").getString("source"));
        JsonArray problems = report.getJsonArray("problems");
        assertEquals(2, problems.size(), problems.encodePrettily());
        assertEquals(List.of("4 D MALFORMED_PHONE", "5 F OUTSIDE_MAP"), List.of(
                summary(problems.getJsonObject(0)), summary(problems.getJsonObject(1))));
        assertEquals("家长电话", problems.getJsonObject(0).getString("header"));
        assertEquals(before, fingerprint(), "a preview stores nothing");

        Api.Reply refused = send(school, "", bad.getBytes(GBK), "");
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("IMPORT_HAS_PROBLEMS", refused.json().getString("code"));
        assertEquals("file", refused.json().getString("field"));
        assertEquals(before, fingerprint(), "a file with problems stores nothing");

        String fixed = HEAD + good + line("H03", "王六", "13900000103", 300)
                + "H04,赵七,1,13900000104,桂溪市某小区 2 幢,,,\r\n";
        Api.Reply imported = send(school, "", fixed.getBytes(GBK), "");
        assertEquals(201, imported.status(), imported.toString());
        assertEquals(4, imported.json().getInteger("households"));
        assertEquals(1, imported.json().getInteger("unpinned"));
        JsonObject register = coordinator.get(BASE + "/schools/" + school + "/register").json();
        JsonArray households = register.getJsonArray("households");
        assertEquals(4, households.size());
        JsonObject first = households.getJsonObject(0);
        assertEquals("H01", first.getString("label"));
        assertEquals("139****0101", first.getString("parentPhone"));
        double metres = new LatLon(first.getDouble("lat"), first.getDouble("lon")).distanceMetres(
                new LatLon(demo.getDouble("lat") + 150.0 / 111_000, demo.getDouble("lon")));
        assertTrue(metres < 1, "stored as WGS-84, " + metres + " m from the point");
        assertNull(households.getJsonObject(3).getValue("lat"), "the address-only household");
        assertEquals(1, register.getInteger("unpinned"));
        assertEquals(3, coordinator.get(BASE + "/schools/" + school + "/households").jsonArray()
                .size(), "planning sees the households with a position only");

        String stored = fingerprint();
        Api.Reply again = send(school, "", fixed.getBytes(GBK), "");
        assertEquals(400, again.status(), "the same file twice is refused: " + again);
        assertEquals(stored, fingerprint());
        Api.Reply twice = send(school, "/preview", fixed.getBytes(GBK), "");
        assertEquals(4, twice.json().getJsonArray("problems").stream()
                .filter(p -> ((JsonObject) p).getString("kind").equals("DUPLICATE_HOUSEHOLD"))
                .count());

        String unpinned = households.getJsonObject(3).getString("id");
        Api.Reply pinned = coordinator.put(BASE + "/schools/" + school + "/register/households/"
                + unpinned + "/position", new JsonObject().put("lat", demo.getDouble("lat"))
                .put("lon", demo.getDouble("lon") + 0.002));
        assertEquals(200, pinned.status(), pinned.toString());
        assertEquals(4, coordinator.get(BASE + "/schools/" + school + "/households").jsonArray()
                .size(), "once pinned it is planned");
    }

    @Test
    @DisplayName("A file with one line of each kind of problem: each at its line and column, and"
            + " neither the preview nor the import stores anything")
    void everyKind() {
        String school = newSchool("每种问题学校");
        String file = HEAD + line("H01", "张三", "13900000501", 100)
                + ",无编号,1,13900000502,某小区,,,\r\n"
                + line("H03", "王五", "139-0000", 120)
                + line("H01", "赵六", "13900000504", 140)
                + "H05,孙七,1,13900000505,,30.000000,117.200000,高德\r\n"
                + line("H06", "周八", "13900000506", 160).replace("高德", "UTM")
                + "H07,吴九,很多,13900000507,某小区,,,\r\n";
        String before = fingerprint();
        JsonObject report = send(school, "/preview", file.getBytes(GBK), "").json();
        List<String> found = report.getJsonArray("problems").stream().map(p -> summary(
                (JsonObject) p)).toList();
        assertEquals(List.of("3 A MISSING_FIELD", "4 D MALFORMED_PHONE", "5 A DUPLICATE_HOUSEHOLD",
                "6 F OUTSIDE_MAP", "7 H UNKNOWN_CRS", "8 C INVALID_VALUE"), found);
        assertEquals(400, send(school, "", file.getBytes(GBK), "").status());
        assertEquals(before, fingerprint());
    }

    @Test
    @DisplayName("An Excel workbook is read from its bytes whatever its content type says")
    void workbook() throws java.io.IOException {
        String school = newSchool("Excel 学校");
        byte[] xlsx;
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             var out = new java.io.ByteArrayOutputStream()) {
            var sheet = book.createSheet();
            String[] cells = HEAD.strip().split(",");
            var head = sheet.createRow(0);
            for (int c = 0; c < cells.length; c++) {
                head.createCell(c).setCellValue(cells[c]);
            }
            var row = sheet.createRow(1);
            row.createCell(0).setCellValue("X1");
            row.createCell(1).setCellValue("钱十");
            row.createCell(3).setCellValue(13900000601d);
            row.createCell(4).setCellValue("某小区 6 幢");
            book.write(out);
            xlsx = out.toByteArray();
        }
        Api.Reply reply = coordinator.postBytes(BASE + "/schools/" + school
                + "/households/import/preview", xlsx, "application/octet-stream");
        assertEquals(200, reply.status(), reply.toString());
        assertEquals("xlsx", reply.json().getString("format"));
        assertEquals(true, reply.json().getBoolean("clean"), reply.toString());
        assertEquals("139****0601", reply.json().getJsonArray("rows").getJsonObject(0)
                .getString("parentPhone"));
    }

    private static String summary(JsonObject problem) {
        return problem.getInteger("line") + " " + problem.getString("column") + " "
                + problem.getString("kind");
    }

    @Test
    @DisplayName("The CSV template downloads with Chinese headings and imports cleanly; the XLSX"
            + " template downloads as a workbook")
    void templates() {
        String school = newSchool("模板测试学校");
        Api.Reply csv = coordinator.get(BASE + "/schools/" + school
                + "/households/import/template.csv");
        assertEquals(200, csv.status());
        assertTrue(csv.body().contains("家庭编号,学生姓名,人数,家长电话,地址,纬度,经度,坐标系"));
        Api.Reply preview = send(school, "/preview", csv.body().getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "");
        assertEquals(true, preview.json().getBoolean("clean"), preview.toString());
        Api.Reply xlsx = coordinator.get(BASE + "/schools/" + school
                + "/households/import/template.xlsx");
        assertEquals(200, xlsx.status());
        assertTrue(xlsx.headers().firstValue("Content-Type").orElse("").contains("spreadsheet"));
    }

    @Test
    @DisplayName("Another organisation's coordinator can neither read, import into nor edit the"
            + " school (404), and nothing changes")
    void otherOrganisation() {
        String school = newSchool("别人的学校");
        String before = fingerprint();
        String file = HEAD + line("H01", "张三", "13900000201", 100);
        for (Api.Reply reply : List.of(
                other.get(BASE + "/schools/" + school + "/register"),
                other.postBytes(BASE + "/schools/" + school + "/households/import/preview",
                        file.getBytes(GBK), "text/csv"),
                other.postBytes(BASE + "/schools/" + school + "/households/import",
                        file.getBytes(GBK), "text/csv"),
                other.post(BASE + "/schools/" + school + "/register/buses", new JsonObject()
                        .put("label", "一号车").put("capacity", 30)),
                other.post(BASE + "/schools/" + school + "/remove", new JsonObject()
                        .put("name", "别人的学校")))) {
            assertEquals(404, reply.status(), reply.toString());
        }
        assertEquals(before, fingerprint());
    }

    @Test
    @DisplayName("Buses, households and the school are created, edited and deleted; bad input is"
            + " a 400 naming the field and stores nothing")
    void editByHand() {
        String school = newSchool("手工登记学校");
        String path = BASE + "/schools/" + school;
        List<Api.Reply> bad = new ArrayList<>();
        String before = fingerprint();
        bad.add(coordinator.post(path + "/register/buses", new JsonObject().put("label", "一号车")
                .put("capacity", 0)));
        bad.add(coordinator.post(path + "/register/buses", new JsonObject().put("label", "一号车")
                .put("capacity", 30).put("driverPhone", "123")));
        bad.add(coordinator.post(path + "/register/households", new JsonObject()
                .put("label", "H1").put("students", 1).put("parentPhone", "139")
                .put("address", "某地")));
        bad.add(coordinator.post(path + "/register/households", new JsonObject()
                .put("label", "H1").put("students", 1)));
        bad.add(coordinator.put(path, new JsonObject().put("name", "新名字").put("lat", 39.9)
                .put("lon", 116.4).put("eveningDismissal", "21:00")
                .put("morningArrival", "07:20")));
        bad.add(coordinator.post(path + "/remove", new JsonObject().put("name", "不是这个名字")));
        assertEquals(List.of("capacity", "driverPhone", "parentPhone", "lat", "lat", "name"),
                bad.stream().map(r -> {
                    assertEquals(400, r.status(), r.toString());
                    return r.json().getString("field");
                }).toList());
        assertEquals(before, fingerprint());

        JsonObject bus = coordinator.post(path + "/register/buses", new JsonObject()
                .put("label", "一号车").put("plate", "赣L·12345").put("capacity", 30)
                .put("driverName", "王师傅").put("driverPhone", "13700000001")).json();
        Api.Reply edited = coordinator.put(path + "/register/buses/" + bus.getString("id"),
                new JsonObject().put("label", "一号车").put("plate", "赣L·12345")
                        .put("capacity", 45).put("driverName", "王师傅")
                        .put("driverPhone", "13700000001"));
        assertEquals(45, edited.json().getInteger("capacity"), edited.toString());
        JsonObject household = coordinator.post(path + "/register/households", new JsonObject()
                .put("label", "H1").put("studentNames", "张三").put("students", 1)
                .put("parentPhone", "13900000301").put("address", "某小区 1 幢")).json();
        Api.Reply renamed = coordinator.put(path + "/register/households/"
                + household.getString("id"), new JsonObject().put("label", "H1")
                .put("studentNames", "张三、张四").put("students", 2).put("address", "某小区 1 幢"));
        assertEquals(200, renamed.status(), renamed.toString());
        assertEquals("139****0301", renamed.json().getString("parentPhone"),
                "a phone left out is kept");
        assertEquals(409, coordinator.post(path + "/register/households", new JsonObject()
                .put("label", "H1").put("students", 1).put("address", "别处")).status());
        assertEquals(1, coordinator.post(path + "/register/households/remove", new JsonObject()
                .put("ids", new JsonArray().add(household.getString("id")))).json()
                .getInteger("removed"));
        assertEquals(1, coordinator.post(path + "/register/buses/remove", new JsonObject()
                .put("ids", new JsonArray().add(bus.getString("id")))).json()
                .getInteger("removed"));
        JsonObject moved = coordinator.put(path, new JsonObject().put("name", "手工登记学校（新校区）")
                .put("lat", demo.getDouble("lat")).put("lon", demo.getDouble("lon"))
                .put("eveningDismissal", "21:10").put("morningArrival", "07:30")).json();
        assertEquals("21:10", moved.getString("eveningDismissal"));
        assertEquals(200, coordinator.post(path + "/remove", new JsonObject()
                .put("name", "手工登记学校（新校区）")).status());
        assertNotEquals(200, coordinator.get(path + "/register").status());
    }
}
