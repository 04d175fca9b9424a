package cn.anxing.bus.solver;

/**
 * One plan under construction: routes of stops, and each group assigned to a route (not yet to
 * a stop: a group may board at any stop of its route that it can walk to, so only the route
 * matters for feasibility). Loads and effective capacities are kept per route.
 */
final class SearchState {

    final SearchModel model;
    int routeCount;
    final int[][] stops;
    final int[] length;
    final double[] cost;
    final double[] travel;
    final int[] load;
    final int[] cap;
    /** Per route, the kind of bus that drives it (see SearchModel#types). */
    final int[] bus;
    /** Per kind of bus, how many are not driving a route. */
    final int[] free;
    final boolean[] dirty;
    /** Per point (0..m+1), the route visiting it or -1. */
    final int[] routeOf;
    final int[] groupRoute;
    final int[][] members;
    final int[] memberCount;
    final int[] memberPos;
    int unservedStudents;

    SearchState(SearchModel model) {
        this.model = model;
        int routes = Math.max(1, model.maxRoutes);
        stops = new int[routes][model.stops];
        length = new int[routes];
        cost = new double[routes];
        travel = new double[routes];
        load = new int[routes];
        cap = new int[routes];
        bus = new int[routes];
        free = model.typeCount.clone();
        dirty = new boolean[routes];
        routeOf = new int[model.stops + 2];
        java.util.Arrays.fill(routeOf, -1);
        groupRoute = new int[model.groupCount];
        java.util.Arrays.fill(groupRoute, -1);
        members = new int[routes][model.groupCount];
        memberCount = new int[routes];
        memberPos = new int[model.groupCount];
        for (int g = 0; g < model.groupCount; g++) {
            if (model.hopeless[g] == null) {
                unservedStudents += model.demand[g];
            }
        }
    }

    void copyFrom(SearchState o) {
        routeCount = o.routeCount;
        for (int r = 0; r < routeCount; r++) {
            System.arraycopy(o.stops[r], 0, stops[r], 0, o.length[r]);
            System.arraycopy(o.members[r], 0, members[r], 0, o.memberCount[r]);
        }
        System.arraycopy(o.length, 0, length, 0, routeCount);
        System.arraycopy(o.cost, 0, cost, 0, routeCount);
        System.arraycopy(o.travel, 0, travel, 0, routeCount);
        System.arraycopy(o.load, 0, load, 0, routeCount);
        System.arraycopy(o.cap, 0, cap, 0, routeCount);
        System.arraycopy(o.bus, 0, bus, 0, routeCount);
        System.arraycopy(o.free, 0, free, 0, free.length);
        System.arraycopy(o.memberCount, 0, memberCount, 0, routeCount);
        System.arraycopy(o.dirty, 0, dirty, 0, routeCount);
        System.arraycopy(o.routeOf, 0, routeOf, 0, routeOf.length);
        System.arraycopy(o.groupRoute, 0, groupRoute, 0, groupRoute.length);
        System.arraycopy(o.memberPos, 0, memberPos, 0, memberPos.length);
        unservedStudents = o.unservedStudents;
    }

    double totalCost() {
        double sum = 0;
        for (int r = 0; r < routeCount; r++) {
            sum += cost[r];
        }
        return sum;
    }

    /** The single number the search minimises; see {@link SearchModel} for the penalties. */
    double objective() {
        double objective = totalCost() + model.busPenalty * routeCount
                + model.unservedPenalty * unservedStudents;
        if (model.seatWeight > 0) {
            for (int r = 0; r < routeCount; r++) {
                objective += model.seatWeight * model.typeCap[bus[r]];
            }
        }
        if (model.longestRideWeight > 0) {
            double longest = 0;
            for (int r = 0; r < routeCount; r++) {
                longest = Math.max(longest, rideBound(r));
            }
            objective += model.longestRideWeight * longest;
        }
        return objective;
    }

    /** The longest ride on route r as the search counts it (see SearchModel#rideCapacity). */
    double rideBound(int r) {
        RideTimeRule rule = model.ride;
        double ride = rideTravel(r);
        int dwellStops = rule.boardingDwellCounts() ? length[r] : length[r] - 1;
        if (dwellStops > 0) {
            ride += rule.dwellBaseSeconds() * dwellStops
                    + rule.dwellPerStudentSeconds() * load[r];
        }
        return ride;
    }

    int servedStudents() {
        int served = 0;
        for (int r = 0; r < routeCount; r++) {
            served += load[r];
        }
        return served;
    }

    /** Ride travel time of route r: every leg but the return to school of a closed tour. */
    double rideTravel(int r) {
        return rideTravelOf(stops[r], length[r], travel[r]);
    }

    double rideTravelOf(int[] seq, int len, double fullTravel) {
        if (!model.closed || len == 0 || model.time == null) {
            return fullTravel;
        }
        return fullTravel - model.time[seq[len - 1]][model.end];
    }

    /** Cost of route r's stops in this order, driven by route r's bus. */
    double costOf(int r, int[] seq, int len) {
        return legCostOf(seq, len) + model.busCost(bus[r], seq, len);
    }

