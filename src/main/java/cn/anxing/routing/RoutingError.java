package cn.anxing.routing;

import cn.anxing.error.ErrorCode;

/** What the road network answers for every feature that places points on it or routes. */
public enum RoutingError implements ErrorCode {
    /** The point lies outside the imported map. */
    OUTSIDE_MAP(400),
    /** No road the profile may use is near enough to the point. */
    NO_ROAD_NEARBY(400),
    /** The points are on roads, but the profile cannot get from one to the next. */
    NO_ROUTE(422),
    /** The road network is still importing or loading (or failed to); try again shortly. */
    GRAPH_NOT_READY(503),
    /** The configured map file is not there; an operator must fetch or configure one. */
    MAP_FILE_MISSING(503);

    private final int status;

    RoutingError(int status) {
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
