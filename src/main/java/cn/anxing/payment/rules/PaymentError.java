package cn.anxing.payment.rules;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.error.ErrorCode;

/**
 * Every code the payment feature answers with, and its HTTP status: unknown applications and
 * instructions are 404; a second application, a changed liability, a double reversal or
 * disbursement, a refused move and an idempotency conflict are 409; the rest is the client's
 * input, 400. (A payer acting for another is {@code CommonError.FORBIDDEN}.)
 *
 * <p>It lives beside the rules because they throw it; the service and the stores use it too.
 */
public enum PaymentError implements ErrorCode {
    ACCIDENT_IN_FUTURE,
    ACCIDENT_TIME_MISSING,
    ALREADY_DISBURSED(409),
    ALREADY_REVERSED(409),
    AMOUNT_EXCEEDS_BILL,
    AMOUNT_FRACTIONAL,
    AMOUNT_MISSING,
    AMOUNT_NEGATIVE,
    AMOUNT_NOT_A_NUMBER,
    AMOUNT_TOO_LARGE,
    AMOUNT_ZERO,
    APPLICATION_EXISTS(409),
    BEFORE_ACCIDENT,
    DESCRIPTION_MISSING,
    DUPLICATE_ITEM,
    FUND_AMBIGUOUS,
    ID_INVALID,
    /** The injured person's resident ID number is not 18 characters with a right check one. */
    ID_NUMBER_INVALID,
    /** A retry while the first request with its key is still running. */
    IDEMPOTENCY_IN_PROGRESS(409),
    IDEMPOTENCY_KEY_INVALID,
    IDEMPOTENCY_KEY_MISSING,
    /** The payer used its key before for a different request. */
    IDEMPOTENCY_KEY_REUSED(409),
    /** A move the transition table does not allow, such as paying an unapproved application. */
    ILLEGAL_TRANSITION(409),
    INSURER_AND_UNINSURED,
    INSURER_MISSING,
    INSURER_TWICE,
    /** An invoice number is letters and digits (and - / _), at most 40. */
    INVOICE_INVALID,
    INVOICE_MISSING,
    LIABILITY_CHANGED(409),
    NO_FUND_RULES_FOR_DATE,
    NO_ITEMS,
    NO_LIMITS_FOR_DATE,
    NO_VEHICLES,
    NOT_REVERSIBLE,
    NOTHING_TO_DISBURSE,
    NOTHING_TO_REVERSE,
    OUTSIDE_RESCUE_WINDOW,
    PAYER_KIND_FIXED,
    PAYER_NOT_NAMED,
    PHONE_INVALID,
    /** The injured person's relation is not SELF, SPOUSE, CHILD, PARENT or OTHER. */
    RELATION_INVALID,
    /** A bill item dated after now (beyond a small clock skew). */
    RENDERED_IN_FUTURE,
    SECRET_TOO_SHORT,
    UNKNOWN_APPLICATION(404),
    UNKNOWN_BILL,
    /**
     * No accident case of this number that the applicant is a party of: a case that does not
     * exist and one of other people answer alike (404 both), so case numbers reveal nothing.
     */
    UNKNOWN_CASE(404),
    UNKNOWN_HOSPITAL,
    UNKNOWN_INSTRUCTION(404),
    UNKNOWN_PAYER,
    UNKNOWN_POSTING,
    URL_INVALID,
    WRONG_APPLICATION,
    WRONG_CASE,
    WRONG_HOSPITAL,
    WRONG_INJURED_PERSON,
    WRONG_PAYER_KIND;

    private final int status;

    PaymentError() {
        this(400);
    }

    PaymentError(int status) {
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }

    /** The exception to throw for this code, naming the field at fault (or null). */
    public DomainException error(String field, String message) {
        return new DomainException(this, message, field);
    }
}
