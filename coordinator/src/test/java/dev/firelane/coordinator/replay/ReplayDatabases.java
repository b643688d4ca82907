package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.status.CommandMapper;
import dev.firelane.coordinator.status.CommandRow;
import dev.firelane.coordinator.status.JobMapper;
import dev.firelane.coordinator.status.JobRow;
import dev.firelane.coordinator.status.StatusStream;
import dev.firelane.coordinator.store.Database;
import dev.firelane.coordinator.store.DatabaseConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.ibatis.session.SqlSession;

/** A migrated database with a replay applier over it, and helpers to read and change rows. */
final class ReplayDatabases implements AutoCloseable {
    final DatabaseConfig config;
    final Database database;
    final ReplayApplier applier;

    ReplayDatabases(DatabaseConfig config) {
        this.config = config;
        this.database = Database.open(config, StatusStream.MAPPERS);
        this.applier = new ReplayApplier(database.sessions(), "t.");
    }

    /** Applies each record in its own transaction; returns the refusals (null where applied). */
    List<String> applyEach(List<ReplayRecord> records) {
        return records.stream().map(applier::apply).toList();
    }

    JobRow job(String id) {
        try (SqlSession s = database.sessions().openSession()) {
            return s.getMapper(JobMapper.class).find(id);
        }
    }

    CommandRow command(String id) {
        try (SqlSession s = database.sessions().openSession()) {
            return s.getMapper(CommandMapper.class).find(id);
        }
    }

    void execute(String sql) {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
