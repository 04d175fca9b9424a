package cn.anxing.error;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The README's table of error codes, made from every enum implementing {@link ErrorCode} in
 * src/main (a scan of its class folder): code, status, feature and the constant's Javadoc as
 * its meaning. Rewrite the table after adding or changing a code with
 * {@code mvn -B -o -Dskip.frontend test -Dtest=ErrorCodeTableTest -DwriteErrorCodes=true}.
 */
public final class ErrorCodeTable {

    static final Path README = Path.of("README.md");
    static final String START = "<!-- error-codes:start (generated: see ErrorCodeTable) -->";
    static final String END = "<!-- error-codes:end -->";

    /** One code as the README lists it. */
    record Row(String code, int status, String feature, String meaning) {

        String key() {
            return feature + " " + code + " " + status;
        }
    }

    private ErrorCodeTable() {
    }

    public static void main(String[] args) throws IOException {
        writeReadme();
        System.out.println("README.md: " + rows().size() + " error codes");
    }

    /** Every code of every ErrorCode enum in src/main, by feature then code. */
    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Class<?> enumClass : errorCodeEnums()) {
            String source = source(enumClass);
            for (Object constant : enumClass.getEnumConstants()) {
                ErrorCode code = (ErrorCode) constant;
                rows.add(new Row(code.name(), code.status(), feature(enumClass),
                        meaning(source, code.name())));
            }
        }
        rows.sort(Comparator.comparing((Row r) -> !r.feature().equals("common"))
                .thenComparing(Row::feature).thenComparing(Row::code));
        return rows;
    }

    /**
     * The enums implementing ErrorCode among the classes of src/main (the folder ErrorCode was
     * loaded from), found by walking it: loading without initialising is quick, where an
     * importer would resolve every library the classes use.
     */
    static List<Class<?>> errorCodeEnums() {
        try {
            Path root = Path.of(ErrorCode.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            List<Class<?>> enums = new ArrayList<>();
            try (Stream<Path> files = Files.walk(root.resolve("cn/anxing"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(file).toString().replace('/', '.')
                            .replaceAll("\\.class$", "");
                    Class<?> type = Class.forName(name, false, ErrorCode.class.getClassLoader());
                    if (type.isEnum() && ErrorCode.class.isAssignableFrom(type)) {
                        enums.add(type);
                    }
                }
            }
            return enums;
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot list the classes of src/main", e);
        }
    }

    /** {@code cn.anxing.bus.BusError} is bus's; the shared codes are "common". */
    static String feature(Class<?> enumClass) {
        String pkg = enumClass.getPackageName();
        return pkg.equals("cn.anxing.error") ? "common" : pkg.substring("cn.anxing.".length());
    }

    static String markdown(List<Row> rows) {
        var table = new StringBuilder("| Code | Status | Feature | Meaning |\n|---|---|---|---|\n");
        for (Row row : rows) {
            table.append("| `").append(row.code()).append("` | ").append(row.status())
                    .append(" | ").append(row.feature()).append(" | ").append(row.meaning())
                    .append(" |\n");
        }
        return table.toString();
    }

    /** The rows of the README's table, as written there. */
    static List<Row> readme() throws IOException {
        String text = Files.readString(README, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException("README.md has no generated error-code table");
        }
        List<Row> rows = new ArrayList<>();
        Pattern row = Pattern.compile("^\\| `([A-Z0-9_]+)` \\| (\\d{3}) \\| ([a-z.]+) \\|(.*)\\|$");
        for (String line : text.substring(start, end).split("\n")) {
            Matcher m = row.matcher(line.strip());
            if (m.matches()) {
                rows.add(new Row(m.group(1), Integer.parseInt(m.group(2)), m.group(3),
                        m.group(4).strip()));
            }
        }
        return rows;
    }

    static void writeReadme() throws IOException {
        String text = Files.readString(README, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException("README.md needs the markers " + START + " and "
                    + END + " where the table goes");
        }
        String updated = text.substring(0, start + START.length()) + "\n" + markdown(rows())
                + text.substring(end);
        Files.writeString(README, updated, StandardCharsets.UTF_8);
    }

    private static String source(Class<?> enumClass) {
        Path file = Path.of("src/main/java", enumClass.getName().replace('.', '/') + ".java");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The constant's Javadoc on one line, or empty when it has none. */
    private static String meaning(String source, String constant) {
        Matcher m = Pattern.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*" + constant + "\\s*[(,;]",
                Pattern.DOTALL).matcher(source);
        if (!m.find()) {
            return "";
        }
        return m.group(1).replaceAll("\\s*\\n\\s*\\*\\s?", " ").replaceAll("\\{@code ([^}]*)}",
                "`$1`").replace("|", "\\|").strip();
    }
}
