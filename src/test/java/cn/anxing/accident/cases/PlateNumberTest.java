package cn.anxing.accident.cases;

import cn.anxing.error.DomainException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlateNumberTest {

    @ParameterizedTest(name = "''{0}'' -> {1} ({2})")
    @CsvSource({
            "浙F12345,      浙F12345,  ORDINARY",
            "浙FA1B2C,      浙FA1B2C,  ORDINARY",
            "京A00001,      京A00001,  ORDINARY",
            "琼Z9ZZZZ,      琼Z9ZZZZ,  ORDINARY",
            "浙f12345,      浙F12345,  ORDINARY",
            "'浙F·12345',   浙F12345,  ORDINARY",
            "' 浙 F 123 45 ', 浙F12345, ORDINARY",
            "浙Ｆ１２３４５, 浙F12345,  ORDINARY",
            "浙FD12345,     浙FD12345, NEW_ENERGY_SMALL",
            "浙FF12345,     浙FF12345, NEW_ENERGY_SMALL",
            "浙FDA1234,     浙FDA1234, NEW_ENERGY_SMALL",
            "浙fd12345,     浙FD12345, NEW_ENERGY_SMALL",
            "浙F12345D,     浙F12345D, NEW_ENERGY_LARGE",
            "粤B12345F,     粤B12345F, NEW_ENERGY_LARGE",
            "浙ＦＤ１２３４５, 浙FD12345, NEW_ENERGY_SMALL",
    })
    @DisplayName("Ordinary and new-energy plates are accepted and normalised")
    void validPlates(String input, String normalised, PlateNumber.Kind kind) {
        PlateNumber p = PlateNumber.parse(input);
        assertEquals(normalised, p.value());
        assertEquals(kind, p.kind());
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource({
            "'',            empty",
            "港A12345,      province abbreviation",
            "AF12345,       province abbreviation",
            "浙112345,      issuing office's letter",
            "浙I12345,      issuing office's letter",
            "浙O12345,      issuing office's letter",
            "浙F1234,       7 characters",
            "浙F1234567,    7 characters",
            "浙F1234I,      without I and O",
            "浙F12O45,      without I and O",
            "浙F12#45,      without I and O",
            "' · ',         empty",
            "浙FA12345,     new-energy plate",
            "浙FD1234A,     new-energy plate",
            "浙F1234DD,     new-energy plate",
            "浙FDI1234,     new-energy plate",
            "浙F1234挂,     without I and O",
    })
    @DisplayName("Anything else is refused with a message that says what is wrong and names the field")
    void invalidPlates(String input, String messagePart) {
        DomainException e = assertThrows(DomainException.class,
                () -> PlateNumber.parse(input, "parties[1].plate"));
        assertEquals(AccidentError.PLATE_INVALID, e.code());
        assertEquals("parties[1].plate", e.field());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    @DisplayName("The province list has the 31 mainland provincial divisions, each once")
    void thirtyOneProvinces() {
        assertEquals(31, PlateNumber.PROVINCES.length());
        assertEquals(31, PlateNumber.PROVINCES.chars().distinct().count());
    }
}
