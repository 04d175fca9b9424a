package cn.anxing.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The embedded PostgreSQL")
class EmbeddedDatabaseTest {

    @Test
    @DisplayName("commits durably, listens on the loopback only and lets in only the password"
            + " kept owner-only under DATA_DIR, across a restart")
    void durableAndClosed(@TempDir Path dataDir) throws Exception {
        Path pgDir = dataDir.resolve("postgres");
        Path passwordFile = dataDir.resolve("postgres.password");
        String password;
        try (Database db = Database.embedded(pgDir)) {
            password = Files.readString(passwordFile).strip();
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(passwordFile)));
            int port = db.connectOptions().getPort();
            try (Connection c = connect(port, password)) {
                assertEquals("on", show(c, "fsync"));
                assertEquals("on", show(c, "synchronous_commit"));
                assertEquals("on", show(c, "full_page_writes"));
                assertEquals("127.0.0.1", show(c, "listen_addresses"));
                c.createStatement().execute("CREATE TABLE kept (n int); INSERT INTO kept"
                        + " VALUES (42)");
            }
            assertRefused(port, null);
            assertRefused(port, "postgres");
            assertRefused(port, password + "x");
            assertFalse(Files.readString(pgDir.resolve("pg_hba.conf")).matches(
                    "(?s).*^\\s*[^#].*trust.*"), "no trust line");
        }
        try (Database again = Database.embedded(pgDir)) {
            assertEquals(password, Files.readString(passwordFile).strip(), "the same password");
            try (Connection c = connect(again.connectOptions().getPort(), password);
                    var rs = c.createStatement().executeQuery("SELECT n FROM kept")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    @Test
    @DisplayName("refuses to start, saying why, when the password file is lost but the database"
            + " still needs it")
    void lostPassword(@TempDir Path dataDir) throws Exception {
        Path pgDir = dataDir.resolve("postgres");
        Database.embedded(pgDir).close();
        Files.delete(dataDir.resolve("postgres.password"));
        var e = assertThrows(IllegalStateException.class, () -> Database.embedded(pgDir));
        assertTrue(e.getMessage().contains("postgres.password is missing"), e.getMessage());
    }

    @Test
    @DisplayName("closes a cluster made before passwords: its superuser gets the password and"
            + " trust is gone")
    void upgradesATrustCluster(@TempDir Path dataDir) throws Exception {
        Path pgDir = dataDir.resolve("postgres");
        try (var old = EmbeddedPostgres.builder().setDataDirectory(pgDir)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start()) {
            try (Connection c = connect(old.getPort(), null)) {
                assertEquals("off", show(c, "synchronous_commit"), "the library's test default");
            }
        }
        Files.writeString(dataDir.resolve("postgres.password"), "readable-by-everyone-0123\n");
        Files.setPosixFilePermissions(dataDir.resolve("postgres.password"),
                PosixFilePermissions.fromString("rw-r--r--"));
        try (Database db = Database.embedded(pgDir)) {
            int port = db.connectOptions().getPort();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dataDir.resolve("postgres.password"))), "tightened");
            try (Connection c = connect(port, "readable-by-everyone-0123")) {
                assertEquals("on", show(c, "synchronous_commit"));
            }
            long deadline = System.nanoTime() + 5_000_000_000L; // the reload is asynchronous
            while (true) {
                try (Connection c = connect(port, null)) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("still trusted without a password");
                    }
                    Thread.sleep(100);
                } catch (SQLException refused) {
                    break;
                }
            }
        }
    }

    private static void assertRefused(int port, String password) {
        var e = assertThrows(SQLException.class, () -> connect(port, password).close());
        // 28P01: wrong password; 08004: the server asked for one and none was given
        assertTrue(java.util.Set.of("28P01", "08004").contains(e.getSQLState()),
                e.getSQLState() + " " + e.getMessage());
    }

    private static Connection connect(int port, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                p);
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (var rs = c.createStatement().executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
