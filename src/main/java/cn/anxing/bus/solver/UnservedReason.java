package cn.anxing.bus.solver;

/** Why a student group has no seat in the plan. */
public enum UnservedReason {
    /** No candidate stop within walking reach. */
    NO_STOP_IN_REACH,
    /** Even a bus driving straight to (or from) its nearest candidate stop exceeds the ride limit. */
    RIDE_TIME,
    /** The group needs more seats than a bus has, or the available buses are full. */
    CAPACITY
}
