package cn.anxing.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/**
 * What any text a client sends may not contain, wherever it stands in a body: control
 * characters other than tab and line breaks (PostgreSQL refuses NUL in text), unpaired
 * surrogates (they cannot be stored as UTF-8), bidirectional controls (they make a name or a
 * plate read differently from what is stored, 张三‮abc), byte-order marks and zero-width
 * spaces, noncharacters, and a run of combining marks longer than any script needs (or one with
 * nothing to combine with). Lengths are a matter of each field, not of this class.
 */
public final class TextRules {

    /** Longer runs of combining marks are not writing but an attack on the renderer. */
    static final int MAX_COMBINING_RUN = 4;

    private TextRules() {
    }

    /** What is wrong with {@code text}, in words for the error message, or empty. */
    public static Optional<String> problem(String text) {
        int combiningRun = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    combiningRun = 0;
                    continue;
                }
                return Optional.of("含有不成对的代理字符 / contains an unpaired surrogate");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("含有不成对的代理字符 / contains an unpaired surrogate");
            }
            if (c == '\t' || c == '\n' || c == '\r') {
                combiningRun = 0;
                continue;
            }
            if (Character.isISOControl(c)) {
                return Optional.of("含有控制字符 / contains a control character (U+"
                        + hex(c) + ")");
            }
            if (isBidiControl(c) || c == '\uFEFF' || c == '\u200B' || c == '\uFFFE'
                    || c == '\uFFFF') {
                return Optional.of("含有不可见的格式字符 / contains an invisible formatting"
                        + " character (U+" + hex(c) + ")");
            }
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                combiningRun++;
                if (i == 0) {
                    return Optional.of("以组合符号开头 / starts with a combining mark");
                }
                if (combiningRun > MAX_COMBINING_RUN) {
                    return Optional.of("组合符号过多 / has too many combining marks in a row");
                }
            } else {
                combiningRun = 0;
            }
        }
        return Optional.empty();
    }

    /**
     * The path of the first string in {@code json} (keys included) that breaks a rule, with the
     * problem, e.g. {@code items[2].description}; empty when all text is clean.
     */
    public static Optional<Map.Entry<String, String>> firstProblem(Object json, String path) {
        if (json instanceof String s) {
            return problem(s).map(p -> Map.entry(path, p));
        }
        if (json instanceof JsonObject o) {
            for (var field : o) {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                Optional<String> inKey = problem(field.getKey());
                if (inKey.isPresent()) {
                    return Optional.of(Map.entry(child, inKey.get()));
                }
                var found = firstProblem(field.getValue(), child);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (json instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                var found = firstProblem(a.getValue(i), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isBidiControl(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
