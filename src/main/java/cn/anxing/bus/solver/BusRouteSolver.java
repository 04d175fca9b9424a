package cn.anxing.bus.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The school-bus route optimizer (校车线路优化): chooses which candidate stops to serve, which
 * student group boards at which stop, and the order of stops on each bus.
 *
 * <p>The search is a ruin-and-recreate with simulated annealing in the manner of slack induction
 * by string removals (Christiaens and Vanden Berghe, 2020), adapted to stop selection: the ruin
 * removes strings of neighbouring stops from nearby routes; the groups that lose their stop are
 * recreated one by one, first on a route that already visits a stop in their reach (shifting
 * other groups between routes along an augmenting path when that route is full, as in a max-flow
 * of groups into routes), and only when no such route has room by inserting one of their stops
 * at its cheapest position. Stops that no group needs any more are then dropped and the touched
 * routes are polished with 2-opt and or-opt. Single-threaded, deterministic for a seed and an
 * iteration count, and it returns the best plan found when the time is up.
 */
public final class BusRouteSolver {

    private static final double BLINK_RATE = 0.01;
    private static final double AVERAGE_REMOVED = 10;
    private static final double MAX_STRING = 10;
    private static final int REPAIR_ROUNDS = 3;
    private static final int MAX_REPAIRS = 5;
    /**
     * Start temperature as a share of the mean school-to-stop leg; it cools geometrically to a
     * hundredth of that over the time limit (SISR's T0 = 100 to Tf = 1 on coordinates 0..1000).
     */
    private static final double START_TEMPERATURE = 0.25;

    private final BusRoutingProblem problem;
    private final SearchModel model;
    private final SolverOptions options;
    private final SplittableRandom random;
    private final long startNanos;
    private final long deadlineNanos;
    private final int[] bfsParentRoute;
    private final int[] bfsParentGroup;
    private final int[] bfsIncoming;
    private final int[] bfsQueue;
    private final boolean[] bfsSeen;
    private final int[] scratch;
    /** Routes from which no chain of moves reaches a route with room (see augment). */
    private final boolean[] saturated;
    private boolean anySaturated;
    private Integer[] order;
    private final boolean busesDiffer;

    private BusRouteSolver(BusRoutingProblem problem, SolverOptions options) {
        this.startNanos = System.nanoTime();
        this.problem = problem;
        this.model = new SearchModel(problem);
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.deadlineNanos = startNanos + options.timeLimit().toNanos();
        int routes = Math.max(1, model.maxRoutes);
        bfsParentRoute = new int[routes];
        bfsParentGroup = new int[routes];
        bfsIncoming = new int[routes];
        bfsQueue = new int[routes];
        bfsSeen = new boolean[routes];
        scratch = new int[model.stops + 2];
        saturated = new boolean[routes];
        busesDiffer = model.busesDiffer();
    }

    /** Solves the problem within the options' time limit and returns the best plan found. */
    public static BusRoutingPlan solve(BusRoutingProblem problem, SolverOptions options) {
        return new BusRouteSolver(problem, options).run();
    }

    private BusRoutingPlan run() {
        SearchState current = new SearchState(model);
        recreate(current, 8);
        // The first plan is what a very short time limit returns: keep freeing stops for the
        // groups left over until everyone who can be served is (or the rounds run out).
        for (int round = 0; round < 200 && current.unservedStudents > 0
                && System.nanoTime() < deadlineNanos; round++) {
            recreate(current, 8);
        }
        cleanAll(current);
        if (busesDiffer) {
            rebus(current);
        }
        SearchState best = new SearchState(model);
        best.copyFrom(current);
        SearchState work = new SearchState(model);
        double currentObjective = current.objective();
        double bestObjective = currentObjective;
        long bestAt = elapsedMillis();
        options.progress().accept(progressOf(best, bestAt));
        long iterations = 0;
        long improvements = 0;
        double t0 = START_TEMPERATURE * model.temperatureScale;
        double tf = t0 / 100;
        long limitNanos = Math.max(1, deadlineNanos - startNanos);
        while (true) {
            if (options.maxIterations() > 0 && iterations >= options.maxIterations()) {
                break;
            }
            long now = System.nanoTime();
            if (now >= deadlineNanos || !model.anyServable) {
                break;
            }
            iterations++;
            double progress = options.maxIterations() > 0
                    ? (double) iterations / options.maxIterations()
                    : Math.min(1.0, (double) (now - startNanos) / limitNanos);
            double temperature = t0 * Math.pow(tf / t0, progress);
            work.copyFrom(current);
            Arrays.fill(work.dirty, false);
            ruin(work);
            recreate(work, random.nextInt(11));
            cleanDirty(work);
            if (busesDiffer) {
                rebus(work);
            }
            double objective = work.objective();
            if (objective < currentObjective - temperature * Math.log(random.nextDouble())) {
                SearchState swap = current;
                current = work;
                work = swap;
                currentObjective = objective;
                if (objective < bestObjective - 1e-9) {
                    best.copyFrom(current);
                    bestObjective = objective;
                    bestAt = elapsedMillis();
                    improvements++;
                    options.progress().accept(progressOf(best, bestAt));
                }
            }
        }
        if (best.unservedStudents > 0) {
            seatLeftovers(best);
        }
        return toPlan(best, new SolverStatistics(iterations, improvements, elapsedMillis(),
                bestAt));
    }

