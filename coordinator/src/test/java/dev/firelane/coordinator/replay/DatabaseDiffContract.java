package dev.firelane.coordinator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.protocol.RunOutcome;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The diff of a "live" database (subclasses say which) and a rebuilt H2, both made from one history. */
abstract class DatabaseDiffContract {
    ReplayDatabases live;
    ReplayDatabases rebuilt;

    abstract DatabaseConfig newLiveDatabase();

    abstract void dropLiveDatabase(DatabaseConfig config);

    @BeforeEach
    void applyOneHistoryToBoth() {
        live = new ReplayDatabases(newLiveDatabase());
        rebuilt = new ReplayDatabases(TestDatabases.h2());
        History h = new History().create(0, History.every("x", "1h")).trigger(10, "x").fire(10.1, "x", 10)
                .started(10.2, "x", 10).pause(11, "x", "db maintenance \u00e9\u00e8")
                .completed(14.25, "x", 10, 10.2, RunOutcome.ERROR).resume(20, "x")
                .create(30, History.every("y", "5s")).delete(40, "y");
        List<ReplayRecord> records = h.inApplyOrder();
        live.applyEach(records);
        rebuilt.applier.applyAll(records);
    }

    @AfterEach
    void close() {
        live.close();
        rebuilt.close();
        dropLiveDatabase(live.config);
    }

    @Test
    void finds_no_difference_between_databases_made_from_the_same_history() {
        DiffReport report = DatabaseDiff.compare(live.config, rebuilt.config);

        assertThat(report.hasDifferences()).as("%s", report).isFalse();
        assertThat(report.tables()).extracting(TableDiff::table).containsExactly("jobs", "job_runs", "job_commands");
        assertThat(report.tables()).extracting(TableDiff::liveRows).containsExactly(2L, 1L, 6L);
        assertThat(report.tables().get(2).ignored()).extracting(column -> column.substring(0, column.indexOf(' ')))
                .containsExactly("applied_at", "fires_offset", "runs_offset");
    }

    @Test
    void reports_exactly_the_row_and_column_changed_by_hand() {
        live.execute("UPDATE jobs SET run_count = 7 WHERE id = 'x'");

        DiffReport report = DatabaseDiff.compare(live.config, rebuilt.config);

        assertThat(report.differingRows()).isEqualTo(1);
        assertThat(report.tables().get(0).differing()).isEqualTo(1);
        RowDiff row = report.tables().get(0).rows().get(0);
        assertThat(row.key()).isEqualTo("x");
        assertThat(row.kind()).isEqualTo(RowDiff.Kind.CHANGED);
        assertThat(row.columns()).containsExactly(new RowDiff.ColumnDiff("run_count", "7", "1"));
    }

    @Test
    void reports_rows_that_are_on_one_side_only() {
        live.execute("DELETE FROM job_runs");
        rebuilt.execute("UPDATE job_commands SET applied_at = '2030-01-01 00:00:00.000'");

        DiffReport report = DatabaseDiff.compare(live.config, rebuilt.config);

        TableDiff runs = report.tables().get(1);
        assertThat(runs.rows()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RowDiff.Kind.ONLY_REBUILT);
            assertThat(r.key()).startsWith("x@");
            assertThat(r.columns()).contains(new RowDiff.ColumnDiff("outcome", null, "error"));
        });
        assertThat(report.tables().get(2).differs()).as("applied_at is not compared").isFalse();
    }

    @Test
    void compares_instants_to_the_millisecond_and_texts_exactly() {
        live.execute("UPDATE job_runs SET finished_at = '2026-03-01 10:00:14.251'");
        live.execute("UPDATE job_commands SET reason = 'db maintenance \u00e9e' WHERE kind = 'Pause'");

        DiffReport report = DatabaseDiff.compare(live.config, rebuilt.config);

        assertThat(report.tables().get(1).rows().get(0).columns())
                .containsExactly(new RowDiff.ColumnDiff("finished_at", "2026-03-01T10:00:14.251", "2026-03-01T10:00:14.250"));
        assertThat(report.tables().get(2).rows().get(0).columns()).extracting(RowDiff.ColumnDiff::column).containsExactly("reason");
    }
}
