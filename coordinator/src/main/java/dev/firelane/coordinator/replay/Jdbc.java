package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.store.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC for what replay only reads: no pool, no migration, read-only connections. */
final class Jdbc {
    private Jdbc() {
    }

    static Connection readOnly(DatabaseConfig config, String role) {
        try {
            Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
            connection.setReadOnly(true);
            return connection;
        } catch (SQLException e) {
            throw new ReplayException(ReplayException.Kind.UNAVAILABLE, "cannot connect to the " + role + " database "
                    + config.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Rows in {@code table}, 0 if there is no such table. */
    static long count(Connection connection, String table) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
                return 0; // no such table (yet): an empty database
            }
            throw e;
        }
    }
}
