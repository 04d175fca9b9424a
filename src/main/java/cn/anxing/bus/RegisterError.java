package cn.anxing.bus;

import cn.anxing.error.ErrorCode;

/** What the coordinator desk's register and household import answer when they cannot go on. */
public enum RegisterError implements ErrorCode {
    /**
     * The uploaded file is neither a CSV nor an Excel workbook that can be read, or its text is
     * not in the chosen encoding (field {@code file} or {@code encoding}).
     */
    IMPORT_UNREADABLE(400),
    /**
     * The file has no header line naming the household columns, lacks a required column, or
     * has no household under its header.
     */
    IMPORT_NO_HEADER(400),
    /** The file has more households than one import takes (5000). */
    IMPORT_TOO_MANY_ROWS(400),
    /**
     * The import was asked for a file whose preview has problems: nothing was stored; the
     * preview lists them by line and column.
     */
    IMPORT_HAS_PROBLEMS(400),
    /** A household with this number (家庭编号) is already registered at the school. */
    HOUSEHOLD_NUMBER_TAKEN(409),
    /** No household (or bus) with this id at this school. */
    UNKNOWN_REGISTER_ENTRY(404);

    private final int status;

    RegisterError(int status) {
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
