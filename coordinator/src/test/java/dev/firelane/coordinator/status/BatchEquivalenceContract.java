package dev.firelane.coordinator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.coordinator.store.Database;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.SettableClock;
import dev.firelane.protocol.JobSpecValidator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Batching must not change what the status stream writes: a random history applied event by event, applied as
 * one batch, applied in random chunks, and applied twice, leaves the same rows and publishes the same job states.
 * Run against each database (subclasses say which).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BatchEquivalenceContract {
    private static final SettableClock CLOCK = SettableClock.at("2026-03-01T12:00:00Z");
    private static final String[] TABLES = {"jobs", "job_runs", "job_commands"};

    private final List<DatabaseConfig> configs = new ArrayList<>();
    private Database oneByOne;
    private Database batched;

    abstract DatabaseConfig newDatabase();

    abstract void dropDatabase(DatabaseConfig config);

    /** The seeds this database is tried with. */
    abstract long[] seeds();

    long[] seedList() {
        return seeds();
    }

    @BeforeAll
    void open() {
        oneByOne = open(newDatabase());
        batched = open(newDatabase());
    }

    private Database open(DatabaseConfig config) {
        configs.add(config);
        return Database.open(config, StatusStream.MAPPERS);
    }

    @AfterAll
    void close() {
        oneByOne.close();
        batched.close();
        configs.forEach(this::dropDatabase);
    }

    @BeforeEach
    void empty() throws SQLException {
        for (Database db : List.of(oneByOne, batched)) {
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                for (String table : TABLES) {
                    st.executeUpdate("DELETE FROM " + table);
                }
            }
        }
    }

    private static StatusApplier applier(Database db) {
        return new StatusApplier(db.sessions(), CLOCK, new ScheduleCalculator(), JobSpecValidator.lenient());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seedList")
    void a_batch_writes_what_its_events_write_one_by_one(long seed) throws SQLException {
        List<Object> history = RandomHistory.of(seed, 160);
        StatusApplier single = applier(oneByOne);
        List<Publication> expected = new ArrayList<>();
        for (Object event : history) {
            expected.addAll(single.apply(List.of(event)));
        }

        List<Publication> published = applier(batched).apply(history);

        assertThat(dump(batched)).as(RandomHistory.describe(history)).isEqualTo(dump(oneByOne));
        assertThat(published).isEqualTo(expected);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seedList")
    void random_chunks_write_what_one_batch_writes_and_applying_again_changes_nothing(long seed) throws SQLException {
        List<Object> history = RandomHistory.of(seed, 160);
        applier(oneByOne).apply(history);
        StatusApplier chunked = applier(batched);
        Random random = new Random(seed);
        for (int from = 0; from < history.size(); ) {
            int to = Math.min(history.size(), from + 1 + random.nextInt(40));
            chunked.apply(history.subList(from, to));
            from = to;
        }
        assertThat(dump(batched)).as("chunked").isEqualTo(dump(oneByOne));

        Map<String, List<Map<String, Object>>> once = dump(batched);
        chunked.apply(history);

        assertThat(dump(batched)).as("the whole history applied a second time").isEqualTo(once);
    }

    /** Every row of the three tables, in key order. */
    static Map<String, List<Map<String, Object>>> dump(Database db) throws SQLException {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String table : TABLES) {
                List<Map<String, Object>> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            row.put(meta.getColumnLabel(i).toLowerCase(), value == null ? null : value.toString());
                        }
                        rows.add(row);
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }
}
