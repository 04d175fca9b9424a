package cn.anxing.bus;

import cn.anxing.routing.LatLon;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Re-planning around locked lines (锁定线路后重新规划): the evening lines a coordinator locked keep
 * their bus, stops, order and times; their households and buses are taken out of the planning
 * input, the planner plans the rest, and the two are put together. In the morning a locked
 * line's bus collects the same households at the same stops in the reverse order, timed on the
 * road as the planner times a line.
 */
final class LockedReplan {

    private final BusPlan base;
    private final List<BusPlan.Line> locked;
    private final Set<UUID> households = new HashSet<>();
    private final Set<UUID> buses = new HashSet<>();

    private LockedReplan(BusPlan base, List<BusPlan.Line> locked) {
        this.base = base;
        this.locked = locked;
        for (BusPlan.Line line : locked) {
            buses.add(line.busId());
            line.stops().forEach(s -> households.addAll(s.households()));
        }
    }

    /** The evening lines {@code numbers} of {@code base}; a number it lacks is ignored. */
    static LockedReplan of(BusPlan base, List<Integer> numbers) {
        return new LockedReplan(base, base.evening().lines().stream()
                .filter(l -> numbers.contains(l.number())).toList());
    }

    /** What is left to plan: the households and buses of no locked line. */
    PlanningInput rest(PlanningInput input) {
        return new PlanningInput(input.school(), input.policy(), input.households().stream()
                .filter(h -> !households.contains(h.id())).toList(), input.buses().stream()
                .filter(b -> !buses.contains(b.id())).toList());
    }

    /** The locked lines and the plan of the rest as one plan. */
    BusPlan merge(BusPlan planned, PlanLine.Roads roads) {
        // the planned stops keep their ids; the locked lines' stops are numbered after them
        List<BusPlan.Stop> stops = new ArrayList<>(planned.stops());
        Map<String, String> stopIds = new HashMap<>();
        for (BusPlan.Line line : locked) {
            for (BusPlan.LineStop s : line.stops()) {
                if (!stopIds.containsKey(s.stopId())) {
                    String id = "S" + (stops.size() + 1);
                    stopIds.put(s.stopId(), id);
                    BusPlan.Stop old = base.stops().stream()
                            .filter(b -> b.id().equals(s.stopId())).findFirst().orElseThrow();
                    stops.add(new BusPlan.Stop(id, old.name(), old.lat(), old.lon(),
                            old.roadName(), old.roadClass()));
                }
            }
        }
        Set<Integer> taken = new HashSet<>();
        locked.forEach(l -> taken.add(l.number()));
        Map<Integer, Integer> eveningNumbers = renumber(planned.evening(), taken);
        Map<Integer, Integer> morningNumbers = renumber(planned.morning(), taken);

        List<BusPlan.Line> evening = new ArrayList<>();
        List<BusPlan.Line> morning = new ArrayList<>();
        for (BusPlan.Line line : locked) {
            evening.add(withStopIds(line, stopIds));
            morning.add(morningOf(withStopIds(line, stopIds), roads));
        }
        planned.evening().lines().forEach(l -> evening.add(numbered(l, "晚",
                eveningNumbers.get(l.number()))));
        planned.morning().lines().forEach(l -> morning.add(numbered(l, "早",
                morningNumbers.get(l.number()))));
        evening.sort(java.util.Comparator.comparingInt(BusPlan.Line::number));
        morning.sort(java.util.Comparator.comparingInt(BusPlan.Line::number));

        List<BusPlan.HouseholdStop> all = new ArrayList<>();
        for (BusPlan.HouseholdStop h : planned.households()) {
            all.add(new BusPlan.HouseholdStop(h.householdId(), h.label(), h.lat(), h.lon(),
                    h.students(), h.needsDoorStop(), h.generated(), h.stopId(), h.stopName(),
                    h.walkMetres(), h.walkPath(), eveningNumbers.get(h.eveningLine()),
                    morningNumbers.get(h.morningLine())));
        }
        for (BusPlan.HouseholdStop h : base.households()) {
            if (households.contains(h.householdId())) {
                all.add(new BusPlan.HouseholdStop(h.householdId(), h.label(), h.lat(), h.lon(),
                        h.students(), h.needsDoorStop(), h.generated(),
                        stopIds.get(h.stopId()), h.stopName(), h.walkMetres(), h.walkPath(),
                        h.eveningLine(), h.eveningLine()));
            }
        }
        BusPlan.Run eveningRun = run(planned.evening(), evening);
        BusPlan.Run morningRun = run(planned.morning(), morning);
        BusPlan.Summary s = planned.summary();
        int lockedStudents = locked.stream().mapToInt(BusPlan.Line::students).sum();
        int busesUsed = Math.max(evening.size(), morning.size());
        // the locked buses are used whatever the rest needs: the bound grows by them
        int bound = s.busesLowerBound() < 0 ? -1 : s.busesLowerBound() + locked.size();
        var summary = new BusPlan.Summary(s.households() + households.size(),
                s.students() + lockedStudents,
                (int) all.stream().filter(h -> h.eveningLine() != null).count(),
                eveningRun.studentsServed(), s.busesAvailable() + buses.size(), busesUsed,
                bound, bound >= 0 && busesUsed <= bound, eveningRun.drivingSeconds(),
                morningRun.drivingSeconds(), Math.max(eveningRun.longestRideSeconds(),
                morningRun.longestRideSeconds()), s.candidateStops(), s.matrixSeconds(),
                s.solveSeconds(), s.pathsSeconds());
        return new BusPlan(planned.schoolId(), planned.schoolName(), planned.schoolLat(),
                planned.schoolLon(), planned.policy(), summary, stops, eveningRun, morningRun,
                all, planned.unserved());
    }

