package dev.firelane.coordinator.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * The {@code schema_version} table that Firelane's own migration runner kept before Flyway: one row per applied
 * script, {@code version} 1, 2, … A database that has it and no Flyway history yet was made by that runner, and is
 * baselined at the highest version it records (its scripts are not run again). The table is left in place.
 */
final class LegacySchemaVersion {
    static final String TABLE = "schema_version";
    static final String FLYWAY_TABLE = "flyway_schema_history";

    private LegacySchemaVersion() {
    }

    /**
     * The highest version the legacy table records (0 if it is empty) if the database has it and no Flyway history
     * yet; else empty.
     */
    static OptionalInt pendingBaseline(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!exists(connection, TABLE) || exists(connection, FLYWAY_TABLE)) {
                return OptionalInt.empty();
            }
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + TABLE)) {
                rs.next();
                return OptionalInt.of(rs.getInt(1));
            }
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String pattern = table.replace("_", meta.getSearchStringEscape() + "_"); // '_' alone matches any character
        try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), pattern, new String[] {"TABLE"})) {
            return rs.next();
        }
    }
}