    private long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private SolverProgress progressOf(SearchState s, long at) {
        return new SolverProgress(at, s.servedStudents(), s.routeCount, s.totalCost());
    }

    // ---------------------------------------------------------------- ruin

    /** Removes strings of neighbouring stops from up to a few routes (SISR's string removal). */
    private void ruin(SearchState s) {
        if (s.routeCount == 0) {
            return;
        }
        int visited = 0;
        for (int r = 0; r < s.routeCount; r++) {
            visited += s.length[r];
        }
        double averageLength = (double) visited / s.routeCount;
        double maxString = Math.min(MAX_STRING, averageLength);
        double maxStrings = 4 * AVERAGE_REMOVED / (1 + maxString) - 1;
        int strings = (int) Math.floor(1 + random.nextDouble() * maxStrings);
        int seedRoute = random.nextInt(s.routeCount);
        int seedStop = s.stops[seedRoute][random.nextInt(s.length[seedRoute])];
        boolean[] ruined = new boolean[s.routeCount];
        int done = 0;
        for (int k = -1; k < model.neighbours[seedStop].length && done < strings; k++) {
            int stop = k < 0 ? seedStop : model.neighbours[seedStop][k];
            int r = s.routeOf[stop];
            if (r < 0 || ruined[r]) {
                continue;
            }
            ruined[r] = true;
            done++;
            int len = s.length[r];
            int maxLen = (int) Math.min(len, Math.floor(maxString));
            int stringLength = 1 + random.nextInt(Math.max(1, maxLen));
            int pos = indexOf(s.stops[r], len, stop);
            int lo = Math.max(0, pos - stringLength + 1);
            int hi = Math.min(pos, len - stringLength);
            int from = lo + random.nextInt(hi - lo + 1);
            for (int i = 0; i < stringLength; i++) {
                s.removeStopAt(r, from);
            }
            for (int i = s.memberCount[r] - 1; i >= 0; i--) {
                int g = s.members[r][i];
                if (!s.covers(r, g)) {
                    s.unassign(g);
                }
            }
        }
        for (int r = s.routeCount - 1; r >= 0; r--) {
            if (s.length[r] == 0) {
                s.deleteRoute(r);
            }
        }
    }

