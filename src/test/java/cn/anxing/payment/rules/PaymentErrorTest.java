package cn.anxing.payment.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Payment error codes keep the statuses clients had")
class PaymentErrorTest {

    /**
     * What app.DomainErrors.paymentInputStatus and its siblings answered before the enum, and
     * UNKNOWN_CASE, which issue 10 made a 404: a case one may not see and one that does not
     * exist both answer "not found".
     */
    private static final Map<String, Integer> NOT_400 = Map.of(
            "UNKNOWN_CASE", 404,
            "UNKNOWN_APPLICATION", 404,
            "UNKNOWN_INSTRUCTION", 404,
            "APPLICATION_EXISTS", 409,
            "LIABILITY_CHANGED", 409,
            "ALREADY_REVERSED", 409,
            "ALREADY_DISBURSED", 409,
            "ILLEGAL_TRANSITION", 409,
            "IDEMPOTENCY_IN_PROGRESS", 409,
            "IDEMPOTENCY_KEY_REUSED", 409);

    @Test
    @DisplayName("Unknown ids are 404, the conflicts 409, every other code 400")
    void statuses() {
        for (PaymentError code : PaymentError.values()) {
            assertEquals(NOT_400.getOrDefault(code.name(), 400), code.status(), code.name());
        }
    }

    @Test
    @DisplayName("An error names its field and carries its code")
    void error() {
        var e = PaymentError.AMOUNT_ZERO.error("amountFen", "an advance must be for more than 0");
        assertEquals(PaymentError.AMOUNT_ZERO, e.code());
        assertEquals("amountFen", e.field());
        assertEquals(400, e.status());
    }
}
