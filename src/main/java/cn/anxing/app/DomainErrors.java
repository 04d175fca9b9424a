package cn.anxing.app;

import cn.anxing.http.ApiException;
import cn.anxing.routing.NoRouteException;
import cn.anxing.routing.PointNotOnRoadException;

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
        return null;
    }
}
