package cn.anxing.bus.solver;

/** Why a student group has no seat in the plan. */
public enum UnservedReason {
    /** No candidate stop within walking reach. */
    NO_STOP_IN_REACH,
    /** Even a bus driving straight to (or from) its nearest candidate stop exceeds the ride limit. */
    RIDE_TIME,
    /**
     * The group needs more seats than the largest bus has, or no bus of the fleet had room for
     * it in any plan the search reached (the plan's empty and idle seats say what was left).
     */
    CAPACITY
}
