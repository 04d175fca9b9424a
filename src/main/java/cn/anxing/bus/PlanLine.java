package cn.anxing.bus;

import cn.anxing.routing.LatLon;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One line of a stored plan opened for a hand edit (手工调整): its stops can gain or lose
 * students, be taken out or put in, and the line is then timed again exactly as {@link
 * PlanDocument} times the optimizer's lines. A leg that a change creates is driven on the road
 * network; the legs it keeps keep the travel matrix's times.
 *
 * <p>The waypoints are the school then the stops in the evening, the stops then the school in
 * the morning; leg {@code i} joins waypoints {@code i} and {@code i + 1}.
 */
final class PlanLine {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** Driving between two points on the bus network, for the legs an edit creates. */
    interface Roads {
        BusPlan.Leg drive(String fromId, LatLon from, String toId, LatLon to);

        BusPlan.Path drivingPath(List<LatLon> waypoints);
    }

    /** A stop of the line while it is edited. */
    static final class Stop {
        final String stopId;
        final String stopName;
        final double lat;
        final double lon;
        int students;
        final List<UUID> households;

        Stop(String stopId, String stopName, double lat, double lon, int students,
             List<UUID> households) {
            this.stopId = stopId;
            this.stopName = stopName;
            this.lat = lat;
            this.lon = lon;
            this.students = students;
            this.households = new ArrayList<>(households);
        }

        LatLon point() {
            return new LatLon(lat, lon);
        }
    }

    final BusPlan.Line original;
    final boolean evening;
    final List<Stop> stops = new ArrayList<>();
    private final List<BusPlan.Leg> legs;
    private final LatLon school;
    private boolean rerouted;

    PlanLine(BusPlan.Line line, boolean evening, LatLon school) {
        this.original = line;
        this.evening = evening;
        this.school = school;
        line.stops().forEach(s -> stops.add(new Stop(s.stopId(), s.stopName(), s.lat(),
                s.lon(), s.students(), s.households())));
        this.legs = new ArrayList<>(line.legs());
    }

    int number() {
        return original.number();
    }

    int indexOf(String stopId) {
        for (int k = 0; k < stops.size(); k++) {
            if (stops.get(k).stopId.equals(stopId)) {
                return k;
            }
        }
        return -1;
    }

    Stop stop(String stopId) {
        int k = indexOf(stopId);
        return k < 0 ? null : stops.get(k);
    }

    /** Waypoint index of stop {@code k}. */
    private int waypoint(int k) {
        return evening ? k + 1 : k;
    }

    private int waypointCount() {
        return stops.size() + 1;
    }

    private LatLon pointAt(int w) {
        int k = evening ? w - 1 : w;
        return k < 0 || k >= stops.size() ? school : stops.get(k).point();
    }

    private String idAt(int w) {
        int k = evening ? w - 1 : w;
        return k < 0 || k >= stops.size() ? "school" : stops.get(k).stopId;
    }

    /** Takes stop {@code k} off the line; its neighbours are joined by a leg on the road. */
    Stop remove(int k, Roads roads) {
        int w = waypoint(k);
        boolean interior = w > 0 && w < waypointCount() - 1;
        Stop removed = stops.get(k);
        if (interior) {
            LatLon prev = pointAt(w - 1);
            String prevId = idAt(w - 1);
            legs.remove(w);
            legs.remove(w - 1);
            stops.remove(k);
            legs.add(w - 1, roads.drive(prevId, prev, idAt(w), pointAt(w)));
        } else {
            // the evening's last stop or the morning's first: its one leg goes with it
            legs.remove(w == 0 ? 0 : w - 1);
            stops.remove(k);
        }
        rerouted = true;
        return removed;
    }

    /**
     * Puts the stop where it lengthens the line least, trying every place between the school
     * and the line's end; returns the position taken.
     */
    int insertCheapest(Stop stop, Roads roads) {
        int best = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        List<BusPlan.Leg> bestLegs = null;
        for (int k = 0; k <= stops.size(); k++) {
            List<BusPlan.Leg> trial = legsWith(k, stop, roads);
            double cost = trial.stream().mapToDouble(BusPlan.Leg::seconds).sum();
            if (cost < bestCost) {
                bestCost = cost;
                best = k;
                bestLegs = trial;
            }
        }
        stops.add(best, stop);
        legs.clear();
        legs.addAll(bestLegs);
        rerouted = true;
        return best;
    }

