package cn.anxing.routing;

import cn.anxing.error.DomainException;

/** The points are on roads, but the profile cannot get from one to the next. */
public class NoRouteException extends DomainException {

    public NoRouteException(String message) {
        super(RoutingError.NO_ROUTE, message);
    }
}
