package cn.anxing.bus;

import cn.anxing.documents.PdfLayout;
import cn.anxing.routing.RoadLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The school bus's printed documents as PDF, in Chinese: a line's route sheet for its driver
 * (线路单), the school's stop list (站点表) and a household's notice (乘车通知). Set with the
 * layout the accident's documents use ({@link PdfLayout}); blocking, for the documents pool.
 */
final class BusPdfs {

    private static final float MAP_HEIGHT = 250;
    private static final String UNREGISTERED = "未登记";

    private final Path fontPath;

    BusPdfs(Path fontPath) {
        this.fontPath = fontPath;
    }

    private interface Body {
        void write(PdfLayout.Writer w) throws IOException;
    }

    private byte[] render(String title, Body body) {
        try (PDDocument doc = new PDDocument();
                PdfLayout.FontHandle font = PdfLayout.loadFont(doc, fontPath)) {
            doc.getDocumentInformation().setTitle(title);
            PdfLayout.Writer w = new PdfLayout.Writer(doc, font.font());
            body.write(w);
            w.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + title, e);
        }
    }

    /** The driver's sheet: bus, driver, the stops with who gets on or off, the way. */
    byte[] routeSheet(PrintModel.Sheet s, List<RoadLine> roads) {
        return render(s.schoolName() + " " + s.lineName() + " 线路单", w -> {
            w.centered(s.schoolName() + " 校车线路单", 17);
            w.gap(4);
            w.centered(s.runName() + " · " + s.lineName(), 11);
            w.gap(8);
            w.heading("车辆与司机");
            w.row("车牌", s.plate());
            w.row("司机", or(s.driver()) + "　电话 " + or(s.driverPhone()));
            w.row("座位 / 学生", s.capacity() + " 座，本线 " + s.students() + " 名学生");
            boolean evening = s.runName().startsWith("晚");
            w.row("时间", evening ? s.start() + " 从学校发车，" + s.end() + " 到达末站"
                    : s.start() + " 到达首站，" + s.end() + " 到达学校");
            w.gap(6);
            PlanMap.draw(w, MAP_HEIGHT, s.map().withRoads(roads));
            w.heading("停靠站点");
            float[] widths = {30, 150, 40, 58, w.textWidth() - 278};
            w.columns(widths, List.of("序号", "站点", "时间", "上下车", "学生与家长电话"), 9.5f);
            w.rule();
            for (PrintModel.SheetStop stop : s.stops()) {
                // a household a line, so a driver reads each name with its phone
                List<String> riders = new ArrayList<>();
                for (PrintModel.Rider r : stop.riders()) {
                    riders.add(r.names() + "（" + r.students() + " 人）"
                            + (r.parentPhone() == null ? "" : " " + r.parentPhone()));
                }
                w.columns(widths, List.of(String.valueOf(stop.sequence()), stop.name(),
                        stop.time(), stop.action() + " " + stop.students() + " 人",
                        riders.isEmpty() ? "" : riders.get(0)), 9.5f);
                int page = w.pages();
                for (String rider : riders.subList(Math.min(1, riders.size()), riders.size())) {
                    w.ensure(16);
                    // a stop whose riders run onto the next page is named again there
                    String again = w.pages() != page ? stop.name() + "（续）" : "";
                    page = w.pages();
                    w.columns(widths, List.of("", again, "", "", rider), 9.5f);
                }
            }
            w.gap(6);
            w.heading("行车指引");
            if (evening && !s.stops().isEmpty()) {
                w.paragraph("从学校出发：");
            }
            for (PrintModel.SheetStop stop : s.stops()) {
                if (!stop.directions().isEmpty()) {
                    w.paragraph("前往第 " + stop.sequence() + " 站 " + stop.name() + "：");
                    steps(w, stop.directions());
                }
            }
            if (!s.toSchool().isEmpty()) {
                w.paragraph("前往学校：");
                steps(w, s.toSchool());
            }
            w.gap(8);
            w.paragraph("本单载有学生姓名和家长电话，只供司机和随车老师使用，请勿外传。"
                    + "时间精确到分钟，路况不同可能提前或推后几分钟。");
        });
    }

    /** The school's stops with their evening and morning buses; no names, no phones. */
    byte[] stopList(PrintModel.StopList list, List<RoadLine> roads) {
        return render(list.schoolName() + " 校车站点表", w -> {
            w.centered(list.schoolName() + " 校车站点表", 17);
            w.gap(8);
            PlanMap.draw(w, MAP_HEIGHT, list.map().withRoads(roads));
            // wide enough that a stop's name and times never wrap into each other
            float[] widths = {30, 200, 95, 95, w.textWidth() - 420};
            w.columns(widths, List.of("编号", "站点", "晚自习放学", "早上到校", "学生 / 家庭"),
                    9.5f);
            w.rule();
            Map<String, String> plates = new LinkedHashMap<>();
            for (PrintModel.StopRow r : list.rows()) {
                w.columns(widths, List.of(r.id(), r.name(),
                        run(r.eveningLine(), r.eveningTime()),
                        run(r.morningLine(), r.morningTime()),
                        r.students() + " 人 / " + r.households() + " 户"), 9.5f);
                if (r.eveningLine() != null) {
                    plates.put(r.eveningLine(), r.eveningPlate());
                }
                if (r.morningLine() != null) {
                    plates.put(r.morningLine(), r.morningPlate());
                }
            }
            w.gap(6);
            w.heading("线路与车辆");
            for (Map.Entry<String, String> e : plates.entrySet()) {
                w.row(e.getKey(), "车牌 " + e.getValue());
            }
            w.gap(8);
            w.paragraph("时间为校车到站时间，精确到分钟。");
        });
    }

    /** One household's notice: its bus, stop, times and the walk from home. */
    byte[] notice(PrintModel.Notice n, List<RoadLine> roads) {
        return render(n.schoolName() + " 校车乘车通知", w -> {
            w.centered(n.schoolName() + " 校车乘车通知", 17);
            w.gap(10);
            w.paragraph(n.household() + " 家长：");
            w.paragraph("您家孩子（" + n.students() + "）乘坐学校定制公交，上下车站点为「"
                    + n.stopName() + "」，从家步行约 " + Directions.distance(n.walkMetres())
                    + "。");
            w.gap(6);
            w.heading("晚自习放学");
            PrintModel.RunTimes e = n.evening();
            w.paragraph(e == null ? "本班次暂未安排座位，请联系学校。"
                    : e.lineName() + "，车牌 " + e.plate() + "：" + e.schoolTime()
                    + " 从学校发车，约 " + e.stopTime() + " 到达" + n.stopName()
                    + "。请在 " + e.stopTime() + " 前到站接孩子。");
            w.gap(6);
            w.heading("早上到校");
            PrintModel.RunTimes m = n.morning();
            w.paragraph(m == null ? "本班次暂未安排座位，请联系学校。"
                    : m.lineName() + "，车牌 " + m.plate() + "：约 " + m.stopTime() + " 到达"
                    + n.stopName() + "，请提前到站等候；" + m.schoolTime() + " 前到校。");
            w.gap(6);
            PlanMap.draw(w, MAP_HEIGHT, n.map().withRoads(roads));
            w.heading("从家步行到站点");
            if (n.walking().isEmpty()) {
                w.paragraph("站点就在家门口。");
            } else {
                steps(w, n.walking());
            }
            w.gap(8);
            w.paragraph("时间精确到分钟，路况不同可能提前或推后几分钟。如有变动，学校会另行通知。");
        });
    }

    private static void steps(PdfLayout.Writer w, List<String> steps) throws IOException {
        for (int i = 0; i < steps.size(); i++) {
            w.paragraph("　" + (i + 1) + ". " + steps.get(i));
        }
    }

    private static String run(String line, String time) {
        return line == null ? "—" : line + " " + time;
    }

    private static String or(String value) {
        return value == null || value.isBlank() ? UNREGISTERED : value;
    }
}
