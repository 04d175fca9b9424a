package cn.anxing.routing;

/** The points are on roads, but the profile cannot get from one to the next. */
public class NoRouteException extends RuntimeException {

    public NoRouteException(String message) {
        super(message);
    }
}
