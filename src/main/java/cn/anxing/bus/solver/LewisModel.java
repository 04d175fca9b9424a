package cn.anxing.bus.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The real-road benchmark's model as a routing problem: morning routes that end at the school,
 * every address a group that boards at one of its allowed walks, buses of each listed size in
 * any number, a journey limit of 2700 s from the bus's arrival at a student's stop to the
 * school with 15 s at every stop and 5 s per boarding student, and the fewest buses, then the
 * least total journey time (driving plus dwell of every route) as the objective. The 5 s per
 * student add the same to every plan, so the search minimises driving plus 15 s per stop.
 */
public final class LewisModel {

    private LewisModel() {
    }

    public static BusRoutingProblem toProblem(LewisInstance inst, int[] busSizes) {
        List<StudentGroup> groups = new ArrayList<>();
        for (int a = 0; a < inst.students().length; a++) {
            groups.add(new StudentGroup(inst.students()[a], inst.walks()[a]));
        }
        List<Bus> fleet = new ArrayList<>();
        for (int size : busSizes) {
            fleet.add(new Bus(size, Bus.UNLIMITED, null, 0));
        }
        var rule = new RideTimeRule(LewisInstance.MAX_JOURNEY_SECONDS,
                LewisInstance.DWELL_PER_STOP, LewisInstance.DWELL_PER_STUDENT, true);
        return new BusRoutingProblem(inst.seconds(), inst.seconds(), groups, fleet,
                RouteShape.MORNING, ObjectiveMode.PRODUCT, rule, LewisInstance.DWELL_PER_STOP);
    }

    /** Total journey time of a plan: every route's driving to the school plus its dwell. */
    public static double totalJourneySeconds(LewisInstance inst, BusRoutingPlan plan) {
        double total = 0;
        for (int[] route : plan.routes()) {
            total += journeySeconds(inst, route, plan.assignment());
        }
        return total;
    }

    static double journeySeconds(LewisInstance inst, int[] route, int[] assignment) {
        double[][] t = inst.seconds();
        double sum = 0;
        for (int i = 0; i < route.length; i++) {
            int next = i + 1 < route.length ? route[i + 1] : 0;
            sum += t[route[i]][next] + LewisInstance.DWELL_PER_STOP;
            for (int a = 0; a < assignment.length; a++) {
                if (assignment[a] == route[i]) {
                    sum += LewisInstance.DWELL_PER_STUDENT * inst.students()[a];
                }
            }
        }
        return sum;
    }

    /** The command's answer for a {@code .bus} instance, one JSON object on one line. */
    static String toJson(LewisInstance inst, BusRoutingProblem problem, BusRoutingPlan plan,
                         double seconds) {
        StringBuilder out = new StringBuilder();
        out.append("{\"instance\":\"").append(inst.name()).append("\"");
        out.append(",\"feasible\":").append(plan.unserved().isEmpty());
        out.append(",\"buses\":").append(plan.busesUsed());
        out.append(",\"busesLowerBound\":").append(plan.busesLowerBound());
        out.append(",\"totalJourneySeconds\":").append(String.format(Locale.ROOT, "%.1f",
                totalJourneySeconds(inst, plan)));
        out.append(",\"seconds\":").append(String.format(Locale.ROOT, "%.3f", seconds));
        out.append(",\"routes\":[");
        for (int r = 0; r < plan.routes().size(); r++) {
            int[] route = plan.routes().get(r);
            out.append(r == 0 ? "" : ",").append("{\"capacity\":")
                    .append(problem.fleet().get(plan.routeBus()[r]).capacity())
                    .append(",\"stops\":[");
            for (int i = 0; i < route.length; i++) {
                out.append(i == 0 ? "" : ",").append(route[i]);
            }
            out.append("]}");
        }
        out.append("],\"assignment\":[");
        int[] assignment = plan.assignment();
        for (int a = 0; a < assignment.length; a++) {
            out.append(a == 0 ? "" : ",").append(assignment[a]);
        }
        out.append("]}");
        return out.toString();
    }
}
