package cn.anxing.bus;

import cn.anxing.auth.PhoneNumbers;
import cn.anxing.demo.DemoOrganisations;
import cn.anxing.routing.LatLon;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Schools, households, buses, policies, planning jobs and plans in PostgreSQL. */
public final class BusRepository {

    private static final String SCHOOL_COLUMNS =
            "id, name, lat, lon, evening_dismissal, morning_arrival";
    private static final String INSERT_SCHOOL = """
            INSERT INTO bus_school (name, lat, lon, evening_dismissal, morning_arrival, demo_key,
                organisation_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING\s""" + SCHOOL_COLUMNS;
    /* Which organisation runs a school (V71), found from the school, a plan or a job. */
    private static final String OWNER_OF_SCHOOL =
            "SELECT id, organisation_id FROM bus_school WHERE id = $1";
    private static final String OWNER_OF_PLAN = """
            SELECT s.id, s.organisation_id FROM bus_plan p JOIN bus_school s ON s.id = p.school_id
            WHERE p.id = $1""";
    private static final String OWNER_OF_JOB = """
            SELECT s.id, s.organisation_id FROM bus_plan_job j
            JOIN bus_school s ON s.id = j.school_id WHERE j.id = $1""";
    private static final String SCHOOL_BY_ID =
            "SELECT " + SCHOOL_COLUMNS + " FROM bus_school WHERE id = $1";
    private static final String SCHOOL_BY_DEMO_KEY =
            "SELECT " + SCHOOL_COLUMNS + " FROM bus_school WHERE demo_key = $1";
    private static final String ORGANISATION_BY_CODE =
            "SELECT id FROM organisation WHERE code = $1";
    private static final String BIND_DEMO_SCHOOL = """
            UPDATE bus_school SET organisation_id = (SELECT id FROM organisation WHERE code = $2)
            WHERE demo_key = $1 AND organisation_id IS NULL""";
    private static final String LIST_SCHOOLS = """
            SELECT s.id, s.name, s.lat, s.lon, s.evening_dismissal, s.morning_arrival,
                   (SELECT count(*) FROM bus_household h WHERE h.school_id = s.id) AS households,
                   (SELECT coalesce(sum(students), 0) FROM bus_household h
                     WHERE h.school_id = s.id) AS students,
                   (SELECT count(*) FROM bus_vehicle v WHERE v.school_id = s.id) AS buses,
                   (SELECT p.id FROM bus_plan p WHERE p.school_id = s.id
                     ORDER BY p.created_at DESC LIMIT 1) AS latest_plan
              FROM bus_school s
             WHERE $1::uuid IS NULL OR s.organisation_id = $1
             ORDER BY s.created_at""";
    private static final String HOUSEHOLD_COLUMNS =
            "id, label, lat, lon, students, needs_door_stop, parent_phone, generated";
    private static final String INSERT_HOUSEHOLD = """
            INSERT INTO bus_household (school_id, label, lat, lon, students, needs_door_stop,
                                       parent_phone, generated)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING\s""" + HOUSEHOLD_COLUMNS;
    /** A registered parent phone may sign in as a parent (家长), keeping any roles it had. */
    static final String ENSURE_PARENT_ACCOUNT = """
            INSERT INTO account (phone, display_name, roles) VALUES ($1, $2, ARRAY['parent'])
            ON CONFLICT (phone) DO UPDATE SET roles = CASE
                WHEN 'parent' = ANY (account.roles) THEN account.roles
                ELSE array_append(account.roles, 'parent') END""";
    /* A household imported with an address only has no position until it is pinned (V90):
       planning, and the plain list, leave it out until then. */
    private static final String HOUSEHOLDS_OF_SCHOOL = "SELECT " + HOUSEHOLD_COLUMNS
            + " FROM bus_household WHERE school_id = $1 AND lat IS NOT NULL"
            + " ORDER BY created_at, label";
    private static final String COUNT_HOUSEHOLDS =
            "SELECT count(*) FROM bus_household WHERE school_id = $1 AND lat IS NOT NULL";
    private static final String BUS_COLUMNS = "id, label, capacity, depot_lat, depot_lon";
    private static final String INSERT_BUS = """
            INSERT INTO bus_vehicle (school_id, label, capacity, depot_lat, depot_lon)
            VALUES ($1, $2, $3, $4, $5) RETURNING\s""" + BUS_COLUMNS;
    private static final String BUSES_OF_SCHOOL = "SELECT " + BUS_COLUMNS
            + " FROM bus_vehicle WHERE school_id = $1 ORDER BY created_at, label";
    private static final String POLICY = """
            SELECT max_walk_metres, max_ride_seconds, dwell_base_seconds,
                   dwell_per_student_seconds, no_stop_road_classes, solver_seconds
              FROM bus_policy WHERE school_id = $1""";
    private static final String ENSURE_POLICY =
            "INSERT INTO bus_policy (school_id) VALUES ($1) ON CONFLICT (school_id) DO NOTHING";
    private static final String UPDATE_POLICY = """
            UPDATE bus_policy SET max_walk_metres = $2, max_ride_seconds = $3,
                   dwell_base_seconds = $4, dwell_per_student_seconds = $5,
                   no_stop_road_classes = $6, solver_seconds = $7, updated_at = now()
             WHERE school_id = $1""";
    private static final String PLAN_BY_ID = "SELECT plan FROM bus_plan WHERE id = $1";
    private static final String LATEST_PLAN = """
            SELECT id, plan FROM bus_plan WHERE school_id = $1
             ORDER BY created_at DESC LIMIT 1""";
    private static final String HOUSEHOLDS_OF_PARENT = """
            SELECT h.id, h.school_id, h.label, h.students, s.name
              FROM bus_household h JOIN bus_school s ON s.id = h.school_id
             WHERE h.parent_phone = (SELECT phone FROM account WHERE id = $1)
             ORDER BY h.created_at""";