    private static int indexOf(int[] seq, int len, int value) {
        for (int i = 0; i < len; i++) {
            if (seq[i] == value) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- recreate

    /**
     * Seats every unserved group that can be served, in an order drawn like SISR's: random,
     * most students first, farthest first or nearest first.
     */
    private void recreate(SearchState s, int orderKind) {
        int count = 0;
        if (order == null) {
            order = new Integer[model.groupCount];
        }
        for (int g = 0; g < model.groupCount; g++) {
            if (s.groupRoute[g] < 0 && model.hopeless[g] == null) {
                order[count++] = g;
            }
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        if (orderKind >= 4 && orderKind < 8) {
            Arrays.sort(order, 0, count, (a, b) -> model.demand[b] - model.demand[a]);
        } else if (orderKind >= 8 && orderKind < 10) {
            Arrays.sort(order, 0, count, (a, b) -> Double.compare(model.farness[b],
                    model.farness[a]));
        } else if (orderKind == 10) {
            Arrays.sort(order, 0, count, (a, b) -> Double.compare(model.farness[a],
                    model.farness[b]));
        }
        seatAll(s, count);
        for (int round = 0; round < REPAIR_ROUNDS; round++) {
            int stuck = 0;
            for (int g = 0; g < model.groupCount; g++) {
                if (s.groupRoute[g] < 0 && model.hopeless[g] == null) {
                    order[stuck++] = g;
                }
            }
            if (stuck == 0) {
                return;
            }
            int triggers = Math.min(stuck, MAX_REPAIRS);
            for (int i = 0; i < triggers; i++) {
                int j = i + random.nextInt(stuck - i);
                Integer tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
                freeOneStop(s, order[i]);
            }
            stuck = triggers;
            for (int g = 0; g < model.groupCount; g++) {
                if (s.groupRoute[g] < 0 && model.hopeless[g] == null && !inFirst(g, triggers)) {
                    order[stuck++] = g;
                }
            }
            seatAll(s, stuck);
        }
    }

    private boolean inFirst(int g, int count) {
        for (int i = 0; i < count; i++) {
            if (order[i] == g) {
                return true;
            }
        }
        return false;
    }

    private void seatAll(SearchState s, int count) {
        clearSaturation();
        for (int i = 0; i < count; i++) {
            int g = order[i];
            if (s.groupRoute[g] < 0 && !seatOnVisitedStop(s, g)) {
                insertStopFor(s, g, false);
            }
        }
    }

    /**
     * A group that found no seat: all its stops are on full routes (or no bus is left). Take one
     * of its stops off its route, so the next pass can put it where there is room; the groups
     * that needed that stop are unseated with it.
     */
    private void freeOneStop(SearchState s, int g) {
        int[] cands = model.candidates[g];
        int stop = cands[random.nextInt(cands.length)];
        int r = s.routeOf[stop];
        if (r < 0) {
            return;
        }
        s.removeStopAt(r, indexOf(s.stops[r], s.length[r], stop));
        for (int i = s.memberCount[r] - 1; i >= 0; i--) {
            int h = s.members[r][i];
            if (!s.covers(r, h)) {
                s.unassign(h);
            }
        }
        if (s.length[r] == 0) {
            s.deleteRoute(r);
        }
    }

    /** Seats g on a route that already visits one of its stops, shifting others if need be. */
    private boolean seatOnVisitedStop(SearchState s, int g) {
        int d = model.demand[g];
        int bestRoute = -1;
        int bestRoom = -1;
        for (int stop : model.candidates[g]) {
            int r = s.routeOf[stop];
            if (r >= 0) {
                int room = s.cap[r] - s.load[r];
                if (room >= d && room > bestRoom) {
                    bestRoom = room;
                    bestRoute = r;
                }
            }
        }
        if (bestRoute >= 0) {
            s.assign(g, bestRoute);
            return true;
        }
        return augment(s, g) || model.types > 1 && roomByBus(s, g);
    }

    /**
     * Breadth-first search over routes for a chain of moves that makes room for g: g enters a
     * full route, one of that route's groups moves to another route visiting one of its stops,
     * and so on until a route has room. With groups of one student this is an augmenting path
     * of the groups-to-routes flow, so a failure proves the routes cannot carry g.
     */
    private boolean augment(SearchState s, int g) {
        int room = 0;
        for (int r = 0; r < s.routeCount; r++) {
            room += Math.max(0, s.cap[r] - s.load[r]);
        }
        if (room < model.demand[g]) {
            return false;
        }
        boolean allSaturated = true;
        for (int stop : model.candidates[g]) {
            int r = s.routeOf[stop];
            if (r >= 0 && !saturated[r]) {
                allSaturated = false;
                break;
            }
        }
        if (allSaturated) {
            return false;
        }
        int head = 0;
        int tail = 0;
        Arrays.fill(bfsSeen, 0, s.routeCount, false);
        for (int stop : model.candidates[g]) {
            int r = s.routeOf[stop];
            if (r >= 0 && !bfsSeen[r]) {
                bfsSeen[r] = true;
                bfsParentRoute[r] = -1;
                bfsIncoming[r] = model.demand[g];
                bfsQueue[tail++] = r;
            }
        }
        while (head < tail) {
            int r = bfsQueue[head++];
            int incoming = bfsIncoming[r];
            if (s.load[r] + incoming <= s.cap[r]) {
                shiftAlong(s, g, r);
                return true;
            }
            int[] group = s.members[r];
            for (int i = 0; i < s.memberCount[r]; i++) {
                int h = group[i];
                int dh = model.demand[h];
                if (s.load[r] - dh + incoming > s.cap[r]) {
                    continue;
                }
                for (int stop : model.candidates[h]) {
                    int r2 = s.routeOf[stop];
                    if (r2 >= 0 && !bfsSeen[r2]) {
                        bfsSeen[r2] = true;
                        bfsParentRoute[r2] = r;
                        bfsParentGroup[r2] = h;
                        bfsIncoming[r2] = dh;
                        bfsQueue[tail++] = r2;
                        if (s.load[r2] + dh <= s.cap[r2]) {
                            shiftAlong(s, g, r2);
                            return true;
                        }
                    }
                }
            }
        }
        for (int i = 0; i < tail; i++) {
            saturated[bfsQueue[i]] = true;
        }
        anySaturated = true;
        return false;
    }

    /** Moves each group on the found path one route on, then seats g at the path's start. */
    private void shiftAlong(SearchState s, int g, int found) {
        int cur = found;
        while (bfsParentRoute[cur] >= 0) {
            int moved = bfsParentGroup[cur];
            s.unassign(moved);
            s.assign(moved, cur);
            cur = bfsParentRoute[cur];
        }
        s.assign(g, cur);
        clearSaturation();
    }

    private void clearSaturation() {
        if (anySaturated) {
            Arrays.fill(saturated, false);
            anySaturated = false;
        }
    }

    /** A stop joins a route: groups on saturated routes that reach it may now shift to it. */
    private void noteNewCoverage(SearchState s, int stop) {
        if (!anySaturated) {
            return;
        }
        for (int h : model.groupsAt[stop]) {
            int r = s.groupRoute[h];
            if (r >= 0 && saturated[r]) {
                clearSaturation();
                return;
            }
        }
    }

    /**
     * Inserts the cheapest of g's unvisited stops into a route with room, or opens a route with
     * the free bus that suits it best. A route may grow beyond its bus's seats when a larger
     * bus is free: it then changes to that bus.
     */
    private void insertStopFor(SearchState s, int g, boolean relaxed) {
        int d = model.demand[g];
        double[][] c = model.cost;
        double bestDelta = Double.MAX_VALUE;
        int bestStop = -1;
        int bestRoute = -1;
        int bestPos = -1;
        int bestKind = -1;
        int largestFree = model.types > 1 ? s.largestFree() : 0;
        for (int stop : model.candidates[g]) {
            if (s.routeOf[stop] >= 0) {
                continue;
            }
            int need = -1;
            for (int r = 0; r < s.routeCount; r++) {
                int seats = Math.max(model.typeCap[s.bus[r]], largestFree);
                if (s.load[r] + d > seats) {
                    continue;
                }
                int[] seq = s.stops[r];
                int len = s.length[r];
                int prev = model.start;
                for (int pos = 0; pos <= len; pos++) {
                    int next = pos == len ? model.end : seq[pos];
                    double delta = c[prev][stop] + c[stop][next] - c[prev][next]
                            + model.stopCost + insertEndDelta(s, r, pos, stop);
                    if (delta < bestDelta && need < 0) {
                        need = relaxed ? d
                                : Math.min(model.capacity, Math.max(d, waitingFor(s, stop)));
                    }
                    if (delta < bestDelta && s.load[r] + need <= seats
                            && random.nextDouble() >= BLINK_RATE
                            && rideAllows(s, r, pos, stop, need)) {
                        bestDelta = delta;
                        bestStop = stop;
                        bestRoute = r;
                        bestPos = pos;
                    }
                    prev = next;
                }
            }
            if (s.routeCount < model.maxRoutes) {
                double delta = c[model.start][stop] + c[stop][model.end] + model.busPenalty
                        + model.stopCost;
                if (delta < bestDelta && need < 0) {
                    need = relaxed ? d
                            : Math.min(model.capacity, Math.max(d, waitingFor(s, stop)));
                }
                int kind = delta < bestDelta ? kindFor(s, stop, need, d) : -1;
                if (kind >= 0) {
                    delta += model.busCost(kind, new int[] {stop}, 1);
                }
                if (kind >= 0 && delta < bestDelta
                        && model.rideCapacity(1, singleRideTravel(stop)) >= need) {
                    bestDelta = delta;
                    bestStop = stop;
                    bestRoute = -1;
                    bestPos = 0;
                    bestKind = kind;
                }
            }
        }
        if (bestStop < 0 && relaxed) {
            return;
        }
        if (bestStop < 0) {
            insertStopFor(s, g, true);
            return;
        }
        noteNewCoverage(s, bestStop);
        int r = bestRoute;
        if (r < 0) {
            r = s.openRoute(bestStop, bestKind);
        } else {
            s.insertStop(r, bestPos, bestStop);
        }
        if (s.load[r] + d > s.cap[r] && !upgradeBus(s, r, s.load[r] + d)) {
            // cannot happen when the checks above hold; never seat a group without a seat
            s.removeStopAt(r, indexOf(s.stops[r], s.length[r], bestStop));
            if (s.length[r] == 0 && s.memberCount[r] == 0) {
                s.deleteRoute(r);
            }
            return;
        }
        s.assign(g, r);
    }

    /**
     * The free kind of bus for a new route to this stop: the cheapest (empty drive, fixed cost,
     * then the fewest seats) among those with {@code need} seats, else the largest free one if
     * it seats the group; -1 if none does.
     */
    private int kindFor(SearchState s, int stop, int need, int demand) {
        if (model.types == 1) {
            return s.free[0] > 0 ? 0 : -1;
        }
        int best = -1;
        double bestValue = Double.MAX_VALUE;
        int largest = -1;
        int[] single = {stop};
        for (int k = 0; k < model.types; k++) {
            if (s.free[k] <= 0) {
                continue;
            }
            if (largest < 0 || model.typeCap[k] > model.typeCap[largest]) {
                largest = k;
            }
            if (model.typeCap[k] >= need) {
                double value = model.busCost(k, single, 1) + model.seatWeight * model.typeCap[k];
                if (value < bestValue) {
                    bestValue = value;
                    best = k;
                }
            }
        }
        if (best >= 0) {
            return best;
        }
        return largest >= 0 && model.typeCap[largest] >= demand ? largest : -1;
    }

    /** Route r changes to the cheapest free bus with at least {@code seats}; false if none. */
    private boolean upgradeBus(SearchState s, int r, int seats) {
        if (model.rideCapacity(s.length[r], s.rideTravel(r)) < seats) {
            return false;
        }
        int best = -1;
        double bestValue = Double.MAX_VALUE;
        for (int k = 0; k < model.types; k++) {
            if (s.free[k] > 0 && model.typeCap[k] >= seats) {
                double value = model.busCost(k, s.stops[r], s.length[r])
                        + model.seatWeight * model.typeCap[k];
                if (value < bestValue) {
                    bestValue = value;
                    best = k;
                }
            }
        }
        if (best < 0) {
            return false;
        }
        s.changeBus(r, best);
        return true;
    }

    /**
     * Makes room for g on a route that visits one of its stops by giving that route a larger
     * bus: a free one, or the bus of another route whose students fit in the smaller one.
     */
    private boolean roomByBus(SearchState s, int g) {
        int d = model.demand[g];
        for (int stop : model.candidates[g]) {
            int r = s.routeOf[stop];
            if (r < 0) {
                continue;
            }
            int seats = s.load[r] + d;
            if (model.rideCapacity(s.length[r], s.rideTravel(r)) < seats) {
                continue;
            }
            if (upgradeBus(s, r, seats)) {
                s.assign(g, r);
                return true;
            }
            for (int q = 0; q < s.routeCount; q++) {
                if (q != r && model.typeCap[s.bus[q]] >= seats
                        && s.load[q] <= model.typeCap[s.bus[r]]) {
                    s.swapBuses(r, q);
                    s.assign(g, r);
                    return true;
                }
            }
        }
        return false;
    }

    /** Change in the bus's empty drive when stop is inserted into route r at pos. */
    private double insertEndDelta(SearchState s, int r, int pos, int stop) {
        double[] empty = model.typeEmpty[s.bus[r]];
        if (empty == null || model.closed) {
            return 0;
        }
        int len = s.length[r];
        if (model.start == model.virtual) {
            return pos == 0 ? empty[stop] - empty[s.stops[r][0]] : 0;
        }
        return pos == len ? empty[stop] - empty[s.stops[r][len - 1]] : 0;
    }

    /** The empty drive of route r's bus if its first stop were {@code first}, last {@code last}. */
    private double endCost(SearchState s, int r, int first, int last) {
        double[] empty = model.typeEmpty[s.bus[r]];
        if (empty == null || model.closed) {
            return 0;
        }
        return empty[model.start == model.virtual ? first : last];
    }

    /**
     * Gives each route the bus that suits it best: a free bus of lower cost (empty drive, fixed
     * cost, then fewer seats) that still seats its students, or another route's bus in exchange.
     */
    private void rebus(SearchState s) {
        for (int round = 0; round < 4; round++) {
            boolean improved = false;
            for (int r = 0; r < s.routeCount; r++) {
                int[] seq = s.stops[r];
                int len = s.length[r];
                double now = model.busCost(s.bus[r], seq, len)
                        + model.seatWeight * model.typeCap[s.bus[r]];
                int best = -1;
                for (int k = 0; k < model.types; k++) {
                    if (k == s.bus[r] || s.free[k] <= 0 || model.typeCap[k] < s.load[r]) {
                        continue;
                    }
                    double value = model.busCost(k, seq, len)
                            + model.seatWeight * model.typeCap[k];
                    if (value < now - 1e-12) {
                        now = value;
                        best = k;
                    }
                }
                if (best >= 0) {
                    s.changeBus(r, best);
                    improved = true;
                }
            }
            for (int r = 0; r < s.routeCount; r++) {
                for (int q = r + 1; q < s.routeCount; q++) {
                    int kr = s.bus[r];
                    int kq = s.bus[q];
                    if (kr == kq || model.typeCap[kq] < s.load[r]
                            || model.typeCap[kr] < s.load[q]) {
                        continue;
                    }
                    double before = model.busCost(kr, s.stops[r], s.length[r])
                            + model.busCost(kq, s.stops[q], s.length[q]);
                    double after = model.busCost(kq, s.stops[r], s.length[r])
                            + model.busCost(kr, s.stops[q], s.length[q]);
                    if (after < before - 1e-12) {
                        s.swapBuses(r, q);
                        improved = true;
                    }
                }
            }
            if (!improved) {
                return;
            }
        }
    }

    /**
     * Students still without a seat who could board at this unvisited stop and have no visited
     * stop with room: they will want a seat on whichever route takes the stop.
     */
    private int waitingFor(SearchState s, int stop) {
        int waiting = 0;
        for (int h : model.groupsAt[stop]) {
            if (s.groupRoute[h] >= 0 || model.hopeless[h] != null) {
                continue;
            }
            boolean seatable = false;
            for (int t : model.candidates[h]) {
                int r = s.routeOf[t];
                if (r >= 0 && s.cap[r] - s.load[r] >= model.demand[h]) {
                    seatable = true;
                    break;
                }
            }
            if (!seatable) {
                waiting += model.demand[h];
                if (waiting >= model.capacity) {
                    return waiting;
                }
            }
        }
        return waiting;
    }

    private double singleRideTravel(int stop) {
        if (model.time == null) {
            return 0;
        }
        return model.closed ? model.time[model.start][stop]
                : model.time[model.start][stop] + model.time[stop][model.end];
    }

    /** Whether route r keeps the ride-time rule with stop inserted at pos and d more students. */
    private boolean rideAllows(SearchState s, int r, int pos, int stop, int d) {
        if (model.ride == null) {
            return true;
        }
        int len = s.length[r];
        int[] seq = scratch;
        System.arraycopy(s.stops[r], 0, seq, 0, pos);
        seq[pos] = stop;
        System.arraycopy(s.stops[r], pos, seq, pos + 1, len - pos);
        return s.rideCapOf(seq, len + 1) >= s.load[r] + d;
    }

    // ---------------------------------------------------------------- clean and polish

    private void cleanAll(SearchState s) {
        Arrays.fill(s.dirty, 0, s.routeCount, true);
        cleanDirty(s);
    }

    private void cleanDirty(SearchState s) {
        for (int r = s.routeCount - 1; r >= 0; r--) {
            if (r < s.routeCount && s.dirty[r]) {
                dropUnneededStops(s, r);
                if (s.length[r] == 0) {
                    s.deleteRoute(r);
                    continue;
                }
                polish(s, r);
                s.dirty[r] = false;
            }
        }
    }

    /**
     * Drops the stops of route r that none of its groups needs (every group boarding there can
     * walk to another stop of the route), the most expensive first, as long as that saves cost.
     */
    private void dropUnneededStops(SearchState s, int r) {
        while (s.length[r] > 0) {
            int len = s.length[r];
            int[] seq = s.stops[r];
            int[] needed = scratch;
            Arrays.fill(needed, 0, model.stops + 2, 0);
            for (int i = 0; i < s.memberCount[r]; i++) {
                int g = s.members[r][i];
                int only = -1;
                int count = 0;
                for (int stop : model.candidates[g]) {
                    if (s.routeOf[stop] == r) {
                        count++;
                        only = stop;
                    }
                }
                if (count == 1) {
                    needed[only]++;
                }
            }
            double[][] c = model.cost;
            double bestSaving = -1e-12;
            int bestPos = -1;
            for (int pos = 0; pos < len; pos++) {
                if (needed[seq[pos]] > 0) {
                    continue;
                }
                int prev = pos == 0 ? model.start : seq[pos - 1];
                int next = pos == len - 1 ? model.end : seq[pos + 1];
                double saving = c[prev][seq[pos]] + c[seq[pos]][next] - c[prev][next]
                        + model.stopCost;
                if (busesDiffer && len > 1) {
                    saving += endCost(s, r, seq[0], seq[len - 1])
                            - endCost(s, r, pos == 0 ? seq[1] : seq[0],
                            pos == len - 1 ? seq[len - 2] : seq[len - 1]);
                }
                if (saving > bestSaving) {
                    bestSaving = saving;
                    bestPos = pos;
                }
            }
            if (bestPos < 0) {
                return;
            }
            int[] copy = Arrays.copyOf(seq, len);
            s.removeStopAt(r, bestPos);
            if (s.cap[r] < s.load[r]) {
                s.insertStop(r, bestPos, copy[bestPos]);
                return;
            }
        }
    }

    /** 2-opt and or-opt inside route r, first improvement, until no move improves. */
    private void polish(SearchState s, int r) {
        boolean improved = true;
        int guard = 0;
        while (improved && guard++ < 50) {
            improved = twoOpt(s, r) || orOpt(s, r);
        }
    }

    private boolean twoOpt(SearchState s, int r) {
        int len = s.length[r];
        if (len < 2) {
            return false;
        }
        double[][] c = model.cost;
        int[] seq = s.stops[r];
        double[] forward = new double[len];
        double[] backward = new double[len];
        for (int i = 1; i < len; i++) {
            forward[i] = forward[i - 1] + c[seq[i - 1]][seq[i]];
            backward[i] = backward[i - 1] + c[seq[i]][seq[i - 1]];
        }
        for (int i = 0; i < len - 1; i++) {
            int prev = i == 0 ? model.start : seq[i - 1];
            for (int j = i + 1; j < len; j++) {
                int next = j == len - 1 ? model.end : seq[j + 1];
                double delta = c[prev][seq[j]] + c[seq[i]][next] - c[prev][seq[i]]
                        - c[seq[j]][next] + (backward[j] - backward[i])
                        - (forward[j] - forward[i]);
                if (busesDiffer) {
                    delta += endCost(s, r, i == 0 ? seq[j] : seq[0],
                            j == len - 1 ? seq[i] : seq[len - 1])
                            - endCost(s, r, seq[0], seq[len - 1]);
                }
                if (delta < -1e-9) {
                    int[] candidate = Arrays.copyOf(seq, len);
                    for (int a = i, b = j; a < b; a++, b--) {
                        int tmp = candidate[a];
                        candidate[a] = candidate[b];
                        candidate[b] = tmp;
                    }
                    if (tryReplace(s, r, candidate)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean orOpt(SearchState s, int r) {
        int len = s.length[r];
        double[][] c = model.cost;
        int[] seq = s.stops[r];
        for (int segment = 1; segment <= 3 && segment < len; segment++) {
            for (int i = 0; i + segment <= len; i++) {
                int first = seq[i];
                int last = seq[i + segment - 1];
                int prev = i == 0 ? model.start : seq[i - 1];
                int next = i + segment == len ? model.end : seq[i + segment];
                double removal = c[prev][first] + c[last][next] - c[prev][next];
                // insert between positions p-1 and p of the route without the segment
                for (int p = 0; p <= len - segment; p++) {
                    if (p == i) {
                        continue;
                    }
                    int before = p == 0 ? model.start : at(seq, len, i, segment, p - 1);
                    int after = p == len - segment ? model.end : at(seq, len, i, segment, p);
                    double delta = c[before][first] + c[last][after] - c[before][after]
                            - removal;
                    if (busesDiffer) {
                        int newFirst = p == 0 ? first : at(seq, len, i, segment, 0);
                        int newLast = p == len - segment ? last
                                : at(seq, len, i, segment, len - segment - 1);
                        delta += endCost(s, r, newFirst, newLast)
                                - endCost(s, r, seq[0], seq[len - 1]);
                    }
                    if (delta < -1e-9) {
                        int[] candidate = new int[len];
                        int k = 0;
                        for (int q = 0; q <= len - segment; q++) {
                            if (q == p) {
                                for (int t = 0; t < segment; t++) {
                                    candidate[k++] = seq[i + t];
                                }
                            }
                            if (q < len - segment) {
                                candidate[k++] = at(seq, len, i, segment, q);
                            }
                        }
                        if (tryReplace(s, r, candidate)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** The q-th stop of the route with the segment [i, i+segment) taken out. */
    private static int at(int[] seq, int len, int i, int segment, int q) {
        return q < i ? seq[q] : seq[q + segment];
    }

    private boolean tryReplace(SearchState s, int r, int[] candidate) {
        int len = candidate.length;
        if (model.ride != null && s.rideCapOf(candidate, len) < s.load[r]) {
            return false;
        }
        double newCost = s.costOf(r, candidate, len);
        if (newCost >= s.cost[r] - 1e-9) {
            return false;
        }
        System.arraycopy(candidate, 0, s.stops[r], 0, len);
        s.refresh(r);
        return true;
    }

    /**
     * The best plan leaves students without a seat: try once more to seat each of them on any
     * bus of the fleet (a visited stop with room, a chain of moves, a larger bus, a new stop or
     * a new route) and keep the result if it is better, so that a group is only reported for
     * CAPACITY when the search could not find it a seat.
     */
    private void seatLeftovers(SearchState best) {
        SearchState trial = new SearchState(model);
        trial.copyFrom(best);
        Arrays.fill(trial.dirty, false);
        if (order == null) {
            order = new Integer[model.groupCount];
        }
        int count = 0;
        for (int g = 0; g < model.groupCount; g++) {
            if (trial.groupRoute[g] < 0 && model.hopeless[g] == null) {
                order[count++] = g;
            }
        }
        seatAll(trial, count);
        cleanDirty(trial);
        if (busesDiffer) {
            rebus(trial);
        }
        if (trial.objective() < best.objective() - 1e-9) {
            best.copyFrom(trial);
        }
    }

    // ---------------------------------------------------------------- the answer

    private BusRoutingPlan toPlan(SearchState s, SolverStatistics statistics) {
        int[] assignment = new int[model.groupCount];
        Arrays.fill(assignment, -1);
        List<int[]> routes = new ArrayList<>();
        List<Integer> routeBus = new ArrayList<>();
        int[] usedOfBus = new int[model.types == 0 ? 0 : Arrays.stream(model.typeFleet)
                .flatMapToInt(Arrays::stream).max().orElse(-1) + 1];
        List<Double> seconds = new ArrayList<>();
        int emptySeats = 0;
        int[] kindsUsed = new int[model.types];
        double totalCost = 0;
        double longestRide = model.time == null ? Double.NaN : 0;
        int served = 0;
        for (int r = 0; r < s.routeCount; r++) {
            int[] studentsAt = new int[model.stops + 2];
            for (int i = 0; i < s.memberCount[r]; i++) {
                int g = s.members[r][i];
                for (int stop : model.candidates[g]) {
                    if (s.routeOf[stop] == r) {
                        assignment[g] = stop;
                        studentsAt[stop] += model.demand[g];
                        served += model.demand[g];
                        break;
                    }
                }
            }
            int[] seq = keepBoardingStops(s, r, studentsAt);
            if (seq.length == 0) {
                continue;
            }
            routes.add(seq);
            routeBus.add(fleetIndex(s.bus[r], usedOfBus));
            kindsUsed[s.bus[r]]++;
            emptySeats += model.typeCap[s.bus[r]] - s.load[r];
            totalCost += s.costOf(r, seq, seq.length);
            if (model.time != null) {
                double[] ride = rideSeconds(s, seq, studentsAt);
                seconds.add(ride[0]);
                longestRide = Math.max(longestRide, ride[1]);
            } else {
                seconds.add(Double.NaN);
            }
        }
        List<UnservedGroup> unserved = new ArrayList<>();
        for (int g = 0; g < model.groupCount; g++) {
            if (assignment[g] < 0) {
                UnservedReason reason = model.hopeless[g] != null ? model.hopeless[g]
                        : UnservedReason.CAPACITY;
                unserved.add(new UnservedGroup(g, reason));
            }
        }
        int servable = 0;
        for (int g = 0; g < model.groupCount; g++) {
            if (model.hopeless[g] == null) {
                servable += model.demand[g];
            }
        }
        long idleSeats = 0;
        for (int k = 0; k < model.types; k++) {
            if (model.typeCount[k] != Bus.UNLIMITED) {
                idleSeats += (long) (model.typeCount[k] - kindsUsed[k]) * model.typeCap[k];
            }
        }
        return new BusRoutingPlan(List.copyOf(routes),
                routeBus.stream().mapToInt(Integer::intValue).toArray(), assignment,
                List.copyOf(unserved), totalCost,
                seconds.stream().mapToDouble(Double::doubleValue).toArray(), longestRide, served,
                problem.busesLowerBound(servable), emptySeats, idleSeats, statistics);
    }

    /** A bus of kind k not yet given to a route: its index in the problem's fleet. */
    private int fleetIndex(int k, int[] usedOfBus) {
        for (int b : model.typeFleet[k]) {
            int count = problem.fleet().get(b).count();
            if (count == Bus.UNLIMITED || usedOfBus[b] < count) {
                usedOfBus[b]++;
                return b;
            }
        }
        throw new IllegalStateException("more routes than buses of kind " + k);
    }

    /**
     * The route without stops where nobody boards or alights, when leaving them out costs no
     * more (on real roads a pass-through stop can be on the cheapest way; then it stays).
     */
    private int[] keepBoardingStops(SearchState s, int r, int[] studentsAt) {
        int[] seq = Arrays.copyOf(s.stops[r], s.length[r]);
        for (int pos = seq.length - 1; pos >= 0; pos--) {
            if (studentsAt[seq[pos]] > 0) {
                continue;
            }
            int[] shorter = new int[seq.length - 1];
            System.arraycopy(seq, 0, shorter, 0, pos);
            System.arraycopy(seq, pos + 1, shorter, pos, seq.length - pos - 1);
            boolean cheaper = shorter.length == 0
                    || s.costOf(r, shorter, shorter.length) <= s.costOf(r, seq, seq.length);
            boolean rideOk = model.ride == null || shorter.length == 0
                    || rideSeconds(s, shorter, studentsAt)[1] <= model.ride.maxRideSeconds();
            if (cheaper && rideOk) {
                seq = shorter;
            }
        }
        return seq;
    }

    /**
     * {route seconds, longest ride}: driving time of the shape's legs plus dwell at every stop
     * where someone boards or alights; a student's ride runs from the school (or their stop) to
     * their stop (or the school), with the dwell at the stops in between.
     */
    private double[] rideSeconds(SearchState s, int[] seq, int[] studentsAt) {
        double[][] t = model.time;
        RideTimeRule rule = model.ride;
        double base = rule == null ? 0 : rule.dwellBaseSeconds();
        double perStudent = rule == null ? 0 : rule.dwellPerStudentSeconds();
        boolean boardingDwell = rule != null && rule.boardingDwellCounts();
        int len = seq.length;
        double[] dwell = new double[len];
        double totalDwell = 0;
        for (int i = 0; i < len; i++) {
            dwell[i] = studentsAt[seq[i]] > 0 ? base + perStudent * studentsAt[seq[i]] : 0;
            totalDwell += dwell[i];
        }
        double drive = s.travelOf(seq, len);
        double longest = 0;
        if (model.start == model.virtual) {
            // morning: boarding at stop i, riding to the school
            double ride = t[seq[len - 1]][model.end];
            for (int i = len - 1; i >= 0; i--) {
                if (studentsAt[seq[i]] > 0) {
                    longest = Math.max(longest, ride + (boardingDwell ? dwell[i] : 0));
                }
                if (i > 0) {
                    ride += dwell[i] + t[seq[i - 1]][seq[i]];
                }
            }
        } else {
            double ride = t[model.start][seq[0]];
            for (int i = 0; i < len; i++) {
                if (studentsAt[seq[i]] > 0) {
                    longest = Math.max(longest, ride + (boardingDwell ? dwell[i] : 0));
                }
                if (i + 1 < len) {
                    ride += dwell[i] + t[seq[i]][seq[i + 1]];
                }
            }
        }
        return new double[] {drive + totalDwell, longest};
    }
}
