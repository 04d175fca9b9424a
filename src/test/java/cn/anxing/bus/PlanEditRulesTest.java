package cn.anxing.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.error.DomainException;
import cn.anxing.routing.LatLon;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules a hand edit is checked by, on a small plan built by hand: two evening lines north of
 * the school and roads driven at a steady 10 m/s (walks at 1 m/s), so every time is known.
 */
@DisplayName("A hand edit is checked by the optimizer's rules and refused with the rule named")
class PlanEditRulesTest {

    private static final LatLon SCHOOL = new LatLon(28.30, 117.20);
    /** 20 minutes' ride, 400 m walk, 30 s a stop and 5 s a student. */
    private static final BusPlan.PolicyUsed POLICY = new BusPlan.PolicyUsed(400, 1200, 30, 5,
            List.of(), 1, 1);

    /** Straight lines at steady speeds: 10 m/s for the bus. */
    private static final PlanEdits.Roads ROADS = new PlanEdits.Roads() {
        @Override
        public BusPlan.Leg drive(String fromId, LatLon from, String toId, LatLon to) {
            double metres = metres(from, to);
            return new BusPlan.Leg(fromId, toId, metres / 10, metres);
        }

        @Override
        public BusPlan.Path drivingPath(List<LatLon> waypoints) {
            return new BusPlan.Path(0, 0, List.of(), List.of());
        }

        @Override
        public PlanEdits.Walk walk(LatLon home, LatLon stop) {
            return new PlanEdits.Walk(metres(home, stop), List.of());
        }
    };

    private final UUID near = UUID.randomUUID();
    private final UUID crowd = UUID.randomUUID();
    private final UUID far = UUID.randomUUID();
    private final UUID farther = UUID.randomUUID();

    /** Line 1: S1 (2 students) 1 km north, S2 (2) 1.2 km; line 2: S3 (7) 3 km, S4 (1) 9 km. */
    private BusPlan plan() {
        List<BusPlan.Stop> stops = List.of(stop("S1", 1000), stop("S2", 1200), stop("S3", 3000),
                stop("S4", 9000));
        UUID other = UUID.randomUUID();
        BusPlan.Line one = line(1, 8, List.of(at(stops.get(0), 2, near),
                at(stops.get(1), 2, other)), true);
        BusPlan.Line two = line(2, 8, List.of(at(stops.get(2), 7, crowd),
                at(stops.get(3), 1, far)), true);
        var evening = new BusPlan.Run("EVENING", "21:00:00", List.of(one, two), List.of(), 4, 0,
                12, one.drivingSeconds() + two.drivingSeconds(), two.rideSeconds());
        // the morning collects from the far end towards the school
        BusPlan.Line mOne = line(1, 8, List.of(at(stops.get(1), 2, other),
                at(stops.get(0), 2, near)), false);
        BusPlan.Line mTwo = line(2, 8, List.of(at(stops.get(3), 1, far),
                at(stops.get(2), 7, crowd)), false);
        var morning = new BusPlan.Run("MORNING", "07:20:00", List.of(mOne, mTwo), List.of(), 4,
                0, 12, mOne.drivingSeconds() + mTwo.drivingSeconds(), mTwo.rideSeconds());
        List<BusPlan.HouseholdStop> households = new ArrayList<>();
        households.add(household(near, 28.30 + 1100 / 111_195.0, 2, "S1", 1));
        households.add(household(crowd, 28.30 + 3000 / 111_195.0, 7, "S3", 2));
        households.add(household(far, 28.30 + 9000 / 111_195.0, 1, "S4", 2));
        households.add(household(farther, 28.30 + 1250 / 111_195.0, 1, null, null));
        var summary = new BusPlan.Summary(4, 11, 3, 12, 2, 2, 2, true, 0, 0, 0, 4, 0, 0, 0);
        return new BusPlan(UUID.randomUUID(), "测试学校", SCHOOL.lat(), SCHOOL.lon(), POLICY,
                summary, stops, evening, morning, households, List.of());
    }

    @Test
    @DisplayName("A stop moved onto a line without the seats for its students is"
            + " PLAN_EDIT_OVER_CAPACITY")
    void overCapacity() {
        var refused = assertThrows(DomainException.class,
                () -> PlanEdits.moveStop(plan(), "evening", "S3", 1, ROADS));
        assertEquals(PlanError.PLAN_EDIT_OVER_CAPACITY, refused.code());
    }

