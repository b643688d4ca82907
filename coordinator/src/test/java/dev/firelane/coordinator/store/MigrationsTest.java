package dev.firelane.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.testing.TestDatabases;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationsTest {
    @Test
    void migrations_apply_once_on_h2() {
        DatabaseConfig config = TestDatabases.h2();
        try (Database db = Database.open(config, Clock.systemUTC(), List.of())) {
            assertThat(new Migrations(db.dataSource(), Clock.systemUTC()).migrate()).isZero();
        }
    }

    @Test
    void statements_split_on_line_ending_semicolons_and_skip_comments() {
        assertThat(Migrations.statements("-- c\nCREATE TABLE a (x INT);\nCREATE INDEX i ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)");
    }
}
