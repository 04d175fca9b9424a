package cn.anxing.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Text a client sends")
class TextRulesTest {

    @ParameterizedTest(name = "\"{0}\" is fine")
    @ValueSource(strings = {"张三", "浙F12345", "Zoë Brontë", "多行\n文字\t制表", "👩‍👧 family",
        "Đặng Thị Ngọc", "नमस्ते", "", "' OR '1'='1", "<b>not html here</b>", "e\u0301\u0301"})
    @DisplayName("may be any language, emoji, accents and line breaks")
    void fine(String text) {
        assertEquals(Optional.empty(), TextRules.problem(text));
    }

    @ParameterizedTest(name = "U+{0} is refused")
    @ValueSource(strings = {"0000", "0007", "001B", "007F", "0085", "202E", "202D", "2066",
        "2069", "200F", "061C", "FEFF", "200B", "FFFF", "D800", "DC00", "0301"})
    @DisplayName("may not hold controls, bidi overrides, lone surrogates or a leading mark")
    void refused(String hex) {
        String text = (char) Integer.parseInt(hex, 16) + "x";
        assertEquals(true, TextRules.problem("a" + text).isPresent()
                || TextRules.problem(text).isPresent(), hex);
        if (!hex.equals("0301")) {
            assertEquals(true, TextRules.problem("a" + text).isPresent(), "inside: " + hex);
        }
    }

    @Test
    @DisplayName("may not pile up combining marks")
    void combiningFlood() {
        assertEquals(true, TextRules.problem("a" + "\u0301".repeat(40)).isPresent());
        assertEquals(false, TextRules.problem("a" + "\u0301".repeat(4)).isPresent());
    }

    @Test
    @DisplayName("is checked everywhere in a body, keys included, naming the path")
    void walksTheBody() {
        var body = new JsonObject().put("name", "ok").put("items", new JsonArray()
                .add(new JsonObject().put("description", "fine"))
                .add(new JsonObject().put("description", "bad\u0000")));
        assertEquals("items[1].description", TextRules.firstProblem(body, "")
                .map(Map.Entry::getKey).orElse(null));
        assertEquals("bad\u202Ekey", TextRules.firstProblem(new JsonObject()
                .put("bad\u202Ekey", 1), "").map(Map.Entry::getKey).orElse(null));
        assertEquals(Optional.empty(), TextRules.firstProblem(new JsonObject().put("a",
                new JsonArray().add(1).add(true).add("文字")), ""));
    }
}
