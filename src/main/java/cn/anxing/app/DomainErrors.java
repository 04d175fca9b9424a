package cn.anxing.app;

import cn.anxing.accident.AccidentException;
import cn.anxing.http.ApiException;
import cn.anxing.routing.NoRouteException;
import cn.anxing.routing.PointNotOnRoadException;
import java.util.Map;

/** Maps the features' domain exceptions to API errors; null for anything unknown (a 500). */
final class DomainErrors {

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

    static ApiException toApi(Throwable failure) {
        if (failure instanceof AccidentException e) {
            if (e.code().equals("FIELD_TAMPERED")) {
                return null; // our own stored data is broken: a 500, logged
            }
            return new ApiException(ACCIDENT_STATUS.getOrDefault(e.code(), 400), e.code(),
                    e.getMessage(), e.field());
        }
        if (failure instanceof PointNotOnRoadException e) {
            return new ApiException(400, e.reason() == PointNotOnRoadException.Reason.OUTSIDE_MAP
                    ? "OUTSIDE_MAP" : "NO_ROAD_NEARBY", e.getMessage(), null);
        }
        if (failure instanceof NoRouteException e) {
            return new ApiException(422, "NO_ROUTE", e.getMessage(), null);
        }
        return null;
    }
}