    /** The legs and the stops' cost of a route, without its bus's empty drive. */
    double legCostOf(int[] seq, int len) {
        double[][] c = model.cost;
        int prev = model.start;
        double sum = model.stopCost * len;
        for (int i = 0; i < len; i++) {
            sum += c[prev][seq[i]];
            prev = seq[i];
        }
        return sum + c[prev][model.end];
    }

    double travelOf(int[] seq, int len) {
        double[][] t = model.time;
        if (t == null) {
            return 0;
        }
        int prev = model.start;
        double sum = 0;
        for (int i = 0; i < len; i++) {
            sum += t[prev][seq[i]];
            prev = seq[i];
        }
        return sum + t[prev][model.end];
    }

    /** Seats the ride-time rule allows on these stops, whatever the bus. */
    int rideCapOf(int[] seq, int len) {
        return model.rideCapacity(len, rideTravelOf(seq, len, travelOf(seq, len)));
    }

    /** Recomputes cost, travel and capacity of route r and the positions of its stops. */
    void refresh(int r) {
        int[] seq = stops[r];
        int len = length[r];
        cost[r] = costOf(r, seq, len);
        travel[r] = travelOf(seq, len);
        cap[r] = Math.min(model.typeCap[bus[r]], model.rideCapacity(len, rideTravel(r)));
        for (int i = 0; i < len; i++) {
            routeOf[seq[i]] = r;
        }
        dirty[r] = true;
    }

    /** A new route to one stop, driven by a free bus of kind k. */
    int openRoute(int stop, int k) {
        int r = routeCount++;
        bus[r] = k;
        take(k);
        length[r] = 1;
        stops[r][0] = stop;
        load[r] = 0;
        memberCount[r] = 0;
        refresh(r);
        return r;
    }

    void insertStop(int r, int pos, int stop) {
        int[] seq = stops[r];
        System.arraycopy(seq, pos, seq, pos + 1, length[r] - pos);
        seq[pos] = stop;
        length[r]++;
        refresh(r);
    }

    /** Removes the stop at pos; the caller deals with groups the route no longer covers. */
    void removeStopAt(int r, int pos) {
        int[] seq = stops[r];
        routeOf[seq[pos]] = -1;
        System.arraycopy(seq, pos + 1, seq, pos, length[r] - pos - 1);
        length[r]--;
        refresh(r);
    }

    /** Deletes an empty route with no members; the last route takes its index. */
    void deleteRoute(int r) {
        release(bus[r]);
        int last = --routeCount;
        if (r != last) {
            int[] tmpStops = stops[r];
            stops[r] = stops[last];
            stops[last] = tmpStops;
            int[] tmpMembers = members[r];
            members[r] = members[last];
            members[last] = tmpMembers;
            length[r] = length[last];
            cost[r] = cost[last];
            travel[r] = travel[last];
            load[r] = load[last];
            cap[r] = cap[last];
            bus[r] = bus[last];
            dirty[r] = dirty[last];
            memberCount[r] = memberCount[last];
            for (int i = 0; i < length[r]; i++) {
                routeOf[stops[r][i]] = r;
            }
            for (int i = 0; i < memberCount[r]; i++) {
                groupRoute[members[r][i]] = r;
            }
        }
        length[last] = 0;
        memberCount[last] = 0;
        load[last] = 0;
    }

    /** Route r changes to a bus of kind k (a free one, or the caller swaps). */
    void changeBus(int r, int k) {
        release(bus[r]);
        take(k);
        bus[r] = k;
        cost[r] = costOf(r, stops[r], length[r]);
        cap[r] = Math.min(model.typeCap[k], model.rideCapacity(length[r], rideTravel(r)));
    }

    /** Routes r and q exchange their buses. */
    void swapBuses(int r, int q) {
        int k = bus[r];
        bus[r] = bus[q];
        bus[q] = k;
        for (int x : new int[] {r, q}) {
            cost[x] = costOf(x, stops[x], length[x]);
            cap[x] = Math.min(model.typeCap[bus[x]],
                    model.rideCapacity(length[x], rideTravel(x)));
        }
    }

    private void take(int k) {
        if (free[k] != Bus.UNLIMITED) {
            free[k]--;
        }
    }

    private void release(int k) {
        if (free[k] != Bus.UNLIMITED) {
            free[k]++;
        }
    }

    /** Seats of the largest bus kind with one free, 0 if none is. */
    int largestFree() {
        int largest = 0;
        for (int k = 0; k < free.length; k++) {
            if (free[k] > 0) {
                largest = Math.max(largest, model.typeCap[k]);
            }
        }
        return largest;
    }

    void assign(int g, int r) {
        groupRoute[g] = r;
        memberPos[g] = memberCount[r];
        members[r][memberCount[r]++] = g;
        load[r] += model.demand[g];
        unservedStudents -= model.demand[g];
    }

    void unassign(int g) {
        int r = groupRoute[g];
        int pos = memberPos[g];
        int last = members[r][--memberCount[r]];
        members[r][pos] = last;
        memberPos[last] = pos;
        groupRoute[g] = -1;
        load[r] -= model.demand[g];
        unservedStudents += model.demand[g];
    }

    boolean covers(int r, int g) {
        for (int s : model.candidates[g]) {
            if (routeOf[s] == r) {
                return true;
            }
        }
        return false;
    }
}