    @Test
    @DisplayName("A far stop moved onto a line that then takes over 20 minutes is"
            + " PLAN_EDIT_RIDE_TOO_LONG")
    void rideTooLong() {
        // S4 at 9 km: 900 s to reach it straight, but S1 and S2 come first with their dwell
        BusPlan plan = PlanEdits.moveStop(plan(), "evening", "S4", 1, ROADS).plan();
        assertEquals(1, plan.evening().lines().get(0).number());
        var refused = assertThrows(DomainException.class, () -> PlanEdits.moveHousehold(plan,
                crowd, "S4", ROADS));
        assertEquals(PlanError.PLAN_EDIT_WALK_TOO_FAR, refused.code(), "6 km is too far to walk");
        BusPlan tight = new BusPlan(plan.schoolId(), plan.schoolName(), plan.schoolLat(),
                plan.schoolLon(), new BusPlan.PolicyUsed(400, 600, 30, 5, List.of(), 1, 1),
                plan.summary(), plan.stops(), plan().evening(), plan.morning(),
                plan.households(), plan.unserved());
        var tooLong = assertThrows(DomainException.class,
                () -> PlanEdits.moveStop(tight, "evening", "S4", 1, ROADS));
        assertEquals(PlanError.PLAN_EDIT_RIDE_TOO_LONG, tooLong.code());
        assertEquals("line", tooLong.field());
    }

    @Test
    @DisplayName("A household moved beyond its walking limit is PLAN_EDIT_WALK_TOO_FAR on stopId")
    void walkTooFar() {
        var refused = assertThrows(DomainException.class,
                () -> PlanEdits.moveHousehold(plan(), near, "S3", ROADS));
        assertEquals(PlanError.PLAN_EDIT_WALK_TOO_FAR, refused.code());
        assertEquals("stopId", refused.field());
    }

    @Test
    @DisplayName("A household moved to a stop in reach is timed again: its old stop loses it,"
            + " the new stop's dwell grows, and an unserved household gets its seat")
    void movedAndRetimed() {
        BusPlan before = plan();
        BusPlan after = PlanEdits.moveHousehold(before, farther, "S2", ROADS).plan();
        BusPlan.Line line = after.evening().lines().get(0);
        assertEquals(5, line.students());
        BusPlan.LineStop s2 = line.stops().get(1);
        assertEquals(3, s2.students());
        assertEquals(30 + 5 * 3, s2.dwellSeconds(), 0.01);
        assertEquals(1, after.households().get(3).eveningLine());
        assertEquals("S2", after.households().get(3).stopId());
        assertEquals(4, after.summary().householdsServed());
        // leaving S1 empties it: the bus drives school → S2 straight
        BusPlan emptied = PlanEdits.moveHousehold(before, near, "S2", ROADS).plan();
        BusPlan.Line shorter = emptied.evening().lines().get(0);
        assertEquals(1, shorter.stops().size());
        assertEquals(1200 / 10.0, shorter.legs().get(0).seconds(), 1);
        assertTrue(shorter.rideSeconds() < before.evening().lines().get(0).rideSeconds());
    }

    // ---------------------------------------------------------------- the plan by hand

    private static BusPlan.Stop stop(String id, double metresNorth) {
        return new BusPlan.Stop(id, id + "站", SCHOOL.lat() + metresNorth / 111_195.0,
                SCHOOL.lon(), "测试路", "residential");
    }

    private static BusPlan.LineStop at(BusPlan.Stop stop, int students, UUID household) {
        return new BusPlan.LineStop(0, stop.id(), stop.name(), stop.lat(), stop.lon(), "", "",
                0, 0, 0, students, List.of(household));
    }

    /** A line over these stops, its legs driven by {@link #ROADS} and timed as the planner. */
    private static BusPlan.Line line(int number, int capacity, List<BusPlan.LineStop> stops,
                                     boolean evening) {
        List<LatLon> points = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        stops.forEach(s -> {
            points.add(new LatLon(s.lat(), s.lon()));
            ids.add(s.stopId());
        });
        points.add(evening ? 0 : points.size(), SCHOOL);
        ids.add(evening ? 0 : ids.size(), "school");
        List<BusPlan.Leg> legs = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            legs.add(ROADS.drive(ids.get(i - 1), points.get(i - 1), ids.get(i), points.get(i)));
        }
        var raw = new BusPlan.Line(number, "晚" + number + "号线", UUID.randomUUID(),
                "车" + number, capacity, 0, "", "", stops, legs, 0, 0, 0, 0,
                new BusPlan.Path(0, 0, List.of(), List.of()));
        return new PlanLine(raw, evening, SCHOOL).timed(POLICY,
                evening ? LocalTime.of(21, 0) : LocalTime.of(7, 20), ROADS);
    }

    private static BusPlan.HouseholdStop household(UUID id, double lat, int students,
                                                   String stopId, Integer line) {
        return new BusPlan.HouseholdStop(id, "家庭" + id.toString().substring(0, 4), lat,
                SCHOOL.lon(), students, false, false, stopId, stopId, 0.0, List.of(), line, line);
    }

    private static double metres(LatLon a, LatLon b) {
        double dLat = (b.lat() - a.lat()) * 111_195.0;
        double dLon = (b.lon() - a.lon()) * 111_195.0 * Math.cos(Math.toRadians(a.lat()));
        return Math.hypot(dLat, dLon);
    }
}
