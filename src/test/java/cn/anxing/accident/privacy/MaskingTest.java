package cn.anxing.accident.privacy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MaskingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "330102199001011234, 3301**********1234",
            "33010219900101123X, 3301**********123X",
            "330102900101123,    3301*******1123",
            "12345678,           ********",
            "'',                 ''",
    })
    @DisplayName("Licence and ID numbers keep their first four and last four characters")
    void licenceOrId(String number, String masked) {
        assertEquals(masked, Masking.licenceOrId(number));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "13800000001, 138****0001",
            "15957300123, 159****0123",
            "0573123,     *******",
    })
    @DisplayName("Phone numbers keep the carrier prefix and the last four digits")
    void phone(String number, String masked) {
        assertEquals(masked, Masking.phone(number));
    }
}
