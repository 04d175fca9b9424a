package cn.anxing.app;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.error.ErrorCode;
import cn.anxing.payment.IdempotencyConflictException;
import cn.anxing.payment.IllegalTransitionException;
import cn.anxing.payment.PaymentInputException;
import cn.anxing.payment.PaymentNotAllowedException;
import java.util.Locale;

/**
 * Maps the exceptions of the feature not yet on the one error model (payment) to a
 * {@link DomainException}; null for anything unknown (a 500). Goes once they throw their own
 * {@code AccidentError} and {@code PaymentError} codes.
 */
final class DomainErrors {

    /** A code still carried as text by a payment exception. */
    private record TextCode(String name, int status) implements ErrorCode {
    }

    private DomainErrors() {
    }

    static DomainException toDomain(Throwable failure) {
        if (failure instanceof PaymentInputException e) {
            return error(upper(e.code()), paymentInputStatus(e.code()), e.getMessage(),
                    e.field());
        }
        if (failure instanceof IdempotencyConflictException e) {
            return error(upper(e.code()), 409, e.getMessage(), e.field());
        }
        if (failure instanceof IllegalTransitionException e) {
            return error(upper(e.code()), 409, e.getMessage(), null);
        }
        if (failure instanceof PaymentNotAllowedException e) {
            return new DomainException(CommonError.FORBIDDEN, e.getMessage());
        }
        return null;
    }

    private static DomainException error(String code, int status, String message, String field) {
        return new DomainException(new TextCode(code, status), message, field);
    }

    private static String upper(String code) {
        return code.toUpperCase(Locale.ROOT);
    }

    /** Unknown ids are 404, a second application or a changed liability 409, the rest 400. */
    private static int paymentInputStatus(String code) {
        return switch (code) {
            case "unknown_application", "unknown_instruction" -> 404;
            case "application_exists", "liability_changed", "already_reversed",
                    "already_disbursed" -> 409;
            default -> 400;
        };
    }
}
