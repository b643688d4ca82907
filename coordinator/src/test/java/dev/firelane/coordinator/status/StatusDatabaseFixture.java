package dev.firelane.coordinator.status;

import dev.firelane.coordinator.testing.JobSpecs;
import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.coordinator.store.Database;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.SettableClock;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.JobSpecValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A status applier over one database per test class (subclasses say which), emptied before each test,
 * with helpers to apply events and read rows back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StatusDatabaseFixture {
    static final String JOB = "job-1";
    static final Instant APPLIED_AT = Instant.parse("2026-03-01T12:00:00Z");

    private DatabaseConfig config;
    Database database;
    StatusApplier applier;
    /** What this test's applier measured. */
    SimpleMeterRegistry meters;
    Events events;

    /** A new, empty database. */
    abstract DatabaseConfig newDatabase();

    /** Removes what {@link #newDatabase()} made. */
    abstract void dropDatabase(DatabaseConfig config);

    @BeforeAll
    void openDatabase() {
        config = newDatabase();
        database = Database.open(config, StatusStream.MAPPERS);
    }

    @AfterAll
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
        dropDatabase(config);
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        events = new Events();
        meters = new SimpleMeterRegistry();
        applier = new StatusApplier(database.sessions(), new SettableClock(APPLIED_AT), new ScheduleCalculator(),
                JobSpecValidator.lenient(), StatusMetrics.of(meters));
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM job_commands");
            st.executeUpdate("DELETE FROM job_runs");
            st.executeUpdate("DELETE FROM jobs");
        }
    }

    void emptyTablesQuietly() {
        try {
            emptyTables();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Publication> apply(Object... list) {
        return applier.apply(List.of(list));
    }

    <T> T read(Function<Mappers, T> query) {
        try (SqlSession session = database.sessions().openSession()) {
            return query.apply(Mappers.of(session));
        }
    }

    JobRow job(String id) {
        return read(m -> m.jobs().find(id));
    }

    List<RunRow> runs(String jobId) {
        return read(m -> m.runs().findByJob(jobId));
    }

    CommandRow command(ControlCommand command) {
        return read(m -> m.commands().find(command.commandId()));
    }

    void createActive(String id) {
        apply(events.create(JobSpecs.aJob(id).build()));
    }
}
