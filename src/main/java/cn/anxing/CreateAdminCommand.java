package cn.anxing;

import cn.anxing.auth.PasswordHasher;
import cn.anxing.config.AppConfig;
import cn.anxing.config.ConfigLoader;
import cn.anxing.db.Database;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * {@code create-admin --username NAME --password PASSWORD [--name DISPLAY]}: makes the first admin
 * account in the configured database (embedded or DATABASE_URL), applying migrations first.
 */
final class CreateAdminCommand {

    private CreateAdminCommand() {
    }

    static int run(String[] args) throws SQLException {
        String username = null;
        String password = System.getenv("ADMIN_PASSWORD");
        String name = "管理员";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--username" -> username = args[i + 1];
                case "--password" -> password = args[i + 1];
                case "--name" -> name = args[i + 1];
                default -> {
                    System.err.println("Unknown option " + args[i]);
                    return 2;
                }
            }
        }
        if (username == null || !username.matches("[a-z][a-z0-9_.-]{2,31}")) {
            System.err.println("--username: 3-32 lower-case letters, digits, _ . - starting with a"
                    + " letter");
            return 2;
        }
        if (password == null || password.length() < 10) {
            System.err.println("--password (or ADMIN_PASSWORD): at least 10 characters");
            return 2;
        }
        AppConfig config = ConfigLoader.fromEnvironment();
        try (Database database = config.database().url().map(Database::external)
                .orElseGet(() -> Database.embedded(config.embeddedDatabaseDir()))) {
            database.migrate();
            var options = database.connectOptions();
            try (var connection = DriverManager.getConnection(database.jdbcUrl(),
                    options.getUser(), options.getPassword());
                 var organisation = connection.prepareStatement("""
                         INSERT INTO organisation (kind, code, name_zh, name_en)
                         VALUES ('ADMIN', 'admin', '系统管理', 'Administration')
                         ON CONFLICT (code) DO NOTHING""");
                 var insert = connection.prepareStatement("""
                         INSERT INTO account (username, display_name, password_hash, roles,
                             organisation_id)
                         VALUES (?, ?, ?, ARRAY['admin'],
                             (SELECT id FROM organisation WHERE code = 'admin'))
                         ON CONFLICT (username) DO NOTHING""")) {
                organisation.executeUpdate();
                insert.setString(1, username);
                insert.setString(2, name);
                insert.setString(3, PasswordHasher.hash(password));
                if (insert.executeUpdate() == 0) {
                    System.err.println("An account named " + username + " exists already");
                    return 1;
                }
            }
        }
        System.out.println("Admin account " + username + " created");
        return 0;
    }
}
