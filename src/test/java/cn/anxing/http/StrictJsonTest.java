package cn.anxing.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.anxing.error.DomainException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Strict JSON: every text and number of a body checked before any route")
class StrictJsonTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"name\": \"a\\u0000b\"}                          | VALIDATION_FAILED | name",
        "{\"items\": [{\"d\": \"ok\"}, {\"d\": \"x\\ud800\"}]} | VALIDATION_FAILED | items[1].d",
        "{\"a\": {\"b\\u202Ec\": 1}}                        | VALIDATION_FAILED | a.b\u202Ec",
        "{\"lat\": 1e309}                                  | VALIDATION_FAILED | lat",
        "{\"list\": [1, -1e400]}                           | VALIDATION_FAILED | list[1]",
        "{\"a\": 1, \"a\": 2}                               | DUPLICATE_KEY     | a",
        "[\"\\u200B\"]                                      | VALIDATION_FAILED | [0]",
    })
    @DisplayName("a bad text (keys included) or a non-finite number is a 400 naming its path")
    void refused(String body, String code, String field) {
        var e = assertThrows(DomainException.class,
                () -> StrictJson.checkSyntax(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(code, e.code().name(), e.getMessage());
        assertEquals(field, e.field());
    }

    @Test
    @DisplayName("clean text in any script, emoji, markup as text and big but finite numbers pass")
    void clean() {
        String body = new JsonObject().put("name", "张三 Zoë 👩‍👧").put("note", "<b>多行\n文字</b>")
                .put("n", 1.5e308).put("items", new io.vertx.core.json.JsonArray().add(-3))
                .encode();
        assertDoesNotThrow(() -> StrictJson.checkSyntax(body.getBytes(StandardCharsets.UTF_8)));
    }
}
