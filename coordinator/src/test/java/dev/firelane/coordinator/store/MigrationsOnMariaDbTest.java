package dev.firelane.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.testing.TestDatabases;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationsOnMariaDbTest {
    @Test
    void migrations_apply_once_on_mariadb() {
        DatabaseConfig config = TestDatabases.mariaDb();
        try (Database db = Database.open(config, Clock.systemUTC(), List.of())) {
            assertThat(db.isReachable()).isTrue();
            assertThat(new Migrations(db.dataSource(), Clock.systemUTC()).migrate()).isZero();
        } finally {
            TestDatabases.dropMariaDb(config);
        }
    }
}
