package cn.anxing.bus;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.routing.LatLon;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A coordinator's hand edits of a plan (手工调整): move a household to another stop, move a stop
 * to another line, rename a stop. Each gives a new plan document; the lines it touches are timed
 * again on the road ({@link PlanLine}) and checked by {@link PlanRules}, so an edit that breaks a
 * rule is refused, not stored. The plan given is never changed.
 */
final class PlanEdits {

    /** The road network as the edits need it: driving legs and paths, and walks. */
    interface Roads extends PlanLine.Roads {
        Walk walk(LatLon home, LatLon stop);
    }

    /** A walk from home to a stop on the footpaths. */
    record Walk(double metres, List<double[]> path) {
    }

    /** The edited plan and what the edit did, in words for the plan list. */
    record Edited(BusPlan plan, String description) {
    }

    private PlanEdits() {
    }

    /** The household walks to {@code stopId} instead, on the lines that serve that stop. */
    static Edited moveHousehold(BusPlan plan, UUID householdId, String stopId, Roads roads) {
        BusPlan.HouseholdStop household = plan.households().stream()
                .filter(h -> h.householdId().equals(householdId)).findFirst()
                .orElseThrow(() -> notInPlan("householdId", "这户家庭不在方案中 / the household"
                        + " is not in this plan"));
        BusPlan.Stop target = stop(plan, stopId);
        if (stopId.equals(household.stopId())) {
            throw new DomainException(CommonError.VALIDATION_FAILED, "这户家庭已在" + target.name()
                    + "上下车 / the household already uses this stop", "stopId");
        }
        Walk walk = roads.walk(new LatLon(household.lat(), household.lon()),
                new LatLon(target.lat(), target.lon()));
        PlanRules.checkWalk(plan.policy(), household.label(), target.name(), walk.metres());
        BusPlan.Run evening = moveHousehold(plan, "evening", household, stopId, roads);
        BusPlan.Run morning = moveHousehold(plan, "morning", household, stopId, roads);
        List<BusPlan.HouseholdStop> households = plan.households().stream().map(h ->
                !h.householdId().equals(householdId) ? h : new BusPlan.HouseholdStop(
                        h.householdId(), h.label(), h.lat(), h.lon(), h.students(),
                        h.needsDoorStop(), h.generated(), target.id(), target.name(),
                        PlanLine.round(walk.metres()), walk.path(), lineOf(evening, householdId),
                        lineOf(morning, householdId))).toList();
        List<BusPlan.Unserved> unserved = plan.unserved().stream()
                .filter(u -> !u.householdId().equals(householdId)).toList();
        return new Edited(withRuns(plan, plan.stops(), evening, morning, households, unserved),
                "把" + household.label() + "改到" + target.name() + " / moved "
                        + household.label() + " to " + target.name());
    }

    private static BusPlan.Run moveHousehold(BusPlan plan, String runName,
                                             BusPlan.HouseholdStop household, String stopId,
                                             Roads roads) {
        BusPlan.Run run = run(plan, runName);
        List<PlanLine> lines = open(plan, run, runName);
        PlanLine to = lines.stream().filter(l -> l.indexOf(stopId) >= 0).findFirst()
                .orElseThrow(() -> notInPlan("stopId", PlanRules.runZh(runName)
                        + "没有线路经过这个站点 / no " + runName + " line calls at this stop"));
        Set<PlanLine> changed = new HashSet<>();
        for (PlanLine line : lines) {
            for (int k = 0; k < line.stops.size(); k++) {
                PlanLine.Stop at = line.stops.get(k);
                if (at.households.remove(household.householdId())) {
                    at.students -= household.students();
                    if (at.households.isEmpty()) {
                        // nobody left to drop off: the bus no longer calls there
                        line.remove(k, roads);
                    }
                    changed.add(line);
                    break;
                }
            }
        }
        PlanLine.Stop at = to.stop(stopId);
        at.students += household.students();
        at.households.add(household.householdId());
        changed.add(to);
        return rebuild(plan, run, runName, lines, changed, household.householdId(), roads);
    }

