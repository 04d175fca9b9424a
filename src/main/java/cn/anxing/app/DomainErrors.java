package cn.anxing.app;

import cn.anxing.accident.AccidentException;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.error.ErrorCode;
import cn.anxing.payment.IdempotencyConflictException;
import cn.anxing.payment.IllegalTransitionException;
import cn.anxing.payment.PaymentInputException;
import cn.anxing.payment.PaymentNotAllowedException;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the exceptions of the features not yet on the one error model (accident, payment) to a
 * {@link DomainException}; null for anything unknown (a 500). Goes once they throw their own
 * {@code AccidentError} and {@code PaymentError} codes.
 */
final class DomainErrors {

    /** A code still carried as text by an accident or payment exception. */
    private record TextCode(String name, int status) implements ErrorCode {
    }

    /** Accident codes that are not a plain 400. */
    private static final Map<String, Integer> ACCIDENT_STATUS = Map.ofEntries(
            Map.entry("CASE_NOT_FOUND", 404),
            Map.entry("SHARE_CODE_UNKNOWN", 404),
            Map.entry("VERSION_CONFLICT", 409),
            Map.entry("CASE_TRANSITION_NOT_ALLOWED", 409),
            Map.entry("ALREADY_STATED", 409),
            Map.entry("ALREADY_SIGNED", 409),
            Map.entry("PLATE_TAKEN", 409),
            Map.entry("CASE_FULL", 409),
            Map.entry("CASE_CLOSED_TO_JOIN", 409),
            Map.entry("AGREEMENT_NOT_SIGNED", 409),
            Map.entry("PHOTO_TOO_LARGE", 413),
            Map.entry("PHOTO_TYPE_NOT_ALLOWED", 415),
            Map.entry("ROAD_NETWORK_NOT_READY", 503));

    private DomainErrors() {
    }

    static DomainException toDomain(Throwable failure) {
        if (failure instanceof AccidentException e) {
            if (e.code().equals("FIELD_TAMPERED")) {
                return null; // our own stored data is broken: a 500, logged
            }
            return error(e.code(), ACCIDENT_STATUS.getOrDefault(e.code(), 400), e.getMessage(),
                    e.field());
        }
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
