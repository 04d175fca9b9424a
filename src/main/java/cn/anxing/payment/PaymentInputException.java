package cn.anxing.payment;

/**
 * Input that the payment rules refuse: a negative or fractional amount, an unknown hospital, a
 * bill for another person's case, a bill item outside the fund's rescue window, and so on.
 *
 * <p>The HTTP layer turns it into a 4xx with {@code {"code", "message", "field"}}; nothing is
 * recorded when it is thrown. {@code code} is stable for clients, {@code message} is for a person,
 * {@code field} names the input at fault (a JSON path such as {@code items[2].amountFen}).
 */
public class PaymentInputException extends RuntimeException {

    private final String code;
    private final String field;

    public PaymentInputException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
