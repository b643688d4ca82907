package dev.firelane.coordinator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class DatabaseDiffOnH2Test extends DatabaseDiffContract {
    @Override
    DatabaseConfig newLiveDatabase() {
        return TestDatabases.h2();
    }

    @Override
    void dropLiveDatabase(DatabaseConfig config) {
    }

    @Test
    void counts_every_differing_row_but_details_only_the_first_by_key() {
        int extra = DatabaseDiff.ROWS_SHOWN + 2;
        live.execute("INSERT INTO job_runs (fire_id, job_id, attempt, scheduled_at) SELECT 'z@' || \"X\", 'z', 1, "
                + "TIMESTAMP '2026-03-01 00:00:00' FROM SYSTEM_RANGE(1, " + extra + ")");

        TableDiff runs = DatabaseDiff.compare(live.config, rebuilt.config).tables().get(1);

        assertThat(runs.differing()).isEqualTo(extra);
        assertThat(runs.rows()).hasSize(DatabaseDiff.ROWS_SHOWN);
        assertThat(runs.rows().get(0).key()).isEqualTo("z@1");
        assertThat(runs.rows()).allSatisfy(r -> assertThat(r.kind()).isEqualTo(RowDiff.Kind.ONLY_LIVE));
    }
}