    /** The stop (with its households) leaves its line of the run for line {@code toLine}. */
    static Edited moveStop(BusPlan plan, String runName, String stopId, int toLine,
                           Roads roads) {
        BusPlan.Stop stop = stop(plan, stopId);
        BusPlan.Run run = run(plan, runName);
        List<PlanLine> lines = open(plan, run, runName);
        PlanLine from = lines.stream().filter(l -> l.indexOf(stopId) >= 0).findFirst()
                .orElseThrow(() -> notInPlan("stopId", PlanRules.runZh(runName)
                        + "没有线路经过这个站点 / no " + runName + " line calls at this stop"));
        PlanLine to = lines.stream().filter(l -> l.number() == toLine).findFirst()
                .orElseThrow(() -> notInPlan("line", PlanRules.runZh(runName) + "没有这条线路 /"
                        + " the " + runName + " run has no line " + toLine));
        if (from == to) {
            throw new DomainException(CommonError.VALIDATION_FAILED, stop.name() + "已在这条线路上"
                    + " / the stop is already on this line", "line");
        }
        PlanLine.Stop moved = from.remove(from.indexOf(stopId), roads);
        to.insertCheapest(moved, roads);
        BusPlan.Run edited = rebuild(plan, run, runName, lines, Set.of(from, to), null, roads);
        boolean evening = runName.equals("evening");
        List<BusPlan.HouseholdStop> households = plan.households().stream().map(h ->
                !moved.households.contains(h.householdId()) ? h : new BusPlan.HouseholdStop(
                        h.householdId(), h.label(), h.lat(), h.lon(), h.students(),
                        h.needsDoorStop(), h.generated(), h.stopId(), h.stopName(),
                        h.walkMetres(), h.walkPath(), evening ? toLine : h.eveningLine(),
                        evening ? h.morningLine() : toLine)).toList();
        return new Edited(withRuns(plan, plan.stops(), evening ? edited : plan.evening(),
                evening ? plan.morning() : edited, households, plan.unserved()),
                "把" + stop.name() + "移到" + to.original.name() + " / moved " + stop.name()
                        + " to " + runName + " line " + toLine);
    }

    /** The stop's name, as a driver or parent would say it, everywhere the plan shows it. */
    static Edited renameStop(BusPlan plan, String stopId, String name) {
        BusPlan.Stop stop = stop(plan, stopId);
        List<BusPlan.Stop> stops = plan.stops().stream().map(s -> !s.id().equals(stopId) ? s
                : new BusPlan.Stop(s.id(), name, s.lat(), s.lon(), s.roadName(), s.roadClass()))
                .toList();
        List<BusPlan.HouseholdStop> households = plan.households().stream().map(h ->
                !stopId.equals(h.stopId()) ? h : new BusPlan.HouseholdStop(h.householdId(),
                        h.label(), h.lat(), h.lon(), h.students(), h.needsDoorStop(),
                        h.generated(), h.stopId(), name, h.walkMetres(), h.walkPath(),
                        h.eveningLine(), h.morningLine())).toList();
        return new Edited(withRuns(plan, stops, renamed(plan.evening(), stopId, name),
                renamed(plan.morning(), stopId, name), households, plan.unserved()),
                "把" + stop.name() + "改名为" + name + " / renamed " + stop.name() + " to " + name);
    }

    private static BusPlan.Run renamed(BusPlan.Run run, String stopId, String name) {
        List<BusPlan.Line> lines = run.lines().stream().map(l -> new BusPlan.Line(l.number(),
                l.name(), l.busId(), l.busLabel(), l.capacity(), l.students(), l.start(),
                l.end(), l.stops().stream().map(s -> !s.stopId().equals(stopId) ? s
                : new BusPlan.LineStop(s.sequence(), s.stopId(), name, s.lat(), s.lon(),
                        s.arrival(), s.departure(), s.arrivalOffset(), s.dwellSeconds(),
                        s.rideSeconds(), s.students(), s.households())).toList(), l.legs(),
                l.rideSeconds(), l.lineSeconds(), l.deadheadSeconds(), l.drivingSeconds(),
                l.path())).toList();
        return new BusPlan.Run(run.shape(), run.schoolTime(), lines, run.unserved(),
                run.emptySeats(), run.idleBusSeats(), run.studentsServed(), run.drivingSeconds(),
                run.longestRideSeconds());
    }

