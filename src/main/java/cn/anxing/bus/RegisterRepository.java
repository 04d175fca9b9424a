package cn.anxing.bus;

import cn.anxing.auth.PhoneNumbers;
import cn.anxing.routing.LatLon;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The coordinator desk's register: schools, buses and households as they are edited. */
public final class RegisterRepository {

    private static final String UPDATE_SCHOOL = """
            UPDATE bus_school SET name = $2, lat = $3, lon = $4, evening_dismissal = $5,
                   morning_arrival = $6
             WHERE id = $1""";
    private static final String DELETE_SCHOOL = "DELETE FROM bus_school WHERE id = $1";
    private static final String LOCK_SCHOOL = "SELECT id FROM bus_school WHERE id = $1 FOR UPDATE";

    private static final String HOUSEHOLD_COLUMNS = "id, label, student_names, students,"
            + " parent_phone, address, lat, lon, needs_door_stop, generated";
    private static final String HOUSEHOLDS = "SELECT " + HOUSEHOLD_COLUMNS
            + " FROM bus_household WHERE school_id = $1 ORDER BY created_at, label";
    private static final String LABELS = "SELECT label FROM bus_household WHERE school_id = $1";
    private static final String INSERT_HOUSEHOLD = """
            INSERT INTO bus_household (school_id, label, student_names, students, parent_phone,
                                       address, lat, lon, needs_door_stop)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING\s""" + HOUSEHOLD_COLUMNS;
    private static final String UPDATE_HOUSEHOLD = """
            UPDATE bus_household SET label = $3, student_names = $4, students = $5,
                   parent_phone = $6, address = $7, lat = $8, lon = $9, needs_door_stop = $10
             WHERE id = $1 AND school_id = $2 RETURNING\s""" + HOUSEHOLD_COLUMNS;
    private static final String PIN_HOUSEHOLD = "UPDATE bus_household SET lat = $3, lon = $4"
            + " WHERE id = $1 AND school_id = $2 RETURNING " + HOUSEHOLD_COLUMNS;
    private static final String HOUSEHOLD = "SELECT " + HOUSEHOLD_COLUMNS
            + " FROM bus_household WHERE id = $1 AND school_id = $2";
    private static final String DELETE_HOUSEHOLDS =
            "DELETE FROM bus_household WHERE school_id = $1 AND id = ANY($2) RETURNING id";

    private static final String BUS_COLUMNS =
            "id, label, plate, capacity, driver_name, driver_phone, depot_lat, depot_lon";
    private static final String BUSES = "SELECT " + BUS_COLUMNS
            + " FROM bus_vehicle WHERE school_id = $1 ORDER BY created_at, label";
    private static final String INSERT_BUS = """
            INSERT INTO bus_vehicle (school_id, label, plate, capacity, driver_name, driver_phone,
                                     depot_lat, depot_lon)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING\s""" + BUS_COLUMNS;
    private static final String UPDATE_BUS = """
            UPDATE bus_vehicle SET label = $3, plate = $4, capacity = $5, driver_name = $6,
                   driver_phone = $7, depot_lat = $8, depot_lon = $9
             WHERE id = $1 AND school_id = $2 RETURNING\s""" + BUS_COLUMNS;
    private static final String DELETE_BUSES =
            "DELETE FROM bus_vehicle WHERE school_id = $1 AND id = ANY($2) RETURNING id";

    private final Pool pool;

    public RegisterRepository(Pool pool) {
        this.pool = pool;
    }

    // ---------------------------------------------------------------- schools

    public Future<Void> updateSchool(UUID id, String name, LatLon location, LocalTime evening,
                                     LocalTime morning) {
        return pool.preparedQuery(UPDATE_SCHOOL).execute(Tuple.of(id, name, location.lat(),
                location.lon(), evening, morning)).mapEmpty();
    }

    /** The school and everything registered and planned for it (ON DELETE CASCADE). */
    public Future<Void> deleteSchool(UUID id) {
        return pool.preparedQuery(DELETE_SCHOOL).execute(Tuple.of(id)).mapEmpty();
    }

    // ---------------------------------------------------------------- households

    public Future<List<RegisteredHousehold>> households(UUID schoolId) {
        return pool.preparedQuery(HOUSEHOLDS).execute(Tuple.of(schoolId))
                .map(RegisterRepository::households);
    }

    public Future<Set<String>> labels(UUID schoolId) {
        return pool.preparedQuery(LABELS).execute(Tuple.of(schoolId)).map(rows -> {
            Set<String> labels = new HashSet<>();
            rows.forEach(row -> labels.add(row.getString(0)));
            return labels;
        });
    }

    /**
     * Stores all of {@code households} or none, in one transaction that holds the school's row,
     * so two imports of one file cannot both pass {@code stillNew}: it is asked, with the
     * household numbers registered at that moment, whether the import may go on.
     */
    public Future<List<RegisteredHousehold>> insertHouseholds(UUID schoolId,
            List<RegisteredHousehold> households,
            java.util.function.Function<Set<String>, Future<Void>> stillNew) {
        return pool.withTransaction(tx -> tx.preparedQuery(LOCK_SCHOOL).execute(Tuple.of(schoolId))
                .compose(x -> tx.preparedQuery(LABELS).execute(Tuple.of(schoolId)))
                .compose(rows -> {
                    Set<String> labels = new HashSet<>();
                    rows.forEach(row -> labels.add(row.getString(0)));
                    return stillNew.apply(labels);
                })
                .compose(x -> ensureParents(tx, households.stream()
                        .map(RegisteredHousehold::parentPhone).toList()))
                .compose(x -> tx.preparedQuery(INSERT_HOUSEHOLD).executeBatch(households.stream()
                        .map(h -> householdTuple(h, Tuple.of(schoolId, h.label()))).toList()))
                .map(RegisterRepository::households));
    }

