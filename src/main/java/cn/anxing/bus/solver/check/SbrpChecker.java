package cn.anxing.bus.solver.check;

import cn.anxing.bus.solver.SchittekatInstance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an {@code sbrp} answer against its instance without any of the solver's code (only the
 * instance reader is shared): recomputes the total tour length from the routes and verifies that
 * every student is assigned to a visited stop within walking distance, every stop is on at most
 * one route, no route carries more than the capacity and there are at most v routes.
 *
 * <p>Walking distance: a student at Euclidean distance d reaches a stop if d ≤ w + 1e-9. The
 * instance coordinates have three decimals, so a distance that equals w exactly can come out of
 * {@code Math.hypot} a few ulps above w; 1e-9 absorbs that rounding and nothing more.
 *
 * <p>Run it as {@code java -cp target/anxing.jar cn.anxing.bus.solver.check.SbrpChecker
 * INSTANCE RESULT.json} (the result is the command's JSON line, or {@code -} for stdin).
 */
public final class SbrpChecker {

    public static final double WALK_TOLERANCE = 1e-9;

    /** What the checker found: the recomputed objective and every violation, in words. */
    public record Verdict(double objective, List<String> violations) {

        public boolean feasible() {
            return violations.isEmpty();
        }
    }

    private SbrpChecker() {
    }

    /**
     * @param routes      each route's stops, 0-based in file order, in visiting order
     * @param assignment  each student's stop, 0-based in file order (-1: none)
     */
    public static Verdict check(SchittekatInstance instance, List<int[]> routes,
                                int[] assignment) {
        List<String> violations = new ArrayList<>();
        double[][] stops = instance.stops();
        double[] school = instance.school();
        int m = stops.length;
        int[] routeOfStop = new int[m];
        java.util.Arrays.fill(routeOfStop, -1);
        double total = 0;
        if (routes.size() > instance.vehicles()) {
            violations.add(routes.size() + " routes but only " + instance.vehicles()
                    + " vehicles");
        }
        for (int r = 0; r < routes.size(); r++) {
            int[] route = routes.get(r);
            double[] at = school;
            for (int stop : route) {
                if (stop < 0 || stop >= m) {
                    violations.add("route " + r + " visits unknown stop " + stop);
                    continue;
                }
                if (routeOfStop[stop] >= 0) {
                    violations.add("stop " + stop + " is on routes " + routeOfStop[stop]
                            + " and " + r);
                }
                routeOfStop[stop] = r;
                total += distance(at, stops[stop]);
                at = stops[stop];
            }
            total += distance(at, school);
        }
        double[][] students = instance.students();
        if (assignment.length != students.length) {
            violations.add("assignment has " + assignment.length + " entries for "
                    + students.length + " students");
        }
        int[] load = new int[routes.size()];
        for (int k = 0; k < Math.min(assignment.length, students.length); k++) {
            int stop = assignment[k];
            if (stop < 0 || stop >= m) {
                violations.add("student " + k + " has no stop");
                continue;
            }
            if (routeOfStop[stop] < 0) {
                violations.add("student " + k + " waits at stop " + stop
                        + " that no route visits");
                continue;
            }
            double walk = distance(students[k], stops[stop]);
            if (walk > instance.maxWalk() + WALK_TOLERANCE) {
                violations.add("student " + k + " walks " + walk + " > " + instance.maxWalk()
                        + " to stop " + stop);
            }
            load[routeOfStop[stop]]++;
        }
        for (int r = 0; r < load.length; r++) {
            if (load[r] > instance.capacity()) {
                violations.add("route " + r + " carries " + load[r] + " > capacity "
                        + instance.capacity());
            }
        }
        return new Verdict(total, violations);
    }

    /** The text after {@code "name":} in the command's one-line JSON. */
    public static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\"");
        if (at < 0) {
            throw new IllegalArgumentException("no \"" + name + "\" in the result");
        }
        return json.substring(json.indexOf(':', at) + 1).trim();
    }

    /** The routes array {@code [[3,1],[0,4]]} at the start of the "routes" field. */
    public static List<int[]> parseRoutes(String json) {
        String text = field(json, "routes");
        List<int[]> routes = new ArrayList<>();
        int depth = 0;
        int open = -1;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '[') {
                depth++;
                if (depth == 2) {
                    open = i;
                }
            } else if (ch == ']') {
                if (depth == 2) {
                    routes.add(parseInts(text.substring(open)));
                }
                if (--depth == 0) {
                    break;
                }
            }
        }
        return routes;
    }

    /** The integers of the flat array {@code [3,1,-1]} at the start of the text. */
    public static int[] parseInts(String text) {
        String inside = text.substring(text.indexOf('[') + 1, text.indexOf(']')).trim();
        if (inside.isEmpty()) {
            return new int[0];
        }
        return java.util.Arrays.stream(inside.split(","))
                .mapToInt(v -> Integer.parseInt(v.trim())).toArray();
    }

    private static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        return Math.sqrt(dx * dx + dy * dy);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SbrpChecker INSTANCE RESULT.json|-");
            System.exit(2);
        }
        String text = args[1].equals("-")
                ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(args[1]));
        if (args[0].endsWith(".bus")) {
            // a real-road instance: its own model (LewisChecker); sizes as the command used
            var lewis = cn.anxing.bus.solver.LewisInstance.read(Path.of(args[0]));
            String sizes = System.getProperty("sizes");
            int[] allowed = sizes == null ? lewis.busSizes() : java.util.Arrays.stream(
                    sizes.split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
            LewisChecker.Verdict v = LewisChecker.check(lewis, text.trim(), allowed);
            System.out.printf(java.util.Locale.ROOT, "%s buses %d (lower bound %d) total journey"
                    + " %.1f s, longest %.1f s %s%n", lewis.name(), v.buses(),
                    v.busesLowerBound(), v.totalJourneySeconds(), v.longestJourneySeconds(),
                    v.feasible() ? "FEASIBLE" : "INFEASIBLE");
            v.violations().stream().limit(20).forEach(x -> System.out.println("  " + x));
            System.exit(v.feasible() ? 0 : 1);
        }
        SchittekatInstance instance = SchittekatInstance.read(Path.of(args[0]));
        Verdict verdict = check(instance, parseRoutes(text), parseInts(field(text, "assignment")));
        double claimed = Double.parseDouble(field(text, "objective").replaceAll("[,}].*", ""));
        System.out.printf("%s objective %.6f (claimed %.6f) %s%n", instance.name(),
                verdict.objective(), claimed, verdict.feasible() ? "FEASIBLE" : "INFEASIBLE");
        verdict.violations().stream().limit(20).forEach(v -> System.out.println("  " + v));
        boolean agrees = Math.abs(verdict.objective() - claimed) <= 1e-6;
        if (!agrees) {
            System.out.println("  claimed objective differs from the recomputed one");
        }
        System.exit(verdict.feasible() && agrees ? 0 : 1);
    }
}
