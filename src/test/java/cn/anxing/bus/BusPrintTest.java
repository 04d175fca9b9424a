package cn.anxing.bus;

import static cn.anxing.bus.BusTestSupport.BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.demo.DemoAccounts;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stop names, directions and the printed route sheets, stop lists and notices of the"
        + " demo plan on the Guixi map")
class BusPrintTest {

    private static final int SOLVER_SECONDS = Integer.getInteger("anxing.bus.solverSeconds", 5);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}");

    private static TestServer server;
    private static Api coordinator;
    private static Api parent;
    private static JsonObject plan;
    private static String planPath;
    /** The demo parent's household, its plan entry and its evening line. */
    private static JsonObject child;
    private static JsonObject eveningLine;

    @BeforeAll
    static void planTheDemo() {
        server = TestServer.start();
        BusTestSupport.awaitGraph(server.api());
        coordinator = server.api().staff("coord1", DemoAccounts.PASSWORD);
        JsonObject school = BusTestSupport.awaitDemoSchool(coordinator);
        plan = BusTestSupport.plan(coordinator, school.getString("id"),
                new JsonObject().put("solverSeconds", SOLVER_SECONDS));
        planPath = BASE + "/plans/" + plan.getString("planId");
        // the parent's page and notice read the published plan (PlanReviewTest)
        assertEquals(200, coordinator.post(planPath + "/publish",
                new JsonObject().put("run", "both")).status());
        parent = server.api().phone(BusDemo.DEMO_PARENT_PHONE);
        child = parent.get(BASE + "/my-children").jsonArray().getJsonObject(0);
        assertEquals("SERVED", child.getString("status"), child.encode());
        eveningLine = PrintModel.line(plan, "evening", child.getJsonObject("evening")
                .getInteger("line"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("Every stop is named from a road, cross street, landmark or place of Guixi: none"
            + " 无名, none numbered 站(n), no two alike (StopNamesTest holds the corners)")
    void stopNames() throws IOException {
        Set<String> roads = guixiNames(true);
        Set<String> known = guixiNames(false);
        List<String> names = new ArrayList<>();
        plan.getJsonArray("stops").forEach(s -> names.add(((JsonObject) s).getString("name")));
        assertFalse(names.isEmpty());
        assertEquals(names.size(), new HashSet<>(names).size(), "alike names: " + names);
        for (String name : names) {
            assertFalse(name.contains("无名"), name);
            assertFalse(name.matches(".*站\\(\\d+\\)$"), name);
            assertTrue(known.stream().anyMatch(name::contains), name + " names nothing of Guixi");
        }
        assertTrue(names.stream().anyMatch(n -> roads.stream().anyMatch(n::contains)),
                "some stop is named from its road: " + names);
    }

    @Test
    @DisplayName("A line's directions reach each stop by name, never a 中途点 (via point)")
    void directionsNameTheStops() {
        for (String run : List.of("evening", "morning")) {
            for (Object o : plan.getJsonObject(run).getJsonArray("lines")) {
                JsonObject line = (JsonObject) o;
                List<String> steps = new ArrayList<>();
                line.getJsonObject("path").getJsonArray("instructions")
                        .forEach(s -> steps.add(((JsonObject) s).getString("textZh")));
                assertTrue(steps.stream().noneMatch(s -> s.contains("中途点")), steps.toString());
                // the morning line starts at its first stop and is reached at the school
                List<String> reached = new ArrayList<>();
                line.getJsonArray("stops").forEach(s -> reached.add(((JsonObject) s)
                        .getString("stopName")));
                if (run.equals("morning")) {
                    reached.remove(0);
                    reached.add(plan.getString("schoolName"));
                }
                for (String name : reached) {
                    assertTrue(steps.contains("到达 " + name), name + " not reached in " + steps);
                }
            }
        }
    }

    @Test
    @DisplayName("The evening route sheet PDF holds the plate, each stop with its time, who gets"
            + " off with the parent's phone, and Chinese directions in metres")
    void routeSheetPdf() throws IOException {
        String text = pdfText(coordinator, planPath + "/lines/" + eveningLine.getInteger("number")
                + "/sheet.pdf?run=evening");
        assertTrue(has(text, "校车线路单"), text);
        assertTrue(has(text, eveningLine.getString("busLabel")), text);
        assertTrue(has(text, "下车"), text);
        for (Object o : eveningLine.getJsonArray("stops")) {
            JsonObject stop = (JsonObject) o;
            assertTrue(has(text, stop.getString("stopName")), stop.getString("stopName")
                    + " missing:\n" + text);
            assertTrue(has(text, stop.getString("arrival").substring(0, 5)), text);
        }
        assertTrue(has(text, BusDemo.DEMO_PARENT_PHONE), "the driver can call the parent");
        assertTrue(text.matches("(?s).*(左转|右转|继续).*") && has(text, "米"), text);
        assertFalse(has(text, "中途点") || has(text, "无名"), text);
    }

    @Test
    @DisplayName("The morning route sheet says 上车 and ends at the school")
    void morningSheet() throws IOException {
        JsonObject line = plan.getJsonObject("morning").getJsonArray("lines").getJsonObject(0);
        String text = pdfText(coordinator, planPath + "/lines/" + line.getInteger("number")
                + "/sheet.pdf?run=morning");
        assertTrue(has(text, "上车") && has(text, "前往学校"), text);
        assertTrue(has(text, line.getString("end").substring(0, 5)), text);
    }

    @Test
    @DisplayName("The route sheet CSV has a UTF-8 BOM and parses: one row per household at each"
            + " stop plus the school, every row as wide as the header")
    void routeSheetCsv() {
        byte[] csv = bytes(coordinator, planPath + "/lines/" + eveningLine.getInteger("number")
                + "/sheet.csv", 200);
        assertEquals(0xEF, csv[0] & 0xFF);
        assertEquals(0xBB, csv[1] & 0xFF);
        assertEquals(0xBF, csv[2] & 0xFF);
        List<List<String>> rows = parseCsv(new String(csv, 3, csv.length - 3,
                StandardCharsets.UTF_8));
        assertEquals(List.of("线路", "班次", "车牌", "司机", "司机电话", "序号", "站点", "时间",
                "上下车", "学生", "人数", "家长电话", "前往本站的行车指引"), rows.get(0));
        rows.forEach(r -> assertEquals(13, r.size(), r.toString()));
        int households = eveningLine.getJsonArray("stops").stream().mapToInt(s ->
                ((JsonObject) s).getJsonArray("households").size()).sum();
        assertEquals(households + 2, rows.size(), "header, school, a row per household");
        assertTrue(rows.stream().anyMatch(r -> r.get(11).equals(BusDemo.DEMO_PARENT_PHONE)));
        Set<String> stops = new HashSet<>();
        rows.subList(2, rows.size()).forEach(r -> stops.add(r.get(6)));
        assertEquals(eveningLine.getJsonArray("stops").size(), stops.size());
    }

    @Test
    @DisplayName("The school's stop list (PDF and CSV) names every stop of the plan with its"
            + " times and no family's name or phone")
    void stopList() throws IOException {
        String text = pdfText(coordinator, planPath + "/stops.pdf");
        List<List<String>> rows = parseCsv(new String(bytes(coordinator, planPath
                + "/stops.csv", 200), StandardCharsets.UTF_8).substring(1));
        assertEquals(plan.getJsonArray("stops").size() + 1, rows.size());
        for (Object o : plan.getJsonArray("stops")) {
            String name = ((JsonObject) o).getString("name");
            assertTrue(has(text, name), name + " missing:\n" + text);
            assertTrue(rows.stream().anyMatch(r -> r.get(1).equals(name)), name);
        }
        assertFalse(PHONE.matcher(text).find(), text);
        assertFalse(has(text, "无名"), text);
    }

    @Test
    @DisplayName("A household's notice says its bus, stop, times and walk, and nothing of any"
            + " other family; the parent prints their own and no one else's")
    void notice() throws IOException {
        String id = child.getString("householdId");
        String stopName = child.getJsonObject("stop").getString("name");
        for (String text : List.of(pdfText(parent, BASE + "/my-children/" + id + "/notice.pdf"),
                pdfText(coordinator, planPath + "/households/" + id + "/notice.pdf"))) {
            assertTrue(has(text, "乘车通知") && has(text, stopName), text);
            assertTrue(has(text, child.getJsonObject("evening").getString("arrival")
                    .substring(0, 5)), text);
            assertTrue(has(text, child.getJsonObject("morning").getString("arrival")
                    .substring(0, 5)), text);
            assertTrue(has(text, child.getJsonObject("evening").getString("busLabel")), text);
            assertTrue(has(text, "步行"), text);
            assertFalse(PHONE.matcher(text).find(), "no phone on a notice:\n" + text);
            for (Object o : plan.getJsonArray("households")) {
                JsonObject other = (JsonObject) o;
                if (!other.getString("householdId").equals(id)
                        && !other.getString("label").equals(child.getString("label"))) {
                    assertFalse(has(text, other.getString("label") + " 家长"), text);
                }
            }
        }
        String neighbour = plan.getJsonArray("households").stream()
                .map(o -> ((JsonObject) o).getString("householdId"))
                .filter(h -> !h.equals(id)).findFirst().orElseThrow();
        assertEquals(404, parent.get(BASE + "/my-children/" + neighbour + "/notice.pdf")
                .status());
    }

    @Test
    @DisplayName("Another organisation's coordinator gets 404, a parent 403 for the driver's"
            + " sheet; a bad run or line is a 400 naming it, an absent line a 404")
    void access() {
        Api other = server.api().staff("coord2", DemoAccounts.PASSWORD);
        String sheet = planPath + "/lines/" + eveningLine.getInteger("number") + "/sheet.pdf";
        assertEquals(404, other.get(sheet).status());
        assertEquals(404, other.get(planPath + "/stops.csv").status());
        assertEquals(404, other.get(planPath + "/households/" + child.getString("householdId")
                + "/notice.pdf").status());
        assertEquals(403, parent.get(sheet).status());
        Api.Reply badRun = coordinator.get(sheet + "?run=noon");
        assertEquals(400, badRun.status());
        assertEquals("run", badRun.json().getString("field"));
        Api.Reply badLine = coordinator.get(planPath + "/lines/x/sheet.csv");
        assertEquals(400, badLine.status());
        assertEquals("line", badLine.json().getString("field"));
        Api.Reply absent = coordinator.get(planPath + "/lines/99/sheet.csv");
        assertEquals(404, absent.status());
        assertEquals("UNKNOWN_LINE", absent.json().getString("code"));
    }

    // ---------------------------------------------------------------- helpers

    private static boolean has(String text, String expected) {
        return text.contains(expected.replaceAll("\\s+", ""));
    }

    /**
     * The PDF's text with all white space taken out, so wrapped lines read on. The PDF and its
     * first page as a picture are kept in target/bus-print to look at.
     */
    private static String pdfText(Api who, String path) throws IOException {
        byte[] pdf = bytes(who, path, 200);
        Path out = Path.of("target", "bus-print");
        Files.createDirectories(out);
        String name = path.replaceAll("^.*/plans/[^/]+/", "").replaceAll("^.*my-children/[^/]+/",
                "parent-").replaceAll("[^a-z0-9.-]+", "-");
        Files.write(out.resolve(name.endsWith(".pdf") ? name : name + ".pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 80), "png",
                    out.resolve(name.replace(".pdf", "") + ".png").toFile());
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertNotNull(text);
            return text;
        }
    }

    private static byte[] bytes(Api who, String path, int status) {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + who.token()).build();
        try {
            HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(status, r.statusCode(), path + ": " + new String(r.body(),
                    StandardCharsets.UTF_8));
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertTrue(row.isEmpty() && field.isEmpty(), "the CSV ends with CRLF");
        return rows;
    }

    /** The names of the demo map's roads (or of all it names), from its OSM file. */
    private static Set<String> guixiNames(boolean roadsOnly) throws IOException {
        String osm = Files.readString(server.app().config().map().mapFile());
        Set<String> names = new HashSet<>();
        Matcher element = Pattern.compile("(?s)<(way|node|relation)[^>]*[^/]>.*?</\\1>")
                .matcher(osm);
        Pattern name = Pattern.compile("k=\"name\" v=\"([^\"]+)\"");
        while (element.find()) {
            if (!roadsOnly || element.group().contains("k=\"highway\"")) {
                Matcher m = name.matcher(element.group());
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        assertFalse(names.isEmpty());
        return names;
    }
}
