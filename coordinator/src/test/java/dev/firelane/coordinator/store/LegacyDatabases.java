package dev.firelane.coordinator.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Databases as Firelane's pre-Flyway migration runner left them: the scripts up to a version applied, recorded in
 * {@code schema_version} (its DDL and rows exactly), and no Flyway history.
 */
final class LegacyDatabases {
    private LegacyDatabases() {
    }

    /** Applies V1..V{@code version} to the empty database and records them as the old runner did. */
    static void create(DataSource dataSource, int version) throws SQLException {
        Flyway.configure(LegacyDatabases.class.getClassLoader()).dataSource(dataSource).locations(Migrations.LOCATION)
                .target(Integer.toString(version)).load().migrate();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE " + LegacySchemaVersion.FLYWAY_TABLE);
            st.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + " version INT NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL,"
                    + " installed_at TIMESTAMP(3) NOT NULL)");
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO schema_version (version, description, installed_at) VALUES (?, ?, ?)")) {
                for (int v = 1; v <= version; v++) {
                    ps.setInt(1, v);
                    ps.setString(2, "script_" + v);
                    ps.setTimestamp(3, Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")));
                    ps.executeUpdate();
                }
            }
        }
    }

    /** A job row, to show that an upgrade keeps data. */
    static void insertJob(DataSource dataSource, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO jobs (id, schedule_kind, schedule, time_zone, handler, payload, max_errors,"
                    + " overlap_policy, misfire_policy, status, generation, created_at, updated_at) VALUES ('" + id
                    + "', 'every', 'PT1M', 'UTC', 'noop', '{}', 3, 'skip', 'fire', 'paused', 1,"
                    + " '2026-01-01 00:00:00', '2026-01-01 00:00:00')");
        }
    }

    static int count(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
