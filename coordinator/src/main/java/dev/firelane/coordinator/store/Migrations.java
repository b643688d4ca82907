package dev.firelane.coordinator.store;

import dev.firelane.protocol.FirelaneException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: {@code db/migration/V<n>__<description>.sql} on the classpath, applied in
 * order, each once, recorded in {@code schema_version}. The same files run on MySQL/MariaDB and H2.
 */
public final class Migrations {
    /** The migrations of this build, in order. A new migration is a new file plus a line here. */
    static final List<String> SCRIPTS = List.of(
            "V1__create_jobs.sql",
            "V2__create_job_runs.sql",
            "V3__create_job_commands.sql",
            "V4__job_policies.sql",
            "V5__job_runs_finished_index.sql",
            "V6__job_incarnation.sql",
            "V7__command_placement.sql");

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private final DataSource dataSource;
    private final Clock clock;

    public Migrations(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Applies every migration not yet applied; returns how many ran. */
    public int migrate() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + " version INT NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL,"
                        + " installed_at TIMESTAMP(3) NOT NULL)");
            }
            int current = currentVersion(connection);
            int applied = 0;
            for (int i = current; i < SCRIPTS.size(); i++) {
                apply(connection, i + 1, SCRIPTS.get(i));
                applied++;
            }
            if (applied > 0) {
                log.info("schema migrated from version {} to {}", current, SCRIPTS.size());
            }
            return applied;
        } catch (SQLException e) {
            throw new FirelaneException("schema migration failed: " + e.getMessage(), e);
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void apply(Connection connection, int version, String script) throws SQLException {
        String expected = "V" + version + "__";
        if (!script.startsWith(expected)) {
            throw new FirelaneException("migration " + script + " is out of order; expected " + expected + "*");
        }
        for (String sql : statements(read(script))) {
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO schema_version (version, description, installed_at) VALUES (?, ?, ?)")) {
            ps.setInt(1, version);
            ps.setString(2, script.substring(expected.length(), script.length() - ".sql".length()));
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        }
        log.info("applied migration {}", script);
    }

    private static String read(String script) {
        String path = "db/migration/" + script;
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new FirelaneException("migration " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FirelaneException("cannot read migration " + path, e);
        }
    }

    /** Splits a script on semicolons that end a line; drops comment lines. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
