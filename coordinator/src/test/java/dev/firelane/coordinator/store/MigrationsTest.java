package dev.firelane.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.protocol.FirelaneException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MigrationsTest {
    private final HikariDataSource pool = Database.pool(TestDatabases.h2(), 2, "migrations-test");

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void migrations_apply_once_on_h2() {
        DatabaseConfig config = TestDatabases.h2();
        try (Database db = Database.open(config, List.of())) {
            assertThat(new Migrations(db.dataSource()).migrate()).isZero();
        }
    }

    @Test
    void a_new_database_gets_every_script_in_order_recorded_by_flyway() {
        int applied = new Migrations(pool).migrate();

        Migrations.Status status = new Migrations(pool).info();
        assertThat(status.rows()).hasSize(applied);
        assertThat(status.rows()).extracting(Migrations.Row::version).startsWith("1", "2", "3", "4", "5", "6", "7");
        assertThat(status.rows()).extracting(Migrations.Row::state).containsOnly("Success");
        assertThat(status.rows()).allSatisfy(row -> assertThat(row.installedOn()).isNotNull());
        assertThat(status.legacyVersion()).isEmpty();
    }

    @Test
    void a_pre_flyway_database_is_baselined_at_its_version_and_no_script_runs_again() throws Exception {
        LegacyDatabases.create(pool, 7);
        LegacyDatabases.insertJob(pool, "kept");

        // V1 again would fail on the existing jobs table
        assertThat(new Migrations(pool).migrate()).isZero();

        Migrations.Status status = new Migrations(pool).info();
        assertThat(status.legacyVersion()).isEmpty();
        assertThat(status.rows()).filteredOn(row -> row.state().equals("Baseline"))
                .extracting(Migrations.Row::version).containsExactly("7");
        assertThat(status.rows()).filteredOn(row -> row.version().equals("3"))
                .extracting(Migrations.Row::state).containsExactly("Below Baseline");
        assertThat(LegacyDatabases.count(pool, "SELECT COUNT(*) FROM jobs WHERE id = 'kept'")).isEqualTo(1);
        assertThat(new Migrations(pool).migrate()).isZero();
    }

    @Test
    void a_pre_flyway_database_at_an_older_version_gets_only_the_newer_scripts() throws Exception {
        LegacyDatabases.create(pool, 5);
        LegacyDatabases.insertJob(pool, "kept");

        assertThat(new Migrations(pool).migrate()).isEqualTo(2);

        assertThat(LegacyDatabases.count(pool, "SELECT incarnation FROM jobs WHERE id = 'kept'")).isEqualTo(1);
        assertThat(LegacyDatabases.count(pool, "SELECT COUNT(fires_offset) FROM job_commands")).isZero();
    }

    @Test
    void info_of_a_pre_flyway_database_names_its_version_and_changes_nothing() throws Exception {

        LegacyDatabases.create(pool, 5);

        Migrations.Status status = new Migrations(pool).info();

        assertThat(status.legacyVersion()).hasValue(5);
        assertThat(status.rows()).extracting(Migrations.Row::state).startsWith(Migrations.Row.BEFORE_FLYWAY,
                Migrations.Row.BEFORE_FLYWAY, Migrations.Row.BEFORE_FLYWAY, Migrations.Row.BEFORE_FLYWAY,
                Migrations.Row.BEFORE_FLYWAY, "Pending", "Pending");
        assertThat(new Migrations(pool).info()).isEqualTo(status);
    }

    @Test
    void a_changed_applied_script_is_refused_until_repaired() throws Exception {
        Migrations migrations = new Migrations(pool);
        migrations.migrate();
        execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");

        assertThatThrownBy(migrations::migrate).isInstanceOf(FirelaneException.class)
                .hasMessageContaining("checksum mismatch for migration version 3")
                .hasMessageContaining("firelane db repair --config FILE");

        assertThat(migrations.repair()).isNotEmpty();
        assertThat(migrations.migrate()).isZero();
    }

    @Test
    void a_database_with_other_tables_and_no_history_is_refused_not_baselined() throws Exception {
        execute("CREATE TABLE someone_elses (x INT)");

        assertThatThrownBy(() -> new Migrations(pool).migrate()).isInstanceOf(FirelaneException.class)
                .hasMessageContaining("no schema history");
        assertThat(LegacyDatabases.count(pool, "SELECT COUNT(*) FROM information_schema.tables"
                + " WHERE table_name = 'jobs'")).isZero();
    }

    private void execute(String sql) throws Exception {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