    private List<BusPlan.Leg> legsWith(int k, Stop stop, Roads roads) {
        List<BusPlan.Leg> trial = new ArrayList<>(legs);
        int w = waypoint(k);
        LatLon at = stop.point();
        if (w == waypointCount()) {
            // after the evening's last stop
            trial.add(roads.drive(idAt(w - 1), pointAt(w - 1), stop.stopId, at));
        } else if (w == 0) {
            // before the morning's first stop
            trial.add(0, roads.drive(stop.stopId, at, idAt(0), pointAt(0)));
        } else {
            trial.remove(w - 1);
            trial.add(w - 1, roads.drive(stop.stopId, at, idAt(w), pointAt(w)));
            trial.add(w - 1, roads.drive(idAt(w - 1), pointAt(w - 1), stop.stopId, at));
        }
        return trial;
    }

    int students() {
        return stops.stream().mapToInt(s -> s.students).sum();
    }

    /**
     * The line timed again from its legs and the dwell of its students, as the planner times
     * it; the driving path is drawn again when stops came or went. The empty drive between the
     * depot and the line is kept from the plan (the document does not hold the depot).
     */
    BusPlan.Line timed(BusPlan.PolicyUsed policy, LocalTime schoolTime, Roads roads) {
        int n = stops.size();
        double[] arrival = new double[n];
        double[] dwell = new double[n];
        double[] ride = new double[n];
        int lineStudents = students();
        double t = 0;
        LocalTime origin;
        String start;
        String end;
        if (evening) {
            for (int k = 0; k < n; k++) {
                t += legs.get(k).seconds();
                arrival[k] = t;
                ride[k] = t;
                dwell[k] = dwell(policy, stops.get(k).students);
                t += dwell[k];
            }
            origin = schoolTime.plusSeconds(Math.round(dwell(policy, lineStudents)));
            start = clock(origin, 0);
            end = clock(origin, arrival[n - 1]);
        } else {
            double[] departure = new double[n];
            for (int k = 0; k < n; k++) {
                arrival[k] = t;
                dwell[k] = dwell(policy, stops.get(k).students);
                departure[k] = t + dwell[k];
                t = departure[k] + legs.get(k).seconds();
            }
            for (int k = 0; k < n; k++) {
                ride[k] = t - departure[k];
            }
            origin = schoolTime.minusSeconds(Math.round(t));
            start = clock(origin, 0);
            end = clock(origin, t);
        }
        List<BusPlan.LineStop> lineStops = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Stop s = stops.get(k);
            lineStops.add(new BusPlan.LineStop(k + 1, s.stopId, s.stopName, s.lat, s.lon,
                    clock(origin, arrival[k]), clock(origin, arrival[k] + dwell[k]),
                    round(arrival[k]), round(dwell[k]), round(ride[k]), s.students,
                    List.copyOf(s.households)));
        }
        double legSeconds = legs.stream().mapToDouble(BusPlan.Leg::seconds).sum();
        BusPlan.Path path = original.path();
        if (rerouted) {
            List<LatLon> waypoints = new ArrayList<>();
            for (int w = 0; w < waypointCount(); w++) {
                waypoints.add(pointAt(w));
            }
            path = roads.drivingPath(waypoints);
        }
        BusPlan.Line o = original;
        return new BusPlan.Line(o.number(), o.name(), o.busId(), o.busLabel(), o.capacity(),
                lineStudents, start, end, lineStops, List.copyOf(legs),
                round(Arrays.stream(ride).max().orElse(0)), round(t), o.deadheadSeconds(),
                round(legSeconds + o.deadheadSeconds()), path);
    }

    private static double dwell(BusPlan.PolicyUsed policy, int students) {
        return policy.dwellBaseSeconds() + (double) policy.dwellPerStudentSeconds() * students;
    }

    private static String clock(LocalTime origin, double offsetSeconds) {
        return origin.plusSeconds(Math.round(offsetSeconds)).format(CLOCK);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
