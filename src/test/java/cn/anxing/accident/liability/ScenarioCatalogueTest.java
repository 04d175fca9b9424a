package cn.anxing.accident.liability;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioCatalogueTest {

    private static final String VALID_ENTRY = """
            {"code": "REAR_END", "nameZh": "追尾", "nameEn": "Rear-end",
             "descriptionZh": "后车追尾", "descriptionEn": "hits the car in front",
             "legalBasis": [{"zh": "《道路交通安全法》第四十三条", "en": "RTSL art. 43"}]}""";

    static ScenarioCatalogue parse(String json) {
        return ScenarioCatalogue.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    static String catalogue(String version, String effectiveFrom, String entries) {
        return """
                {"version": "%s", "effectiveFrom": "%s", "jurisdiction": "330000",
                 "jurisdictionName": "浙江省", "scenarios": [%s]}""".formatted(
                version, effectiveFrom, entries);
    }

    @Test
    @DisplayName("The bundled catalogue lists the 21 national quick-handling codes, each with a legal basis")
    void bundledCatalogueHasTheTwentyOneCodes() {
        ScenarioCatalogue c = ScenarioCatalogue.bundled();
        assertEquals(List.of("REAR_END", "LANE_CHANGE", "TURN_NOT_YIELD_STRAIGHT_SIGNAL",
                "RIGHT_TURN_ON_RED_NOT_YIELD", "RED_LIGHT", "OVERTAKE_LEFT_TURNING",
                "UNSIGNALLED_NOT_YIELD_SIGN", "UNSIGNALLED_TURN_NOT_YIELD_STRAIGHT",
                "UNSIGNALLED_RIGHT_NOT_YIELD_LEFT", "ROUNDABOUT_ENTRY", "U_TURN_NOT_YIELD",
                "OVERTAKE_U_TURNING", "U_TURN_PROHIBITED", "WRONG_WAY", "OVERTAKE_ONCOMING",
                "OVERTAKE_OVERTAKING", "LANE_ARROW_VIOLATION", "REVERSING", "ROLLING_BACK",
                "DOOR_OPENING", "DEDICATED_LANE"), c.codes());
        assertEquals("330000", c.jurisdiction());
        for (Scenario s : c.scenarios()) {
            assertTrue(s.legalBasis().stream().allMatch(b -> b.zh().startsWith("《中华人民共和国道路交通安全法")),
                    s.code() + " cites the Road Traffic Safety Law or its Implementing Regulations");
        }
    }

    @Test
    @DisplayName("Following distance is cited from the Road Traffic Safety Law art. 43, not the Regulations")
    void rearEndCitesTheLawArticle43() {
        Scenario s = ScenarioCatalogue.bundled().require("REAR_END", "code");
        assertEquals("《中华人民共和国道路交通安全法》第四十三条", s.legalBasis().get(0).zh());
    }

    @Test
    @DisplayName("A code that appears twice is refused and the second occurrence is named")
    void duplicateCodeIsRefused() {
        DomainException e = assertThrows(DomainException.class,
                () -> parse(catalogue("t", "2025-01-01", VALID_ENTRY + "," + VALID_ENTRY)));
        assertEquals(AccidentError.CATALOGUE_INVALID, e.code());
        assertEquals("scenarios[1].code", e.field());
    }

    @ParameterizedTest(name = "missing {0} is named as {1}")
    @CsvSource({
            "'\"nameZh\": \"追尾\",', scenarios[0].nameZh",
            "'\"nameEn\": \"Rear-end\",', scenarios[0].nameEn",
            "'\"descriptionZh\": \"后车追尾\",', scenarios[0].descriptionZh",
            "'\"descriptionEn\": \"hits the car in front\",', scenarios[0].descriptionEn",
            "'\"zh\": \"《道路交通安全法》第四十三条\",', scenarios[0].legalBasis[0].zh",
            "'\"code\": \"REAR_END\",', scenarios[0].code",
    })
    @DisplayName("Every field of an entry must be present; the missing one is named")
    void missingFieldIsNamed(String removed, String field) {
        String entry = VALID_ENTRY.replace(removed, "");
        DomainException e = assertThrows(DomainException.class,
                () -> parse(catalogue("t", "2025-01-01", entry)));
        assertEquals(field, e.field());
    }

    @Test
    @DisplayName("An entry without any legal basis is refused")
    void entryWithoutLegalBasisIsRefused() {
        String entry = VALID_ENTRY.replaceAll("\\[\\{.*}]", "[]");
        DomainException e = assertThrows(DomainException.class,
                () -> parse(catalogue("t", "2025-01-01", entry)));
        assertEquals("scenarios[0].legalBasis", e.field());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no version             | {\"effectiveFrom\": \"2025-01-01\", \"jurisdiction\": \"330000\", \"jurisdictionName\": \"浙江省\", \"scenarios\": []} | version",
            "bad date               | {\"version\": \"x\", \"effectiveFrom\": \"2025-13-01\", \"jurisdiction\": \"330000\", \"jurisdictionName\": \"浙江省\", \"scenarios\": []} | effectiveFrom",
            "no jurisdiction        | {\"version\": \"x\", \"effectiveFrom\": \"2025-01-01\", \"jurisdictionName\": \"浙江省\", \"scenarios\": []} | jurisdiction",
            "scenarios not a list   | {\"version\": \"x\", \"effectiveFrom\": \"2025-01-01\", \"jurisdiction\": \"330000\", \"jurisdictionName\": \"浙江省\", \"scenarios\": 3} | scenarios",
            "empty list             | {\"version\": \"x\", \"effectiveFrom\": \"2025-01-01\", \"jurisdiction\": \"330000\", \"jurisdictionName\": \"浙江省\", \"scenarios\": []} | scenarios",
    })
    @DisplayName("The catalogue header is validated field by field")
    void headerIsValidated(String what, String json, String field) {
        DomainException e = assertThrows(DomainException.class, () -> parse(json));
        assertEquals(AccidentError.CATALOGUE_INVALID, e.code());
        assertEquals(field, e.field());
    }

    @ParameterizedTest(name = "on {0} the version in force is {1}")
    @CsvSource({
            "2025-01-01, zj-v1",
            "2025-12-31, zj-v1",
            "2026-03-01, zj-v2",
            "2030-01-01, zj-v2",
    })
    @DisplayName("Several versions are held; an accident is judged under the one in force on its date")
    void versionInForceOnADate(LocalDate date, String expected) {
        ScenarioCatalogues all = new ScenarioCatalogues(List.of(
                ScenarioCatalogue.bundled(),
                parse(catalogue("zj-v2", "2026-03-01", VALID_ENTRY))));
        assertEquals(expected, all.inForceOn(date).version());
        assertTrue(all.byVersion("zj-v1").isPresent());
    }

    @Test
    @DisplayName("Before the first version takes effect there is no catalogue and the accident date is named")
    void noCatalogueBeforeTheFirstVersion() {
        ScenarioCatalogues all = new ScenarioCatalogues(List.of(ScenarioCatalogue.bundled()));
        DomainException e = assertThrows(DomainException.class,
                () -> all.inForceOn(LocalDate.of(2024, 12, 31)));
        assertEquals("occurredAt", e.field());
    }

    @Test
    @DisplayName("A province's override file from configuration joins the bundled catalogue and takes over on its date")
    void overrideFileFromConfiguration(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("scenarios-zj-v2.json");
        java.nio.file.Files.writeString(file, catalogue("zj-v2", "2027-01-01", VALID_ENTRY));
        ScenarioCatalogues all = ScenarioCatalogues.bundledPlus(List.of(file));
        assertEquals("zj-v1", all.inForceOn(LocalDate.of(2026, 12, 31)).version());
        assertEquals("zj-v2", all.inForceOn(LocalDate.of(2027, 1, 1)).version());
        assertEquals(List.of("REAR_END"), all.inForceOn(LocalDate.of(2027, 1, 1)).codes());
    }
}
