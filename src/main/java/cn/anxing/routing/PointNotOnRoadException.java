package cn.anxing.routing;

import cn.anxing.error.DomainException;

/**
 * A point could not be placed on the road network: it lies outside the imported map, or no
 * road the profile may use is near enough. Carries the index of the point in the request so
 * a caller can name the household or report at fault; its code is {@code OUTSIDE_MAP} or
 * {@code NO_ROAD_NEARBY} after the reason.
 */
public class PointNotOnRoadException extends DomainException {

    /** Why the point could not be used. */
    public enum Reason { OUTSIDE_MAP, NO_ROAD_NEARBY }

    private final int pointIndex;
    private final Reason reason;

    public PointNotOnRoadException(String message, int pointIndex, Reason reason) {
        super(reason == Reason.OUTSIDE_MAP ? RoutingError.OUTSIDE_MAP
                : RoutingError.NO_ROAD_NEARBY, message);
        this.pointIndex = pointIndex;
        this.reason = reason;
    }

    public int pointIndex() {
        return pointIndex;
    }

    public Reason reason() {
        return reason;
    }
}
