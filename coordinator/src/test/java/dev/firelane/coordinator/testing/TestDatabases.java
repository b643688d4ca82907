package dev.firelane.coordinator.testing;

import dev.firelane.coordinator.store.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Databases for tests: a private in-memory H2 in MySQL mode, or a fresh schema on the local MariaDB
 * (127.0.0.1:3306, root, empty password — overridable with FIRELANE_TEST_MYSQL_URL/_USER/_PASSWORD).
 * A MariaDB that is not reachable fails the test: the MariaDB tier must never be skipped silently.
 */
public final class TestDatabases {
    private static final String MYSQL_SERVER = env("FIRELANE_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/");
    private static final String MYSQL_USER = env("FIRELANE_TEST_MYSQL_USER", "root");
    private static final String MYSQL_PASSWORD = env("FIRELANE_TEST_MYSQL_PASSWORD", "");

    private TestDatabases() {
    }

    /** A new, empty in-memory H2 database (kept until the JVM ends). */
    public static DatabaseConfig h2() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "");
        return DatabaseConfig.of("jdbc:h2:mem:" + name + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** A new, empty schema on the local MariaDB; drop it with {@link #dropMariaDb(DatabaseConfig)}. */
    public static DatabaseConfig mariaDb() {
        String schema = "firelane_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4");
        return DatabaseConfig.of(MYSQL_SERVER + schema + "?useSSL=false&allowPublicKeyRetrieval=true", MYSQL_USER, MYSQL_PASSWORD);
    }

    /** Drops a schema made by {@link #mariaDb()}. */
    public static void dropMariaDb(DatabaseConfig config) {
        String url = config.jdbcUrl();
        String schema = url.substring(MYSQL_SERVER.length(), url.indexOf('?'));
        execute("DROP DATABASE IF EXISTS " + schema);
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(MYSQL_SERVER + "?useSSL=false&allowPublicKeyRetrieval=true", MYSQL_USER, MYSQL_PASSWORD);
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the local MariaDB at " + MYSQL_SERVER + " is needed for this test and is not usable: "
                    + e.getMessage() + " (start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd)", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