    /** A school with the counts the coordinator's list shows. */
    public record SchoolSummary(School school, long households, long students, long buses,
                                UUID latestPlan) {
    }

    /** A household a parent may look up. */
    public record ParentHousehold(UUID householdId, UUID schoolId, String label, int students,
                                  String schoolName) {
    }

    private final Pool pool;

    public BusRepository(Pool pool) {
        this.pool = pool;
    }

    Pool pool() {
        return pool;
    }

    // ---------------------------------------------------------------- schools

    /** A school and the organisation that runs it (null: only an admin sees it). */
    public record SchoolOwner(UUID schoolId, UUID organisationId) {
    }

    public Future<School> insertSchool(String name, LatLon location, LocalTime evening,
                                       LocalTime morning, String demoKey, UUID organisationId) {
        return pool.withTransaction(tx -> tx.preparedQuery(INSERT_SCHOOL)
                .execute(Tuple.from(new Object[] {name, location.lat(), location.lon(), evening,
                        morning, demoKey, organisationId}))
                .map(rows -> toSchool(rows.iterator().next()))
                .compose(school -> tx.preparedQuery(ENSURE_POLICY).execute(Tuple.of(school.id()))
                        .map(school)));
    }

    public Future<Optional<School>> school(UUID id) {
        return pool.preparedQuery(SCHOOL_BY_ID).execute(Tuple.of(id)).map(rows ->
                rows.size() == 0 ? Optional.empty()
                        : Optional.of(toSchool(rows.iterator().next())));
    }

    public Future<Optional<School>> schoolByDemoKey(String key) {
        return pool.preparedQuery(SCHOOL_BY_DEMO_KEY).execute(Tuple.of(key)).map(rows ->
                rows.size() == 0 ? Optional.empty()
                        : Optional.of(toSchool(rows.iterator().next())));
    }