    public Future<Optional<RegisteredHousehold>> household(UUID schoolId, UUID id) {
        return pool.preparedQuery(HOUSEHOLD).execute(Tuple.of(id, schoolId))
                .map(rows -> households(rows).stream().findFirst());
    }

    public Future<Optional<RegisteredHousehold>> updateHousehold(UUID schoolId,
                                                                 RegisteredHousehold h) {
        return pool.withTransaction(tx -> ensureParents(tx, List.of(h.parentPhone()))
                .compose(x -> tx.preparedQuery(UPDATE_HOUSEHOLD).execute(householdTuple(h,
                        Tuple.of(h.id(), schoolId, h.label()))))
                .map(rows -> households(rows).stream().findFirst()));
    }

    public Future<Optional<RegisteredHousehold>> pin(UUID schoolId, UUID id, LatLon location) {
        return pool.preparedQuery(PIN_HOUSEHOLD).execute(Tuple.of(id, schoolId, location.lat(),
                location.lon())).map(rows -> households(rows).stream().findFirst());
    }

    /** Removes those of {@code ids} registered at the school; returns how many it removed. */
    public Future<Integer> deleteHouseholds(UUID schoolId, List<UUID> ids) {
        return pool.preparedQuery(DELETE_HOUSEHOLDS)
                .execute(Tuple.of(schoolId).addArrayOfUUID(ids.toArray(UUID[]::new)))
                .map(RowSet::rowCount);
    }

    private static Tuple householdTuple(RegisteredHousehold h, Tuple head) {
        return head.addValue(h.studentNames()).addValue(h.students()).addValue(h.parentPhone())
                .addValue(h.address())
                .addValue(h.location() == null ? null : h.location().lat())
                .addValue(h.location() == null ? null : h.location().lon())
                .addValue(h.needsDoorStop());
    }

    /** A registered parent phone may sign in as a parent (家长), as BusRepository does. */
    private static Future<Void> ensureParents(SqlConnection tx, List<String> phones) {
        List<Tuple> parents = phones.stream().filter(Objects::nonNull).distinct()
                .map(phone -> Tuple.of(phone, "家长 " + PhoneNumbers.mask(phone))).toList();
        return parents.isEmpty() ? Future.succeededFuture()
                : tx.preparedQuery(BusRepository.ENSURE_PARENT_ACCOUNT).executeBatch(parents)
                .mapEmpty();
    }

    private static List<RegisteredHousehold> households(RowSet<Row> rows) {
        List<RegisteredHousehold> list = new ArrayList<>();
        for (RowSet<Row> set = rows; set != null; set = set.next()) {
            set.forEach(row -> {
                Double lat = row.getDouble("lat");
                Double lon = row.getDouble("lon");
                list.add(new RegisteredHousehold(row.getUUID("id"), row.getString("label"),
                        row.getString("student_names"), row.getInteger("students"),
                        row.getString("parent_phone"), row.getString("address"),
                        lat == null ? null : new LatLon(lat, lon),
                        row.getBoolean("needs_door_stop"), row.getBoolean("generated")));
            });
        }
        return list;
    }

    // ---------------------------------------------------------------- buses

    public Future<List<RegisteredBus>> buses(UUID schoolId) {
        return pool.preparedQuery(BUSES).execute(Tuple.of(schoolId))
                .map(RegisterRepository::buses);
    }

    public Future<RegisteredBus> insertBus(UUID schoolId, RegisteredBus bus) {
        return pool.preparedQuery(INSERT_BUS).execute(busTuple(bus, Tuple.of(schoolId)))
                .map(rows -> buses(rows).get(0));
    }

    public Future<Optional<RegisteredBus>> updateBus(UUID schoolId, RegisteredBus bus) {
        return pool.preparedQuery(UPDATE_BUS).execute(busTuple(bus, Tuple.of(bus.id(), schoolId)))
                .map(rows -> buses(rows).stream().findFirst());
    }

    public Future<Integer> deleteBuses(UUID schoolId, List<UUID> ids) {
        return pool.preparedQuery(DELETE_BUSES)
                .execute(Tuple.of(schoolId).addArrayOfUUID(ids.toArray(UUID[]::new)))
                .map(RowSet::rowCount);
    }

    private static Tuple busTuple(RegisteredBus b, Tuple head) {
        return head.addValue(b.label()).addValue(b.plate()).addValue(b.capacity())
                .addValue(b.driverName()).addValue(b.driverPhone())
                .addValue(b.depot() == null ? null : b.depot().lat())
                .addValue(b.depot() == null ? null : b.depot().lon());
    }

    private static List<RegisteredBus> buses(RowSet<Row> rows) {
        List<RegisteredBus> list = new ArrayList<>();
        rows.forEach(row -> {
            Double lat = row.getDouble("depot_lat");
            Double lon = row.getDouble("depot_lon");
            list.add(new RegisteredBus(row.getUUID("id"), row.getString("label"),
                    row.getString("plate"), row.getInteger("capacity"),
                    row.getString("driver_name"), row.getString("driver_phone"),
                    lat == null ? null : new LatLon(lat, lon)));
        });
        return list;
    }
}
