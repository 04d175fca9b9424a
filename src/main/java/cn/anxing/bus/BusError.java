package cn.anxing.bus;

import cn.anxing.error.ErrorCode;

/** What the school bus feature answers when a request cannot be done. */
public enum BusError implements ErrorCode {
    /** No road a bus may drive is near the school, so no bus can start or end there. */
    NO_ROAD_NEAR_SCHOOL(400),
    /** No school with this id. */
    UNKNOWN_SCHOOL(404),
    /** A plan was asked for a school with no buses registered. */
    NO_BUSES(400),
    /** A plan was asked for a school with no households registered. */
    NO_HOUSEHOLDS(400);

    private final int status;

    BusError(int status) {
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
