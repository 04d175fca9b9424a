package cn.anxing.payment.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.anxing.error.DomainException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FenTest {

    static Stream<Arguments> acceptedInput() {
        return Stream.of(
                Arguments.of(0, 0L),
                Arguments.of(1_800_000, 1_800_000L),
                Arguments.of(Long.MAX_VALUE, Long.MAX_VALUE),
                Arguments.of(new BigInteger("123"), 123L),
                Arguments.of(new BigDecimal("1200.00"), 1200L),
                Arguments.of(12.0d, 12L));
    }

    @ParameterizedTest(name = "{0} is {1} fen")
    @MethodSource("acceptedInput")
    @DisplayName("A whole, non-negative JSON number is an amount in fen")
    void acceptsWholeNumbers(Object json, long expected) {
        assertEquals(Fen.of(expected), Fen.parse("amountFen", json));
    }

    static Stream<Arguments> refusedInput() {
        return Stream.of(
                Arguments.of(-1, "amount_negative"),
                Arguments.of(-1L, "amount_negative"),
                Arguments.of(12.5d, "amount_fractional"),
                Arguments.of(new BigDecimal("0.01"), "amount_fractional"),
                Arguments.of("1800", "amount_not_a_number"),
                Arguments.of(true, "amount_not_a_number"),
                Arguments.of(null, "amount_missing"),
                Arguments.of(Double.NaN, "amount_not_a_number"),
                Arguments.of(1e300, "amount_too_large"),
                Arguments.of(new BigInteger("9223372036854775808"), "amount_too_large"),
                Arguments.of(new BigDecimal("1e30"), "amount_too_large"));
    }

    @ParameterizedTest(name = "{0} is refused as {1}")
    @MethodSource("refusedInput")
    @DisplayName("Negative, fractional, textual and overflowing input is refused, naming the field")
    void refusesBadInput(Object json, String code) {
        DomainException e = assertThrows(DomainException.class,
                () -> Fen.parse("items[0].amountFen", json));
        assertEquals(code.toUpperCase(Locale.ROOT), e.code().name());
        assertEquals("items[0].amountFen", e.field());
    }

    @ParameterizedTest(name = "{0} fen reads ''{1}''")
    @CsvSource({
            "0, '¥0.00'",
            "5, '¥0.05'",
            "180000, '¥1,800.00'",
            "1800000, '¥18,000.00'",
            "12345678901, '¥123,456,789.01'",
    })
    @DisplayName("Amounts are shown to people in yuan with grouping and two decimals")
    void formatsAsYuan(long fen, String text) {
        assertEquals(text, Fen.of(fen).toYuanText());
    }

    @Test
    @DisplayName("Subtracting more than an amount holds fails instead of going negative")
    void minusNeverGoesNegative() {
        assertThrows(IllegalArgumentException.class, () -> Fen.of(100).minus(Fen.of(101)));
        assertEquals(Fen.ZERO, Fen.of(100).minusFloorZero(Fen.of(101)));
    }

    @Test
    @DisplayName("Adding beyond the range of long fails instead of wrapping around")
    void plusOverflows() {
        assertThrows(ArithmeticException.class, () -> Fen.of(Long.MAX_VALUE).plus(Fen.of(1)));
    }
}