    // ---------------------------------------------------------------- the plan around the edit

    private static List<PlanLine> open(BusPlan plan, BusPlan.Run run, String runName) {
        LatLon school = new LatLon(plan.schoolLat(), plan.schoolLon());
        boolean evening = runName.equals("evening");
        return run.lines().stream().map(l -> new PlanLine(l, evening, school)).toList();
    }

    /**
     * The run with its changed lines timed again and checked; a line left without stops is
     * dropped and its bus stays at the depot.
     */
    private static BusPlan.Run rebuild(BusPlan plan, BusPlan.Run run, String runName,
                                       List<PlanLine> lines, Set<PlanLine> changed,
                                       UUID nowServed, PlanLine.Roads roads) {
        LocalTime schoolTime = LocalTime.parse(run.schoolTime());
        List<BusPlan.Line> out = new ArrayList<>();
        int idleSeats = run.idleBusSeats();
        for (PlanLine line : lines) {
            if (line.stops.isEmpty()) {
                idleSeats += line.original.capacity();
                continue;
            }
            if (!changed.contains(line)) {
                out.add(line.original);
                continue;
            }
            BusPlan.Line timed = line.timed(plan.policy(), schoolTime, roads);
            PlanRules.checkLine(plan.policy(), runName, timed);
            out.add(timed);
        }
        List<BusPlan.Unserved> unserved = run.unserved().stream()
                .filter(u -> !u.householdId().equals(nowServed)).toList();
        return new BusPlan.Run(run.shape(), run.schoolTime(), out, unserved,
                out.stream().mapToInt(l -> l.capacity() - l.students()).sum(), idleSeats,
                out.stream().mapToInt(BusPlan.Line::students).sum(),
                PlanLine.round(out.stream().mapToDouble(BusPlan.Line::drivingSeconds).sum()),
                PlanLine.round(out.stream().mapToDouble(BusPlan.Line::rideSeconds).max()
                        .orElse(0)));
    }

    private static BusPlan withRuns(BusPlan plan, List<BusPlan.Stop> stops, BusPlan.Run evening,
                                    BusPlan.Run morning, List<BusPlan.HouseholdStop> households,
                                    List<BusPlan.Unserved> unserved) {
        BusPlan.Summary s = plan.summary();
        int busesUsed = Math.max(evening.lines().size(), morning.lines().size());
        var summary = new BusPlan.Summary(s.households(), s.students(),
                (int) households.stream().filter(h -> h.eveningLine() != null).count(),
                evening.studentsServed(), s.busesAvailable(), busesUsed, s.busesLowerBound(),
                s.busesLowerBound() >= 0 && busesUsed <= s.busesLowerBound(),
                evening.drivingSeconds(), morning.drivingSeconds(),
                Math.max(evening.longestRideSeconds(), morning.longestRideSeconds()),
                s.candidateStops(), s.matrixSeconds(), s.solveSeconds(), s.pathsSeconds());
        return new BusPlan(plan.schoolId(), plan.schoolName(), plan.schoolLat(),
                plan.schoolLon(), plan.policy(), summary, stops, evening, morning, households,
                unserved);
    }

    private static BusPlan.Run run(BusPlan plan, String runName) {
        return runName.equals("evening") ? plan.evening() : plan.morning();
    }

    private static Integer lineOf(BusPlan.Run run, UUID householdId) {
        for (BusPlan.Line line : run.lines()) {
            for (BusPlan.LineStop stop : line.stops()) {
                if (stop.households().contains(householdId)) {
                    return line.number();
                }
            }
        }
        return null;
    }

    private static BusPlan.Stop stop(BusPlan plan, String stopId) {
        return plan.stops().stream().filter(s -> s.id().equals(stopId)).findFirst()
                .orElseThrow(() -> notInPlan("stopId", "方案中没有这个站点 / the plan has no stop "
                        + stopId));
    }

    private static DomainException notInPlan(String field, String message) {
        return new DomainException(PlanError.PLAN_EDIT_NOT_IN_PLAN, message, field);
    }
}
