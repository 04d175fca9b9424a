package cn.anxing.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's superuser password and its client authentication. The password is
 * generated on first start and kept in {@code DATA_DIR/postgres.password}, readable by the
 * server's own user only; {@code pg_hba.conf} then asks every connection, over the local socket
 * or TCP on the loopback, for it (SCRAM-SHA-256). Before this, the embedded database trusted
 * anyone on the machine, who could read the token signing key from it and forge admin tokens.
 */
final class EmbeddedPassword {

    static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPassword.class);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    /** Written at every start, so an edited file cannot quietly reopen the database. */
    static final String HBA = """
            # Written by Anxing at every start (cn.anxing.db.EmbeddedPassword): every connection,
            # local or on the loopback, presents the password kept in DATA_DIR/postgres.password.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    private EmbeddedPassword() {
    }

    /** Next to the data directory, not inside it: initdb wants an empty directory. */
    static Path fileFor(Path dataDir) {
        return dataDir.toAbsolutePath().resolveSibling(dataDir.getFileName() + ".password");
    }

    /** The stored password, or a new one stored with owner-only permissions. */
    static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                if (posix(file)) {
                    // created with 0600 from the start: no moment in which others may read it
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createFile(file);
                }
                Files.writeString(file, password + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.TRUNCATE_EXISTING);
                LOG.info("Generated the embedded PostgreSQL password in {}", file);
                return password;
            } catch (FileAlreadyExistsException raced) {
                // another process made it meanwhile: read theirs
            }
        }
        if (posix(file)) {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(now)) {
                LOG.warn("{} was readable by others ({}); now owner-only", file,
                        PosixFilePermissions.toString(now));
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        }
        String password = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .findFirst().map(String::strip).orElse("");
        if (!password.matches("[A-Za-z0-9_\\-]{16,200}")) {
            throw new IllegalStateException(file + " does not hold a generated password (16+"
                    + " letters, digits, - or _); delete it only together with the database");
        }
        return password;
    }

    /**
     * Called by the library after initdb and before the server starts. A cluster made before
     * passwords (pg_hba.conf with {@code trust}) keeps its file for this one start, because its
     * superuser has no password yet; {@link #ensureRolePassword} then sets it and closes it.
     */
    static void writeHba(Path dataDir) {
        try {
            Path hba = dataDir.resolve("pg_hba.conf");
            if (!trusts(hba)) {
                Files.writeString(hba, HBA, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives an older cluster's superuser the password and switches it to password login. */
    static void ensureRolePassword(Path dataDir, int port, String password) {
        Path hba = dataDir.resolve("pg_hba.conf");
        try {
            if (!trusts(hba)) {
                return;
            }
            try (var connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                    + port + "/postgres", USER, password);
                    var st = connection.createStatement()) {
                // the password is [A-Za-z0-9_-] (checked when read): safe as a literal
                st.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
                Files.writeString(hba, HBA, StandardCharsets.UTF_8);
                st.execute("SELECT pg_reload_conf()");
            }
            LOG.warn("The embedded PostgreSQL trusted every local connection; it now asks for the"
                    + " password in {}", fileFor(dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the embedded PostgreSQL password", e);
        }
    }

    static boolean trusts(Path hba) throws IOException {
        if (!Files.exists(hba)) {
            return false;
        }
        return Files.readAllLines(hba, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.startsWith("#"))
                .anyMatch(line -> line.matches(".*\\strust(\\s.*)?$"));
    }

    private static boolean posix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
