package cn.anxing.accident.cases;

import cn.anxing.error.DomainException;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A Chinese motor vehicle plate (号牌号码) as GA 36-2018 defines the blue/yellow ordinary plate
 * and the green new-energy plate: province abbreviation, the issuing office's letter, then the
 * serial. I and O never appear, because they read as 1 and 0.
 *
 * <p>Special plates (挂 trailer, 学 learner, 警 police, 港/澳 cross-border, embassy) are not
 * accepted: vehicles that carry them are not handled online.
 *
 * @param value normalised: upper case, half-width, no separators, e.g. 浙F12345, 浙FD12345
 */
public record PlateNumber(String value, Kind kind) {

    public enum Kind {
        /** 7 characters: 浙F12345. */
        ORDINARY,
        /** 小型新能源, 8 characters: D (battery electric) or F (other) then a letter or digit and 4 digits. */
        NEW_ENERGY_SMALL,
        /** 大型新能源, 8 characters: 5 digits then D or F. */
        NEW_ENERGY_LARGE
    }

    /** The 31 mainland provinces, regions and municipalities. */
    public static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

    private static final String LETTER = "[A-HJ-NP-Z]";
    private static final String LETTER_OR_DIGIT = "[A-HJ-NP-Z0-9]";

    public PlateNumber {
        if (!isValid(value, kind)) {
            throw new IllegalArgumentException("not a normalised " + kind + " plate: " + value);
        }
    }

    public static PlateNumber parse(String input) {
        return parse(input, "plate");
    }

    /** Parses what a person typed, naming {@code field} when it is not a plate. */
    public static PlateNumber parse(String input, String field) {
        if (input == null || input.isBlank()) {
            throw invalid("the plate number is empty", field);
        }
        String p = normalise(input);
        if (p.isEmpty()) {
            throw invalid("the plate number is empty", field);
        }
        if (PROVINCES.indexOf(p.charAt(0)) < 0) {
            throw invalid("a plate starts with a province abbreviation such as 浙, not "
                    + p.charAt(0), field);
        }
        if (p.length() < 2 || !String.valueOf(p.charAt(1)).matches(LETTER)) {
            throw invalid("the second character of a plate is the issuing office's letter "
                    + "(A-Z without I and O)", field);
        }
        String serial = p.substring(2);
        if (serial.length() == 5) {
            if (!serial.matches(LETTER_OR_DIGIT + "{5}")) {
                throw invalid("the 5 characters after " + p.substring(0, 2)
                        + " must be letters or digits, without I and O", field);
            }
            return new PlateNumber(p, Kind.ORDINARY);
        }
        if (serial.length() == 6) {
            if (serial.matches("[DF]" + LETTER_OR_DIGIT + "[0-9]{4}")) {
                return new PlateNumber(p, Kind.NEW_ENERGY_SMALL);
            }
            if (serial.matches("[0-9]{5}[DF]")) {
                return new PlateNumber(p, Kind.NEW_ENERGY_LARGE);
            }
            throw invalid("a new-energy plate has D or F then a letter or digit and 4 digits "
                    + "(浙FD12345), or 5 digits then D or F (浙F12345D)", field);
        }
        throw invalid("a plate has 7 characters (浙F12345) or 8 for new-energy vehicles "
                + "(浙FD12345), not " + p.length(), field);
    }

    /** Full-width to half-width, upper case, without the spaces and dots people type. */
    static String normalise(String input) {
        String nfkc = Normalizer.normalize(input, Normalizer.Form.NFKC);
        return nfkc.replaceAll("[\\s·•・.\\-]", "").toUpperCase(Locale.ROOT);
    }

    public char province() {
        return value.charAt(0);
    }

    public boolean newEnergy() {
        return kind != Kind.ORDINARY;
    }

    @Override
    public String toString() {
        return value;
    }

    private static boolean isValid(String value, Kind kind) {
        if (value == null || value.length() < 7 || PROVINCES.indexOf(value.charAt(0)) < 0) {
            return false;
        }
        String rest = value.substring(1);
        return switch (kind) {
            case ORDINARY -> rest.matches(LETTER + LETTER_OR_DIGIT + "{5}");
            case NEW_ENERGY_SMALL -> rest.matches(LETTER + "[DF]" + LETTER_OR_DIGIT + "[0-9]{4}");
            case NEW_ENERGY_LARGE -> rest.matches(LETTER + "[0-9]{5}[DF]");
        };
    }

    private static DomainException invalid(String message, String field) {
        return new DomainException(AccidentError.PLATE_INVALID, message, field);
    }
}
