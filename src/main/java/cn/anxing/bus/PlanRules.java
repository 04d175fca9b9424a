package cn.anxing.bus;

import cn.anxing.error.DomainException;

/**
 * The optimizer's rules applied to a plan edited by hand (手工调整后的检查): no bus carries more
 * students than its seats, no student rides longer than the school's longest ride, no household
 * walks farther than its walking limit. The same limits the solver keeps (its checker and {@link
 * cn.anxing.bus.solver.RideTimeRule}), read from the rules the plan was made under. A broken rule
 * is refused with its code and the line or household at fault, never stored.
 */
final class PlanRules {

    private PlanRules() {
    }

    static void checkLine(BusPlan.PolicyUsed policy, String run, BusPlan.Line line) {
        String where = runZh(run) + line.name() + "（" + line.busLabel() + "）";
        if (line.students() > line.capacity()) {
            throw new DomainException(PlanError.PLAN_EDIT_OVER_CAPACITY, where + "将载 "
                    + line.students() + " 名学生，超过 " + line.capacity() + " 个座位 / "
                    + run + " line " + line.number() + " would carry " + line.students()
                    + " students on " + line.capacity() + " seats", "line");
        }
        if (line.rideSeconds() > policy.maxRideSeconds()) {
            throw new DomainException(PlanError.PLAN_EDIT_RIDE_TOO_LONG, where + "最长乘车将达 "
                    + minutes(line.rideSeconds()) + " 分钟，超过规定的 "
                    + minutes(policy.maxRideSeconds()) + " 分钟 / " + run + " line "
                    + line.number() + ": the longest ride would be "
                    + minutes(line.rideSeconds()) + " min, over the "
                    + minutes(policy.maxRideSeconds()) + " min limit", "line");
        }
    }

    static void checkWalk(BusPlan.PolicyUsed policy, String label, String stopName,
                          double metres) {
        if (metres > policy.maxWalkMetres()) {
            throw new DomainException(PlanError.PLAN_EDIT_WALK_TOO_FAR, label + "到" + stopName
                    + "需步行约 " + Math.round(metres) + " 米，超过规定的 "
                    + policy.maxWalkMetres() + " 米 / the walk to " + stopName + " would be "
                    + Math.round(metres) + " m, over the " + policy.maxWalkMetres()
                    + " m limit", "stopId");
        }
    }

    static String runZh(String run) {
        return "evening".equals(run) ? "晚上" : "早上";
    }

    private static long minutes(double seconds) {
        return Math.round(seconds / 60);
    }
}
