package cn.anxing.bus;

import cn.anxing.error.DomainException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * A household list as a school exports it (学生家庭名单), read into lines of cells: a CSV in
 * UTF-8 (with or without the BOM Excel writes), GBK or GB18030 (what Excel and WPS write on a
 * Chinese Windows), or an Excel workbook (.xlsx, or .xls from older Excel; its first sheet).
 *
 * <p>Line numbers are the ones the coordinator sees: the CSV's line where the record starts,
 * the spreadsheet's row number. Blank lines are skipped but keep their numbers.
 *
 * <p>POI's defaults are meant for trusted documents (4 GB per zip entry, 1000 entries): an
 * upload is not trusted, so {@link #limitPoi()} caps a workbook's entries at 16 MiB each
 * inflated and 200 entries, and its extracted text at 4 M characters; POI's XML parsers already
 * refuse DTDs and external entities. The upload itself is capped by the HTTP body limit.
 */
public final class HouseholdSheet {

    /** How the file was read: {@code csv} or {@code xlsx} (also for .xls). */
    public enum Format { CSV, XLSX }

    /** One line of the file: its number as the coordinator sees it, and its cells. */
    public record Line(int number, List<String> cells) {
        public String cell(int column) {
            return column < 0 || column >= cells.size() ? "" : cells.get(column).strip();
        }

        boolean blank() {
            return cells.stream().allMatch(c -> c.isBlank());
        }
    }

    /**
     * @param encoding the CSV's encoding as read (UTF-8, GB18030, ...); null for a workbook
     * @param detected the encoding was found from the bytes rather than chosen
     */
    public record Table(Format format, String encoding, boolean detected, List<Line> lines) {
    }

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final long MAX_ENTRY_BYTES = 16L * 1024 * 1024;
    private static final int MAX_ENTRIES = 200;
    private static final long MAX_TEXT_CHARS = 4L * 1024 * 1024;

    static {
        limitPoi();
    }

    private HouseholdSheet() {
    }

    /** The limits POI keeps for every workbook this server opens (they are global in POI). */
    static void limitPoi() {
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
        ZipSecureFile.setMaxFileCount(MAX_ENTRIES);
        ZipSecureFile.setMaxTextSize(MAX_TEXT_CHARS);
        // POI's own default: an entry inflating more than 100 times is a zip bomb
        ZipSecureFile.setMinInflateRatio(0.01);
    }

    /**
     * Reads {@code bytes}: a workbook when they start as one (zip or OLE2), else CSV text.
     *
     * @param encoding {@code auto} (BOM, then strict UTF-8, else GB18030, which reads every
     *                 GBK file the same), or UTF-8, GBK or GB18030
     */
    public static Table read(byte[] bytes, String encoding) {
        if (bytes.length == 0) {
            throw unreadable("file", "文件是空的 / the file is empty");
        }
        if (isWorkbook(bytes)) {
            return new Table(Format.XLSX, null, false, workbook(bytes));
        }
        String key = encoding == null ? "AUTO" : encoding.strip().toUpperCase(Locale.ROOT);
        Decoded text = switch (key) {
            case "AUTO", "" -> detect(bytes);
            case "UTF-8", "UTF8" -> new Decoded(decode(strip(bytes), StandardCharsets.UTF_8),
                    "UTF-8", false);
            case "GBK", "GB2312" -> new Decoded(decode(bytes, Charset.forName("GBK")), "GBK",
                    false);
            case "GB18030" -> new Decoded(decode(bytes, Charset.forName("GB18030")), "GB18030",
                    false);
            default -> throw unreadable("encoding", "编码只能是自动、UTF-8、GBK 或 GB18030 /"
                    + " encoding must be auto, UTF-8, GBK or GB18030");
        };
        return new Table(Format.CSV, text.encoding(), text.detected(), csv(text.text()));
    }

    private record Decoded(String text, String encoding, boolean detected) {
    }

    private static Decoded detect(byte[] bytes) {
        if (startsWith(bytes, UTF8_BOM)) {
            return new Decoded(decode(strip(bytes), StandardCharsets.UTF_8), "UTF-8", true);
        }
        try {
            return new Decoded(strict(bytes, StandardCharsets.UTF_8), "UTF-8", true);
        } catch (CharacterCodingException e) {
            // not UTF-8: a Chinese Windows export, GBK or its superset GB18030
            return new Decoded(decode(bytes, Charset.forName("GB18030")), "GB18030", true);
        }
    }

    private static String decode(byte[] bytes, Charset charset) {
        try {
            return strict(bytes, charset);
        } catch (CharacterCodingException e) {
            throw unreadable("encoding", "文件不是 " + charset.name() + " 编码，请选择“自动”或另一种编码"
                    + " / the file is not " + charset.name() + " text; choose auto or another"
                    + " encoding");
        }
    }

    private static String strict(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static byte[] strip(byte[] bytes) {
        return startsWith(bytes, UTF8_BOM)
                ? java.util.Arrays.copyOfRange(bytes, UTF8_BOM.length, bytes.length) : bytes;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A zip (.xlsx) or an OLE2 compound file (.xls). */
    private static boolean isWorkbook(byte[] b) {
        return b.length >= 4 && (b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4
                || (b[0] & 0xFF) == 0xD0 && (b[1] & 0xFF) == 0xCF && (b[2] & 0xFF) == 0x11
                && (b[3] & 0xFF) == 0xE0);
    }

    // ---------------------------------------------------------------- CSV

    /** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
    static List<Line> csv(String text) {
        char separator = separator(text);
        List<Line> lines = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int start = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                quoted = true;
                cell.setLength(0);
            } else if (c == separator) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                cell.setLength(0);
                add(lines, new Line(start, List.copyOf(cells)));
                cells.clear();
                line++;
                start = line;
            } else {
                cell.append(c);
            }
        }
        if (!cell.isEmpty() || !cells.isEmpty()) {
            cells.add(cell.toString());
            add(lines, new Line(start, List.copyOf(cells)));
        }
        return lines;
    }

    private static void add(List<Line> lines, Line line) {
        if (!line.blank()) {
            lines.add(line);
        }
    }

    /** Comma, unless the first line holds more tabs or semicolons (other Excel locales). */
    private static char separator(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        long commas = first.chars().filter(c -> c == ',').count();
        long tabs = first.chars().filter(c -> c == '\t').count();
        long semicolons = first.chars().filter(c -> c == ';').count();
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    // ---------------------------------------------------------------- workbooks

    private static List<Line> workbook(byte[] bytes) {
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
            if (book.getNumberOfSheets() == 0) {
                throw unreadable("file", "工作簿中没有工作表 / the workbook has no sheet");
            }
            Sheet sheet = book.getSheetAt(0);
            DataFormatter formatter = new DataFormatter(Locale.ROOT);
            List<Line> lines = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                    cells.add(text(row.getCell(c), formatter));
                }
                add(lines, new Line(row.getRowNum() + 1, cells));
            }
            return lines;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException d) {
                throw d;
            }
            throw unreadable("file", "无法读取这个 Excel 文件（" + e.getClass().getSimpleName()
                    + "），请另存为 .xlsx 或 CSV 再试 / the workbook cannot be read; save it as .xlsx"
                    + " or CSV and try again");
        }
    }

    /**
     * A cell's text. Numbers are written out in full (a phone typed as a number is 13800000001,
     * not 1.38E10; a latitude keeps all its digits), not as the cell's display format rounds
     * them.
     */
    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType()
                : cell.getCellType();
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? formatter.formatCellValue(cell)
                    : BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros()
                    .toPlainString();
            case STRING -> cell.getRichStringCellValue().getString();
            case BOOLEAN -> cell.getBooleanCellValue() ? "是" : "否";
            default -> "";
        };
    }

    private static DomainException unreadable(String field, String message) {
        return new DomainException(RegisterError.IMPORT_UNREADABLE, message, field);
    }
}
