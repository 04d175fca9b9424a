package cn.anxing.bus;

import cn.anxing.error.ErrorCode;

/**
 * What plan review answers when a publication, an edit or a cancellation cannot be done. An edit
 * that breaks one of the optimizer's rules is 422 with the rule's code and the line at fault.
 */
public enum PlanError implements ErrorCode {
    /** The plan was edited meanwhile (or the version sent is not the plan's): edit the newest. */
    PLAN_EDIT_STALE(409),
    /** After the edit a bus would carry more students than it has seats. */
    PLAN_EDIT_OVER_CAPACITY(422),
    /** After the edit a student would ride longer than the school's longest ride. */
    PLAN_EDIT_RIDE_TOO_LONG(422),
    /** The household's walk to the stop would be longer than the school's walking limit. */
    PLAN_EDIT_WALK_TOO_FAR(422),
    /** The stop is on no line of the run, or the household or stop is not in the plan. */
    PLAN_EDIT_NOT_IN_PLAN(422),
    /** The job has already finished, failed or been cancelled. */
    PLAN_JOB_FINISHED(409);

    private final int status;

    PlanError(int status) {
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
