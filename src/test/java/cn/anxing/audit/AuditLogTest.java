package cn.anxing.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.audit.AuditLog.AuditEntry;
import cn.anxing.db.Database;
import cn.anxing.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The audit log is written in the caller's transaction and cannot be rewritten")
class AuditLogTest {

    private static Vertx vertx;
    private static Database database;
    private static Pool pool;

    @BeforeAll
    static void open() {
        database = Database.external(TestDatabase.url());
        database.migrate();
        vertx = Vertx.vertx();
        pool = database.createPool(vertx, 2);
    }

    @AfterAll
    static void close() throws Exception {
        pool.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
        database.close();
    }

    @BeforeEach
    void empty() {
        TestDatabase.reset();
    }

    private static AuditEntry entry(String subject) {
        return new AuditEntry(UUID.randomUUID(), "insurer", UUID.randomUUID(), "payment.pay",
                "bill", subject, null, Map.of("paidFen", 1200), "req-1");
    }

    private static long count() throws SQLException {
        try (var c = TestDatabase.connect(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM audit_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @DisplayName("An entry commits with its transaction, and vanishes with one that rolls back")
    void sharesTheTransaction() throws Exception {
        pool.withTransaction(tx -> AuditLog.record(tx, entry("b-1")))
                .await(10, TimeUnit.SECONDS);
        assertEquals(1, count());
        Future<Void> failed = pool.withTransaction(tx -> AuditLog.record(tx, entry("b-2"))
                .compose(x -> Future.<Void>failedFuture(new IllegalStateException("refused"))));
        assertThrows(Exception.class, () -> failed.await(10, TimeUnit.SECONDS));
        assertEquals(1, count(), "the rolled-back action left no entry");
        try (var c = TestDatabase.connect(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT after->>'paidFen', actor_role FROM audit_log")) {
            rs.next();
            assertEquals("1200", rs.getString(1));
            assertEquals("insurer", rs.getString(2));
        }
    }

    @Test
    @DisplayName("The database refuses UPDATE and DELETE of an entry")
    void appendOnly() throws Exception {
        pool.withTransaction(tx -> AuditLog.record(tx, entry("b-1")))
                .await(10, TimeUnit.SECONDS);
        for (String sql : new String[] {"UPDATE audit_log SET action = 'x.y'",
                "DELETE FROM audit_log"}) {
            try (var c = TestDatabase.connect(); var st = c.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> st.execute(sql));
                assertTrue(e.getMessage().contains("append-only"), e.getMessage());
            }
        }
        assertEquals(1, count());
    }
}
