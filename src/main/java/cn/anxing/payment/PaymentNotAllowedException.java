package cn.anxing.payment;

/**
 * The signed-in account may not act for this payer or on this application: an insurer's account
 * paying as the assistance fund, an applicant reading someone else's application. The HTTP layer
 * answers 403.
 */
public class PaymentNotAllowedException extends RuntimeException {

    public PaymentNotAllowedException(String message) {
        super(message);
    }
}
