package cn.anxing.app;

import cn.anxing.http.ApiException;
import cn.anxing.payment.IdempotencyConflictException;
import cn.anxing.payment.IllegalTransitionException;
import cn.anxing.payment.PaymentInputException;
import cn.anxing.payment.PaymentNotAllowedException;
import cn.anxing.routing.NoRouteException;
import cn.anxing.routing.PointNotOnRoadException;
import java.util.Map;

/** Maps the features' domain exceptions to API errors; null for anything unknown (a 500). */
final class DomainErrors {

    private DomainErrors() {
    }

    static ApiException toApi(Throwable failure) {
        if (failure instanceof PointNotOnRoadException e) {
            return new ApiException(400, e.reason() == PointNotOnRoadException.Reason.OUTSIDE_MAP
                    ? "OUTSIDE_MAP" : "NO_ROAD_NEARBY", e.getMessage(), null);
        }
        if (failure instanceof NoRouteException e) {
            return new ApiException(422, "NO_ROUTE", e.getMessage(), null);
        }
        if (failure instanceof PaymentInputException e) {
            return new ApiException(paymentInputStatus(e.code()),
                    e.code().toUpperCase(java.util.Locale.ROOT), e.getMessage(), e.field());
        }
        if (failure instanceof IdempotencyConflictException e) {
            return new ApiException(409, e.code().toUpperCase(java.util.Locale.ROOT),
                    e.getMessage(), e.field());
        }
        if (failure instanceof IllegalTransitionException e) {
            return new ApiException(409, e.code().toUpperCase(java.util.Locale.ROOT),
                    e.getMessage(), null);
        }
        if (failure instanceof PaymentNotAllowedException e) {
            return ApiException.forbidden(e.getMessage());
        }
        return null;
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
