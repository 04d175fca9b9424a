package cn.anxing.map;

import cn.anxing.error.ErrorCode;

/** The base map's error codes, each with its HTTP status. */
public enum MapError implements ErrorCode {
    /** The tiles are still being cut from the extract (seconds after a new map). */
    TILES_NOT_READY(503);

    private final int status;

    MapError(int status) {
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
