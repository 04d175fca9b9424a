package cn.anxing.bus;

import cn.anxing.routing.CoordinateSystems;
import cn.anxing.routing.LatLon;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The household list template (导入模板), as XLSX and as CSV: the Chinese headings the import
 * reads and two example lines near the school, one with a position copied from Amap (GCJ-02)
 * and one with an address only (pinned on the map after the import). Both import cleanly.
 */
public final class HouseholdTemplate {

    static final List<String> HEADERS = List.of(HouseholdColumn.CODE.header(),
            HouseholdColumn.NAMES.header(), HouseholdColumn.STUDENTS.header(),
            HouseholdColumn.PHONE.header(), HouseholdColumn.ADDRESS.header(),
            HouseholdColumn.LAT.header(), HouseholdColumn.LON.header(),
            HouseholdColumn.CRS.header());

    private HouseholdTemplate() {
    }

    /** The example lines: a household 300 m north of the school in GCJ-02, one by address. */
    static List<List<String>> examples(School school) {
        LatLon near = new LatLon(school.location().lat() + 0.0027, school.location().lon());
        LatLon gcj = CoordinateSystems.wgs84ToGcj02(near);
        return List.of(
                List.of("示例001", "张小明、张小红", "2", "13900000011", "学校北侧小区 3 幢",
                        String.format(Locale.ROOT, "%.6f", gcj.lat()),
                        String.format(Locale.ROOT, "%.6f", gcj.lon()), "GCJ02"),
                List.of("示例002", "李小华", "1", "13900000012", "学校附近某小区 5 幢（导入后在地图上标注）",
                        "", "", ""));
    }

    /** UTF-8 with a BOM, so that Excel and WPS open the Chinese headings correctly. */
    public static byte[] csv(School school) {
        StringBuilder s = new StringBuilder("\uFEFF");
        s.append(String.join(",", HEADERS)).append("\r\n");
        for (List<String> line : examples(school)) {
            s.append(String.join(",", line.stream().map(HouseholdTemplate::quoted).toList()))
                    .append("\r\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String cell) {
        return cell.contains(",") || cell.contains("\"")
                ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    /** One sheet, headings in bold, every cell text (so a phone is never shown as 1.39E10). */
    public static byte[] xlsx(School school) {
        try (XSSFWorkbook book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("家庭名单");
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle text = book.createCellStyle();
            text.setDataFormat(book.createDataFormat().getFormat("@"));
            Row head = sheet.createRow(0);
            for (int c = 0; c < HEADERS.size(); c++) {
                head.createCell(c).setCellValue(HEADERS.get(c));
                head.getCell(c).setCellStyle(bold);
                sheet.setDefaultColumnStyle(c, text);
                sheet.setColumnWidth(c, (c == 4 ? 36 : 14) * 256);
            }
            List<List<String>> examples = examples(school);
            for (int r = 0; r < examples.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < HEADERS.size(); c++) {
                    row.createCell(c).setCellValue(examples.get(r).get(c));
                    row.getCell(c).setCellStyle(text);
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