    /** The demo school's organisation (DemoOrganisations.SCHOOL); null if it is missing. */
    public Future<UUID> demoOrganisation() {
        return pool.preparedQuery(ORGANISATION_BY_CODE).execute(Tuple.of(DemoOrganisations.SCHOOL))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0));
    }

    /** A demo school made before schools had organisations is bound to the demo's. */
    public Future<Void> bindDemoSchool(String demoKey) {
        return pool.preparedQuery(BIND_DEMO_SCHOOL)
                .execute(Tuple.of(demoKey, DemoOrganisations.SCHOOL)).mapEmpty();
    }

    /** The owner of a school, of a plan's school or of a job's school. */
    public Future<Optional<SchoolOwner>> ownerOfSchool(UUID schoolId) {
        return owner(OWNER_OF_SCHOOL, schoolId);
    }

    public Future<Optional<SchoolOwner>> ownerOfPlan(UUID planId) {
        return owner(OWNER_OF_PLAN, planId);
    }

    public Future<Optional<SchoolOwner>> ownerOfJob(UUID jobId) {
        return owner(OWNER_OF_JOB, jobId);
    }

    private Future<Optional<SchoolOwner>> owner(String sql, UUID id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> rows.size() == 0
                ? Optional.empty()
                : Optional.of(new SchoolOwner(rows.iterator().next().getUUID(0),
                        rows.iterator().next().getUUID(1))));
    }

    /** The schools run by {@code organisationId}; every school when it is null. */
    public Future<List<SchoolSummary>> schools(UUID organisationId) {
        return pool.preparedQuery(LIST_SCHOOLS).execute(Tuple.of(organisationId)).map(rows -> {
            List<SchoolSummary> list = new ArrayList<>();
            for (Row row : rows) {
                list.add(new SchoolSummary(toSchool(row), row.getLong("households"),
                        row.getLong("students"), row.getLong("buses"),
                        row.getUUID("latest_plan")));
            }
            return list;
        });
    }

    // ---------------------------------------------------------------- households

    /** Stores all of them or none. */
    public Future<List<Household>> insertHouseholds(UUID schoolId, List<Household> households) {
        return pool.withTransaction(tx -> {
            List<Tuple> batch = households.stream().map(h -> Tuple.of(schoolId, h.label(),
                    h.location().lat(), h.location().lon(), h.students(), h.needsDoorStop(),
                    h.parentPhone(), h.generated())).toList();
            List<Tuple> parents = households.stream().map(Household::parentPhone)
                    .filter(java.util.Objects::nonNull).distinct()
                    .map(phone -> Tuple.of(phone, "家长 " + PhoneNumbers.mask(phone))).toList();
            Future<?> accounts = parents.isEmpty() ? Future.succeededFuture()
                    : tx.preparedQuery(ENSURE_PARENT_ACCOUNT).executeBatch(parents);
            return accounts.compose(x -> tx.preparedQuery(INSERT_HOUSEHOLD).executeBatch(batch))
                    .map(rows -> {
                        List<Household> stored = new ArrayList<>();
                        for (var set = rows; set != null; set = set.next()) {
                            set.forEach(row -> stored.add(toHousehold(row)));
                        }
                        return stored;
                    });
        });
    }

    public Future<List<Household>> households(UUID schoolId) {
        return pool.preparedQuery(HOUSEHOLDS_OF_SCHOOL).execute(Tuple.of(schoolId)).map(rows -> {
            List<Household> list = new ArrayList<>();
            rows.forEach(row -> list.add(toHousehold(row)));
            return list;
        });
    }

    public Future<Long> countHouseholds(UUID schoolId) {
        return pool.preparedQuery(COUNT_HOUSEHOLDS).execute(Tuple.of(schoolId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Future<List<ParentHousehold>> householdsOfParent(UUID accountId) {
        return pool.preparedQuery(HOUSEHOLDS_OF_PARENT).execute(Tuple.of(accountId))
                .map(rows -> {
                    List<ParentHousehold> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new ParentHousehold(row.getUUID(0),
                            row.getUUID(1), row.getString(2), row.getInteger(3),
                            row.getString(4))));
                    return list;
                });
    }

    // ---------------------------------------------------------------- buses and policy

    public Future<List<SchoolBus>> insertBuses(UUID schoolId, List<SchoolBus> buses) {
        return pool.withTransaction(tx -> {
            List<Tuple> batch = buses.stream().map(b -> Tuple.of(schoolId, b.label(),
                    b.capacity(), b.depot() == null ? null : b.depot().lat(),
                    b.depot() == null ? null : b.depot().lon())).toList();
            return tx.preparedQuery(INSERT_BUS).executeBatch(batch).map(rows -> {
                List<SchoolBus> stored = new ArrayList<>();
                for (var set = rows; set != null; set = set.next()) {
                    set.forEach(row -> stored.add(toBus(row)));
                }
                return stored;
            });
        });
    }

    public Future<List<SchoolBus>> buses(UUID schoolId) {
        return pool.preparedQuery(BUSES_OF_SCHOOL).execute(Tuple.of(schoolId)).map(rows -> {
            List<SchoolBus> list = new ArrayList<>();
            rows.forEach(row -> list.add(toBus(row)));
            return list;
        });
    }

    public Future<BusPolicy> policy(UUID schoolId) {
        return pool.preparedQuery(ENSURE_POLICY).execute(Tuple.of(schoolId))
                .compose(x -> pool.preparedQuery(POLICY).execute(Tuple.of(schoolId)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new BusPolicy(row.getInteger(0), row.getInteger(1), row.getInteger(2),
                            row.getInteger(3), Arrays.asList(row.getArrayOfStrings(4)),
                            row.getInteger(5));
                });
    }

    public Future<BusPolicy> updatePolicy(UUID schoolId, BusPolicy policy) {
        return pool.preparedQuery(ENSURE_POLICY).execute(Tuple.of(schoolId))
                .compose(x -> pool.preparedQuery(UPDATE_POLICY).execute(Tuple.of(schoolId,
                        policy.maxWalkMetres(), policy.maxRideSeconds(),
                        policy.dwellBaseSeconds(), policy.dwellPerStudentSeconds(),
                        policy.noStopRoadClasses().toArray(String[]::new),
                        policy.solverSeconds())))
                .compose(x -> policy(schoolId));
    }

    // ---------------------------------------------------------------- jobs and plans

    public Future<Optional<JsonObject>> plan(UUID id) {
        return pool.preparedQuery(PLAN_BY_ID).execute(Tuple.of(id)).map(rows ->
                rows.size() == 0 ? Optional.empty()
                        : Optional.of((JsonObject) rows.iterator().next().getValue(0)));
    }

    /** The school's newest plan with its id. */
    public Future<Optional<JsonObject>> latestPlan(UUID schoolId) {
        return pool.preparedQuery(LATEST_PLAN).execute(Tuple.of(schoolId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(((JsonObject) row.getValue(1)).copy()
                    .put("planId", row.getUUID(0).toString()));
        });
    }

    // ---------------------------------------------------------------- rows

    private static School toSchool(Row row) {
        return new School(row.getUUID("id"), row.getString("name"),
                new LatLon(row.getDouble("lat"), row.getDouble("lon")),
                row.getLocalTime("evening_dismissal"), row.getLocalTime("morning_arrival"));
    }

    private static Household toHousehold(Row row) {
        return new Household(row.getUUID("id"), row.getString("label"),
                new LatLon(row.getDouble("lat"), row.getDouble("lon")),
                row.getInteger("students"), row.getBoolean("needs_door_stop"),
                row.getString("parent_phone"), row.getBoolean("generated"));
    }

    private static SchoolBus toBus(Row row) {
        Double lat = row.getDouble("depot_lat");
        Double lon = row.getDouble("depot_lon");
        return new SchoolBus(row.getUUID("id"), row.getString("label"),
                row.getInteger("capacity"), lat == null ? null : new LatLon(lat, lon));
    }

    private static String text(Row row, String column) {
        var time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant().toString();
    }
}
