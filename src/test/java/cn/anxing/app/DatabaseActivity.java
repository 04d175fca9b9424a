package cn.anxing.app;

import cn.anxing.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What PostgreSQL's sessions were doing during a benchmark phase, for the report benchmark's
 * account of its tail: every 20 ms, the wait event of each active client session (or "CPU" when
 * it waits for none: running, or waiting for a core), and the checkpoints and autovacuum runs
 * that started meanwhile. Reads {@code pg_stat_activity} on a connection of its own.
 */
final class DatabaseActivity implements AutoCloseable {

    private static final String ACTIVE = """
            SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND state = 'active'
              AND pid <> pg_backend_pid()""";
    private static final String CHECKPOINTS =
            "SELECT num_timed + num_requested FROM pg_stat_checkpointer";
    private static final String AUTOVACUUMS =
            "SELECT sum(autovacuum_count + autoanalyze_count) FROM pg_stat_user_tables";

    private final Connection connection;
    private final Thread sampler;
    private final Map<String, Integer> waits = new TreeMap<>();
    private final long checkpointsBefore;
    private final long autovacuumsBefore;
    private volatile boolean running = true;
    private int samples;

    private DatabaseActivity() throws Exception {
        connection = TestDatabase.connect();
        checkpointsBefore = scalar(CHECKPOINTS);
        autovacuumsBefore = scalar(AUTOVACUUMS);
        sampler = new Thread(this::sample, "database-activity");
        sampler.setDaemon(true);
        sampler.start();
    }

    static DatabaseActivity start() throws Exception {
        return new DatabaseActivity();
    }

    private void sample() {
        try (Statement st = connection.createStatement()) {
            while (running) {
                try (ResultSet rs = st.executeQuery(ACTIVE)) {
                    synchronized (waits) {
                        samples++;
                        while (rs.next()) {
                            waits.merge(rs.getString(1), 1, Integer::sum);
                        }
                    }
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            synchronized (waits) {
                waits.put("sampler failed: " + e, 0);
            }
        }
    }

    /** Stops sampling; the account: mean active sessions by wait, checkpoints, autovacuums. */
    String summary() throws Exception {
        running = false;
        sampler.join(TimeUnit.SECONDS.toMillis(5));
        synchronized (waits) {
            String byWait = waits.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                    .map(e -> String.format("%s %.2f", e.getKey(),
                            e.getValue() / (double) Math.max(1, samples)))
                    .collect(Collectors.joining(", "));
            return String.format("database sessions active (mean over %d samples): %s;"
                    + " checkpoints started %d, autovacuum/analyze runs %d", samples,
                    byWait.isEmpty() ? "none" : byWait, scalar(CHECKPOINTS) - checkpointsBefore,
                    scalar(AUTOVACUUMS) - autovacuumsBefore);
        }
    }

    private long scalar(String sql) throws Exception {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        sampler.join(TimeUnit.SECONDS.toMillis(5));
        connection.close();
    }
}
