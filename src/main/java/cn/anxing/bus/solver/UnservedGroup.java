package cn.anxing.bus.solver;

/** A group the plan leaves without a seat, by index in the problem's group list. */
public record UnservedGroup(int group, UnservedReason reason) {
}
