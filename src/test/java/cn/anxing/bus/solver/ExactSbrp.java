package cn.anxing.bus.solver;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Exact optimum of a small Schittekat instance (up to about 12 stops), written without any of
 * the solver's code. The TSP cost of every subset of stops comes from a Held-Karp dynamic
 * programme; a depth-first search then gives each stop in turn "unused", an existing route or a
 * new route (every set partition of every subset, once), pruned by the cost so far (a route's tour
 * never gets cheaper when a stop joins it, by the triangle inequality) and by students whose
 * every stop is unused. A complete partition is feasible when students fit into routes: by Hall's
 * theorem, for every set Q of routes, the students who can only use routes in Q number at most
 * c·|Q| (checked for all Q with a subset-sum transform).
 */
final class ExactSbrp {

    record Optimum(double cost, long[] routeMasks) {
    }

    private final int m;
    private final int capacity;
    private final int vehicles;
    private final double[] tsp;
    private final int[] typeMask;
    private final int[] typeCount;
    private final int[] routeMask;
    private double best = Double.MAX_VALUE;
    private long[] bestRoutes;

    private ExactSbrp(SchittekatInstance inst) {
        m = inst.stops().length;
        if (m > 14) {
            throw new IllegalArgumentException("exact search is for small instances, not " + m);
        }
        capacity = inst.capacity();
        vehicles = inst.vehicles();
        double[][] p = new double[m + 1][];
        p[0] = inst.school();
        System.arraycopy(inst.stops(), 0, p, 1, m);
        tsp = heldKarp(p);
        Map<Integer, Integer> types = new HashMap<>();
        for (double[] student : inst.students()) {
            int mask = 0;
            for (int s = 0; s < m; s++) {
                double dx = student[0] - inst.stops()[s][0];
                double dy = student[1] - inst.stops()[s][1];
                if (Math.sqrt(dx * dx + dy * dy) <= inst.maxWalk() + 1e-9) {
                    mask |= 1 << s;
                }
            }
            types.merge(mask, 1, Integer::sum);
        }
        typeMask = types.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        typeCount = Arrays.stream(typeMask).map(types::get).toArray();
        routeMask = new int[m];
    }

    static Optimum solve(SchittekatInstance inst) {
        ExactSbrp search = new ExactSbrp(inst);
        search.search(0, 0, 0, 0.0);
        return new Optimum(search.best, search.bestRoutes);
    }

    private void search(int stop, int routes, int unused, double cost) {
        if (cost >= best - 1e-9) {
            return;
        }
        if (stop == m) {
            if (feasible(routes)) {
                best = cost;
                bestRoutes = new long[routes];
                for (int r = 0; r < routes; r++) {
                    bestRoutes[r] = routeMask[r];
                }
            }
            return;
        }
        int bit = 1 << stop;
        for (int r = 0; r < routes; r++) {
            double before = tsp[routeMask[r]];
            routeMask[r] |= bit;
            search(stop + 1, routes, unused, cost - before + tsp[routeMask[r]]);
            routeMask[r] &= ~bit;
        }
        if (routes < vehicles) {
            routeMask[routes] = bit;
            search(stop + 1, routes + 1, unused, cost + tsp[bit]);
            routeMask[routes] = 0;
        }
        int nowUnused = unused | bit;
        for (int mask : typeMask) {
            if ((mask & ~nowUnused) == 0) {
                return;
            }
        }
        search(stop + 1, routes, nowUnused, cost);
    }

    private boolean feasible(int routes) {
        int[] stopRoute = new int[m];
        Arrays.fill(stopRoute, -1);
        for (int r = 0; r < routes; r++) {
            for (int s = 0; s < m; s++) {
                if ((routeMask[r] >> s & 1) == 1) {
                    stopRoute[s] = r;
                }
            }
        }
        long[] onlyWithin = new long[1 << routes];
        for (int t = 0; t < typeMask.length; t++) {
            int covering = 0;
            for (int s = 0; s < m; s++) {
                if ((typeMask[t] >> s & 1) == 1 && stopRoute[s] >= 0) {
                    covering |= 1 << stopRoute[s];
                }
            }
            if (covering == 0) {
                return false;
            }
            onlyWithin[covering] += typeCount[t];
        }
        for (int r = 0; r < routes; r++) {
            for (int q = 0; q < 1 << routes; q++) {
                if ((q >> r & 1) == 1) {
                    onlyWithin[q] += onlyWithin[q ^ (1 << r)];
                }
            }
        }
        for (int q = 1; q < 1 << routes; q++) {
            if (onlyWithin[q] > (long) capacity * Integer.bitCount(q)) {
                return false;
            }
        }
        return true;
    }

    /** Closed-tour cost from the school over every subset of stops. */
    private static double[] heldKarp(double[][] p) {
        int m = p.length - 1;
        int full = 1 << m;
        double[][] d = new double[m + 1][m + 1];
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j <= m; j++) {
                double dx = p[i][0] - p[j][0];
                double dy = p[i][1] - p[j][1];
                d[i][j] = Math.sqrt(dx * dx + dy * dy);
            }
        }
        double[][] path = new double[full][m];
        for (double[] row : path) {
            Arrays.fill(row, Double.MAX_VALUE);
        }
        for (int s = 0; s < m; s++) {
            path[1 << s][s] = d[0][s + 1];
        }
        double[] tour = new double[full];
        for (int set = 1; set < full; set++) {
            double bestTour = Double.MAX_VALUE;
            for (int last = 0; last < m; last++) {
                double here = path[set][last];
                if (here == Double.MAX_VALUE) {
                    continue;
                }
                bestTour = Math.min(bestTour, here + d[last + 1][0]);
                for (int next = 0; next < m; next++) {
                    if ((set >> next & 1) == 0) {
                        int grown = set | 1 << next;
                        path[grown][next] = Math.min(path[grown][next], here + d[last + 1][next + 1]);
                    }
                }
            }
            tour[set] = bestTour;
        }
        return tour;
    }
}
