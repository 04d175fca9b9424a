package cn.anxing.payment.rules;

/**
 * A configuration file of the payment rules (limit schedule, working calendar) that cannot be
 * trusted: a gap or overlap between periods, a negative or fractional amount, a malformed date.
 * It is a start-up failure, not a client error.
 */
public class InvalidScheduleException extends RuntimeException {

    public InvalidScheduleException(String message) {
        super(message);
    }
}
