package dev.firelane.coordinator.replay;

import static dev.firelane.coordinator.replay.History.malformed;
import static dev.firelane.coordinator.replay.History.record;
import static dev.firelane.coordinator.replay.History.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.status.JobRow;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplayApplierTest {
    private ReplayDatabases db;

    @BeforeEach
    void open() {
        db = new ReplayDatabases(TestDatabases.h2());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_pause_during_a_run_survives_its_completion_in_replay_too() {
        History h = new History().create(0, History.every("x", "1h")).trigger(10, "x").fire(10.1, "x", 10)
                .started(10.2, "x", 10).pause(11, "x", "db maintenance").completed(14, "x", 10, 10.2, RunOutcome.OK);

        assertThat(db.applyEach(h.inApplyOrder())).containsOnlyNulls();

        JobRow job = db.job("x");
        assertThat(job.status()).isEqualTo("paused");
        assertThat(job.runCount()).isEqualTo(1);
        assertThat(job.lastRunStatus()).isEqualTo("ok");
    }

    @Test
    void stamps_a_command_applied_at_with_its_record_timestamp_not_the_wall_clock() {
        History h = new History().create(0, History.every("x", "1h")).pause(42.5, "x", null);

        db.applyEach(h.inApplyOrder());

        assertThat(db.command("cmd-2").appliedAt()).isEqualTo(t(42.5));
        assertThat(db.command("cmd-1").appliedAt()).isEqualTo(t(0));
    }

    @Test
    void refuses_what_the_live_stream_sends_to_the_dlq_and_writes_nothing_for_it() {
        History h = new History().create(0, History.every("x", "1h"));
        db.applyEach(h.control);
        Fire badId = new Fire("x@soon", "x", t(5), t(5), 1, "noop", null, null, 1);

        List<String> refusals = db.applyEach(List.of(
                record("control", 7, t(1), "x", null),
                record("runs", 8, t(2), "y", new History().started(2, "x", 1).runs.get(0).event()),
                malformed("fires", 9, t(3), "x", "not JSON: Unexpected character ('h')"),
                record("fires", 10, t(5), "x", badId)));

        assertThat(refusals).containsExactly(
                "a record without a value (tombstone) on t.control means nothing",
                "record key 'y' is not the jobId 'x'",
                "not JSON: Unexpected character ('h')",
                "fireId 'x@soon' is not of the form x[~incarnation]@epochMillis[#attempt]");
        assertThat(db.job("x").lastFireId()).isNull();
    }

    @Test
    void applying_in_batches_gives_the_same_rows_as_one_transaction_per_record() {
        History h = new History().create(0, History.every("x", "1h")).create(0.5, History.every("y", "10s"));
        for (int i = 1; i <= 30; i++) {
            h.trigger(i * 10, "x").fire(i * 10 + 0.1, "x", i * 10).started(i * 10 + 0.2, "x", i * 10)
                    .completed(i * 10 + 3, "x", i * 10, i * 10 + 0.2, i % 3 == 0 ? RunOutcome.ERROR : RunOutcome.OK);
            if (i == 12) {
                h.pause(i * 10 + 1, "x", "mid-run");
            }
            if (i == 20) {
                h.resume(i * 10 + 5, "x");
            }
        }
        h.delete(400, "y");
        List<ReplayRecord> records = new ArrayList<>(h.inApplyOrder());
        records.add(5, malformed("runs", 99, t(50), "x", "not JSON"));
        records.add(17, record("control", 98, t(60), "x", null));

        try (ReplayDatabases batched = new ReplayDatabases(TestDatabases.h2())) {
            List<String> single = db.applyEach(records);
            List<ReplayApplier.Refusal> refused = batched.applier.applyAll(records);

            assertThat(refused).extracting(ReplayApplier.Refusal::reason).containsExactlyInAnyOrderElementsOf(
                    single.stream().filter(r -> r != null).toList());
            DiffReport diff = DatabaseDiff.compare(db.config, batched.config);
            assertThat(diff.hasDifferences()).as("%s", diff).isFalse();
            assertThat(batched.command("cmd-3").appliedAt()).isEqualTo(db.command("cmd-3").appliedAt());
            assertThat(batched.job("x").runCount()).isEqualTo(30);
        }
    }
}
