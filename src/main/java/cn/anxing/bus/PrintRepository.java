package cn.anxing.bus;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the printed documents read besides the plan: each bus's plate and driver, each
 * household's students and parent phone (V90), by id as the plan names them.
 */
final class PrintRepository {

    private static final String BUSES = """
            SELECT id, label, plate, driver_name, driver_phone FROM bus_vehicle
             WHERE school_id = $1""";
    private static final String HOUSEHOLDS = """
            SELECT id, label, student_names, parent_phone FROM bus_household
             WHERE school_id = $1""";

    /** A bus as its driver sheet prints it; plate and driver may be unregistered (null). */
    record PrintedBus(UUID id, String label, String plate, String driverName,
                      String driverPhone) {
    }

    /** A household as the driver sheet prints it: who rides and whom to call. */
    record Riders(UUID id, String label, String studentNames, String parentPhone) {
    }

    private final Pool pool;

    PrintRepository(Pool pool) {
        this.pool = pool;
    }

    Future<Map<UUID, PrintedBus>> buses(UUID schoolId) {
        return pool.preparedQuery(BUSES).execute(Tuple.of(schoolId)).map(rows -> {
            Map<UUID, PrintedBus> buses = new HashMap<>();
            for (Row row : rows) {
                buses.put(row.getUUID(0), new PrintedBus(row.getUUID(0), row.getString(1),
                        row.getString(2), row.getString(3), row.getString(4)));
            }
            return buses;
        });
    }

    Future<Map<UUID, Riders>> households(UUID schoolId) {
        return pool.preparedQuery(HOUSEHOLDS).execute(Tuple.of(schoolId)).map(rows -> {
            Map<UUID, Riders> households = new HashMap<>();
            for (Row row : rows) {
                households.put(row.getUUID(0), new Riders(row.getUUID(0), row.getString(1),
                        row.getString(2), row.getString(3)));
            }
            return households;
        });
    }
}
