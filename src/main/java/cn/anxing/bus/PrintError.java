package cn.anxing.bus;

import cn.anxing.error.ErrorCode;

/** What the school bus's printed documents answer when one cannot be made. */
public enum PrintError implements ErrorCode {
    /** The plan's run has no line of that number. */
    UNKNOWN_LINE(404),
    /** The plan gives the household no stop (it has no seat, or came after the plan). */
    HOUSEHOLD_NOT_IN_PLAN(404);

    private final int status;

    PrintError(int status) {
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
