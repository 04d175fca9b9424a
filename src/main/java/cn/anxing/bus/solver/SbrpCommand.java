package cn.anxing.bus.solver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code sbrp}: solves one benchmark instance and prints one JSON line. A Schittekat instance
 * ({@code .xpress}) gives the objective, the routes and each student's stop (0-based stop indices
 * in file order); a real-road instance ({@code .bus}, see {@link LewisModel}) gives the buses,
 * the lower bound, the total journey time, each route's bus size and stops (the file's indices,
 * 0 the school) and each address's stop. {@code --trace} writes every better plan found to
 * stderr as {@code trace MILLIS BUSES SERVED COST}, for the time-to-quality figures.
 */
public final class SbrpCommand {

    /** A student reaches a stop at distance w up to this rounding slack (see the checker). */
    static final double WALK_EPSILON = 1e-9;
    /** Time kept back for reading, writing and the JVM's exit within the caller's S + 2 s. */
    private static final long RESERVE_MILLIS = 150;

    private SbrpCommand() {
    }

    public static int run(String[] args) {
        long started = System.nanoTime();
        Path instance = null;
        double seconds = Double.NaN;
        long seed = 1;
        int[] sizes = null;
        boolean trace = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--trace")) {
                    trace = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    return usage("missing value after " + arg);
                }
                String value = args[++i];
                switch (arg) {
                    case "--instance" -> instance = Path.of(value);
                    case "--seconds" -> seconds = Double.parseDouble(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--sizes" -> sizes = java.util.Arrays.stream(value.split(","))
                            .mapToInt(v -> Integer.parseInt(v.trim())).toArray();
                    default -> {
                        return usage("unknown option " + arg);
                    }
                }
            }
        } catch (NumberFormatException e) {
            return usage("not a number: " + e.getMessage());
        }
        if (instance == null) {
            return usage("--instance is required");
        }
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            return usage("--seconds must be a positive number");
        }
        if (!Files.isRegularFile(instance)) {
            return usage("no such instance file: " + instance);
        }
        if (sizes != null && java.util.Arrays.stream(sizes).anyMatch(v -> v < 1)) {
            return usage("--sizes must be positive bus sizes");
        }
        java.util.function.Consumer<SolverProgress> progress = trace
                ? p -> System.err.printf(Locale.ROOT, "trace %d %d %d %.3f%n",
                        p.elapsedMillis(), p.buses(), p.studentsServed(), p.totalCost())
                : null;
        if (instance.getFileName().toString().endsWith(".bus")) {
            return runLewis(instance, seconds, seed, sizes, progress, started);
        }
        SchittekatInstance inst;
        try {
            inst = SchittekatInstance.read(instance);
        } catch (IOException | RuntimeException e) {
            System.err.println("sbrp: cannot read " + instance + ": " + e.getMessage());
            return 2;
        }
        // The JVM's start (a few hundred milliseconds) comes out of the 2 s allowance.
        long budget = (long) (seconds * 1000) - RESERVE_MILLIS
                - (System.nanoTime() - started) / 1_000_000;
        BusRoutingPlan plan = BusRouteSolver.solve(toProblem(inst), new SolverOptions(seed,
                Duration.ofMillis(Math.max(1, budget)), 0, progress));
        double elapsed = (System.nanoTime() - started) / 1e9;
        System.out.println(toJson(inst.name(), plan, elapsed));
        return 0;
    }

    private static int runLewis(Path instance, double seconds, long seed, int[] sizes,
                                java.util.function.Consumer<SolverProgress> progress,
                                long started) {
        LewisInstance inst;
        try {
            inst = LewisInstance.read(instance);
        } catch (IOException | RuntimeException e) {
            System.err.println("sbrp: cannot read " + instance + ": " + e.getMessage());
            return 2;
        }
        BusRoutingProblem problem = LewisModel.toProblem(inst,
                sizes != null ? sizes : inst.busSizes());
        long budget = (long) (seconds * 1000) - RESERVE_MILLIS
                - (System.nanoTime() - started) / 1_000_000;
        BusRoutingPlan plan = BusRouteSolver.solve(problem, new SolverOptions(seed,
                Duration.ofMillis(Math.max(1, budget)), 0, progress));
        double elapsed = (System.nanoTime() - started) / 1e9;
        System.out.println(LewisModel.toJson(inst, problem, plan, elapsed));
        return 0;
    }

    private static int usage(String message) {
        System.err.println("sbrp: " + message);
        System.err.println("usage: sbrp --instance FILE.xpress|FILE.bus --seconds S [--seed N]"
                + " [--sizes 8,12,...] [--trace]");
        return 2;
    }

    /** Euclidean matrices over school + stops; each student a group of one. */
    static BusRoutingProblem toProblem(SchittekatInstance inst) {
        int m = inst.stops().length;
        double[][] points = new double[m + 1][];
        points[0] = inst.school();
        System.arraycopy(inst.stops(), 0, points, 1, m);
        double[][] cost = new double[m + 1][m + 1];
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j <= m; j++) {
                cost[i][j] = Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]);
            }
        }
        List<StudentGroup> groups = new ArrayList<>();
        for (double[] student : inst.students()) {
            List<Integer> reach = new ArrayList<>();
            for (int s = 1; s <= m; s++) {
                double walk = Math.hypot(student[0] - points[s][0], student[1] - points[s][1]);
                if (walk <= inst.maxWalk() + WALK_EPSILON) {
                    reach.add(s);
                }
            }
            groups.add(new StudentGroup(1, reach.stream().mapToInt(Integer::intValue).toArray()));
        }
        return new BusRoutingProblem(cost, null, groups, inst.capacity(), inst.vehicles(),
                RouteShape.CLOSED, ObjectiveMode.BENCHMARK, null);
    }

    static String toJson(String name, BusRoutingPlan plan, double seconds) {
        StringBuilder out = new StringBuilder();
        out.append("{\"instance\":\"").append(name).append("\"");
        out.append(",\"objective\":").append(plan.totalCost());
        out.append(",\"feasible\":").append(plan.unserved().isEmpty());
        out.append(",\"seconds\":").append(String.format(Locale.ROOT, "%.3f", seconds));
        out.append(",\"routes\":[");
        for (int r = 0; r < plan.routes().size(); r++) {
            out.append(r == 0 ? "[" : ",[");
            int[] route = plan.routes().get(r);
            for (int i = 0; i < route.length; i++) {
                out.append(i == 0 ? "" : ",").append(route[i] - 1);
            }
            out.append("]");
        }
        out.append("],\"assignment\":[");
        int[] assignment = plan.assignment();
        for (int g = 0; g < assignment.length; g++) {
            out.append(g == 0 ? "" : ",").append(assignment[g] < 0 ? -1 : assignment[g] - 1);
        }
        out.append("]}");
        return out.toString();
    }
}