    /** Numbers for the planned lines that the locked lines do not hold, in their order. */
    private static Map<Integer, Integer> renumber(BusPlan.Run run, Set<Integer> taken) {
        Map<Integer, Integer> numbers = new HashMap<>();
        int next = 1;
        for (BusPlan.Line line : run.lines()) {
            while (taken.contains(next)) {
                next++;
            }
            numbers.put(line.number(), next++);
        }
        return numbers;
    }

    private static BusPlan.Line numbered(BusPlan.Line l, String run, int number) {
        return new BusPlan.Line(number, run + number + "号线", l.busId(), l.busLabel(),
                l.capacity(), l.students(), l.start(), l.end(), l.stops(), l.legs(),
                l.rideSeconds(), l.lineSeconds(), l.deadheadSeconds(), l.drivingSeconds(),
                l.path());
    }

    private static BusPlan.Line withStopIds(BusPlan.Line l, Map<String, String> ids) {
        List<BusPlan.LineStop> stops = l.stops().stream().map(s -> new BusPlan.LineStop(
                s.sequence(), ids.get(s.stopId()), s.stopName(), s.lat(), s.lon(), s.arrival(),
                s.departure(), s.arrivalOffset(), s.dwellSeconds(), s.rideSeconds(),
                s.students(), s.households())).toList();
        List<BusPlan.Leg> legs = l.legs().stream().map(g -> new BusPlan.Leg(
                ids.getOrDefault(g.from(), g.from()), ids.getOrDefault(g.to(), g.to()),
                g.seconds(), g.metres())).toList();
        return new BusPlan.Line(l.number(), l.name(), l.busId(), l.busLabel(), l.capacity(),
                l.students(), l.start(), l.end(), stops, legs, l.rideSeconds(), l.lineSeconds(),
                l.deadheadSeconds(), l.drivingSeconds(), l.path());
    }

    /** The locked evening line driven the other way in the morning, timed on the road. */
    private BusPlan.Line morningOf(BusPlan.Line evening, PlanLine.Roads roads) {
        List<BusPlan.LineStop> stops = new ArrayList<>(evening.stops());
        java.util.Collections.reverse(stops);
        LatLon school = new LatLon(base.schoolLat(), base.schoolLon());
        List<LatLon> points = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        stops.forEach(s -> {
            points.add(new LatLon(s.lat(), s.lon()));
            ids.add(s.stopId());
        });
        points.add(school);
        ids.add("school");
        List<BusPlan.Leg> legs = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            legs.add(roads.drive(ids.get(i - 1), points.get(i - 1), ids.get(i), points.get(i)));
        }
        var raw = new BusPlan.Line(evening.number(), "早" + evening.number() + "号线",
                evening.busId(), evening.busLabel(), evening.capacity(), evening.students(), "",
                "", stops, legs, 0, 0, evening.deadheadSeconds(), 0, roads.drivingPath(points));
        return new PlanLine(raw, false, school).timed(base.policy(),
                LocalTime.parse(base.morning().schoolTime()), roads);
    }

    private static BusPlan.Run run(BusPlan.Run template, List<BusPlan.Line> lines) {
        return new BusPlan.Run(template.shape(), template.schoolTime(), lines,
                template.unserved(),
                lines.stream().mapToInt(l -> l.capacity() - l.students()).sum(),
                template.idleBusSeats(), lines.stream().mapToInt(BusPlan.Line::students).sum(),
                PlanLine.round(lines.stream().mapToDouble(BusPlan.Line::drivingSeconds).sum()),
                PlanLine.round(lines.stream().mapToDouble(BusPlan.Line::rideSeconds).max()
                        .orElse(0)));
    }

    boolean empty() {
        return locked.isEmpty();
    }

    int lockedHouseholds() {
        return households.size();
    }

    int lockedBuses() {
        return buses.size();
    }
}
