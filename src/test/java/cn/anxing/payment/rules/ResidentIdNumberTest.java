package cn.anxing.payment.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.anxing.error.DomainException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("A resident ID number is checked in full and masked to its first and last four")
class ResidentIdNumberTest {

    @ParameterizedTest(name = "{0} is accepted as {1}")
    @CsvSource({
        "330482199001011232, 330482199001011232",
        "11010519491231002X, 11010519491231002X",
        "11010519491231002x, 11010519491231002X",
        "' 330482198506150022 ', 330482198506150022",
    })
    @DisplayName("Numbers whose check character matches are accepted; a lowercase x is an X")
    void accepted(String given, String stored) {
        assertEquals(stored, ResidentIdNumber.parse(given, "injuredIdNumber").value());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "330482199001011233, check character",
        "33048219900101123, 18 characters",
        "3304821990010112321, 18 characters",
        "33048219900101123A, 17 digits and a digit or X",
        "3304821990A101123X, 17 digits and a digit or X",
        "330482199013011236, birth date",
        "330482199002301230, birth date",
    })
    @DisplayName("A wrong check character, length, character or birth date is a 400 naming the"
            + " field, saying what is wrong in Chinese first")
    void refused(String given, String why) {
        DomainException e = assertThrows(DomainException.class,
                () -> ResidentIdNumber.parse(given, "injuredIdNumber"));
        assertEquals(PaymentError.ID_NUMBER_INVALID, e.code());
        assertEquals(400, e.status());
        assertEquals("injuredIdNumber", e.field());
        assertEquals(true, e.getMessage().startsWith("身份证号码"), e.getMessage());
        assertEquals(true, e.getMessage().contains(why), e.getMessage());
    }

    @Test
    @DisplayName("Masked, it keeps the first four and the last four: 3304**********1232")
    void masked() {
        var number = ResidentIdNumber.parse("330482199001011232", "n");
        assertEquals("3304**********1232", number.masked());
        assertEquals("3304**********1232", number.toString(), "never logged in full");
    }

    @Test
    @DisplayName("The relation is one of 本人, 配偶, 子女, 父母, 其他; anything else is a 400")
    void relation() {
        assertEquals(InjuredRelation.SPOUSE, InjuredRelation.parse("SPOUSE", "r"));
        DomainException e = assertThrows(DomainException.class,
                () -> InjuredRelation.parse("NEIGHBOUR", "injuredRelation"));
        assertEquals(PaymentError.RELATION_INVALID, e.code());
        assertEquals("injuredRelation", e.field());
    }
}
