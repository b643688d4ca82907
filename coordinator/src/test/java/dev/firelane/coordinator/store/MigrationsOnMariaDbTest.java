package dev.firelane.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.protocol.FirelaneException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MigrationsOnMariaDbTest {
    private final DatabaseConfig config = TestDatabases.mariaDb();

    @AfterEach
    void drop() {
        TestDatabases.dropMariaDb(config);
    }

    @Test
    void migrations_apply_once_on_mariadb() {
        try (Database db = Database.open(config, List.of())) {
            assertThat(db.isReachable()).isTrue();
            assertThat(new Migrations(db.dataSource()).migrate()).isZero();
        }
    }

    @Test
    void a_pre_flyway_database_is_baselined_and_keeps_its_rows() throws Exception {
        try (HikariDataSource pool = Database.pool(config, 2, "legacy")) {
            LegacyDatabases.create(pool, 7);
            LegacyDatabases.insertJob(pool, "kept");

            assertThat(new Migrations(pool).migrate()).isZero(); // V1 again would fail on the existing jobs table

            assertThat(new Migrations(pool).info().rows()).filteredOn(row -> row.state().equals("Baseline"))
                    .extracting(Migrations.Row::version).containsExactly("7");
            assertThat(LegacyDatabases.count(pool, "SELECT COUNT(*) FROM jobs WHERE id = 'kept'")).isEqualTo(1);
        }
    }

    @Test
    void a_pre_flyway_database_at_an_older_version_gets_only_the_newer_scripts() throws Exception {
        try (HikariDataSource pool = Database.pool(config, 2, "legacy")) {
            LegacyDatabases.create(pool, 5);

            assertThat(new Migrations(pool).migrate()).isEqualTo(2);
            assertThat(LegacyDatabases.count(pool, "SELECT COUNT(*) FROM information_schema.columns"
                    + " WHERE table_schema = DATABASE() AND column_name IN ('incarnation', 'fires_offset')")).isEqualTo(2);
        }
    }

    @Test
    void two_coordinators_starting_at_once_on_an_empty_database_apply_each_script_once() throws Exception {
        int applied = twoAtOnce();

        try (HikariDataSource pool = Database.pool(config, 1, "check")) {
            int scripts = new Migrations(pool).info().rows().size();
            assertThat(applied).isEqualTo(scripts);
            assertThat(LegacyDatabases.count(pool, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1"))
                    .isEqualTo(scripts);
            assertThat(LegacyDatabases.count(pool, "SELECT COUNT(DISTINCT version) FROM flyway_schema_history"))
                    .isEqualTo(scripts);
        }
    }

    @Test
    void two_coordinators_upgrading_a_pre_flyway_database_at_once_both_start() throws Exception {
        try (HikariDataSource pool = Database.pool(config, 1, "legacy")) {
            LegacyDatabases.create(pool, 5);
        }
        assertThat(twoAtOnce()).isEqualTo(2);
        try (HikariDataSource pool = Database.pool(config, 1, "check")) {
            assertThat(LegacyDatabases.count(pool, "SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo(3);
            assertThat(LegacyDatabases.count(pool, "SELECT COUNT(*) FROM flyway_schema_history WHERE type = 'BASELINE'"
                    + " AND version = '5'")).isEqualTo(1);
        }
    }

    @Test
    void a_changed_applied_script_is_refused_until_repaired() throws Exception {
        try (HikariDataSource pool = Database.pool(config, 2, "tampered")) {
            Migrations migrations = new Migrations(pool);
            migrations.migrate();
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                st.execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");
            }

            assertThatThrownBy(migrations::migrate).isInstanceOf(FirelaneException.class)
                    .hasMessageContaining("checksum mismatch for migration version 2")
                    .hasMessageContaining("firelane db repair");
            migrations.repair();
            assertThat(migrations.migrate()).isZero();
        }
    }

    /** Two coordinators' starts released together, each with a pool of its own; the scripts they applied in all. */
    private int twoAtOnce() throws Exception {
        ExecutorService starts = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<Integer> first = starts.submit(() -> migrateAfter(go));
            Future<Integer> second = starts.submit(() -> migrateAfter(go));
            go.countDown();
            return first.get(60, TimeUnit.SECONDS) + second.get(60, TimeUnit.SECONDS);
        } finally {
            starts.shutdownNow();
        }
    }

    /** One coordinator's start: its own pool, as a separate process would have. */
    private int migrateAfter(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Migrations.with(config, Migrations::migrate);
    }
}
