package cn.anxing.bus;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of a household list (家庭名单), found by their Chinese headings as schools name
 * them; {@link #header} is the one the template writes.
 */
public enum HouseholdColumn {
    CODE("家庭编号", "编号", "家庭号", "户号", "code"),
    NAMES("学生姓名", "姓名", "学生", "names"),
    STUDENTS("人数", "学生人数", "乘车人数", "students"),
    PHONE("家长电话", "家长手机", "联系电话", "手机号", "手机", "电话", "phone"),
    ADDRESS("地址", "家庭地址", "住址", "address"),
    LAT("纬度", "lat", "latitude"),
    LON("经度", "lon", "lng", "longitude"),
    CRS("坐标系", "坐标类型", "坐标来源", "crs");

    final String header;
    final List<String> names;

    HouseholdColumn(String header, String... aliases) {
        this.header = header;
        this.names = List.of(aliases);
    }

    public String header() {
        return header;
    }

    static Optional<HouseholdColumn> find(String heading) {
        String key = heading.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s（）()*＊]", "");
        for (HouseholdColumn column : values()) {
            if (column.names.contains(key) || column.header.equals(key)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /** Spreadsheet column letters: 0 is A, 26 is AA. */
    static String letter(int column) {
        StringBuilder s = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            s.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return s.toString();
    }
}
