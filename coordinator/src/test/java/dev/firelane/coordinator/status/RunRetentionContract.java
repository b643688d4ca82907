package dev.firelane.coordinator.status;

import static dev.firelane.coordinator.status.Events.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firelane.coordinator.metrics.MeterNames;
import dev.firelane.coordinator.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;

/** The run history's retention on each database: what goes, what stays, and in batches. */
abstract class RunRetentionContract extends StatusDatabaseFixture {
    private final SettableClock clock = SettableClock.at("2026-03-02T10:00:00Z");

    private void run(String job, Instant scheduledAt, Instant finishedAt) {
        try (SqlSession session = database.sessions().openSession(true)) {
            RunMapper runs = session.getMapper(RunMapper.class);
            String fireId = job + "@" + scheduledAt.toEpochMilli();
            runs.insert(new RunRow(fireId, job, 1, scheduledAt, scheduledAt, scheduledAt, finishedAt, "w",
                    finishedAt == null ? null : "ok", null, null));
        }
    }

    private RunRetention retention(Duration maxAge, int maxPerJob, int batch) {
        return new RunRetention(database.sessions(), new RunRetention.Policy(maxAge, maxPerJob, Duration.ofMinutes(1), batch),
                clock, meters);
    }

    private List<RunRow> all(String job) {
        return runs(job);
    }

    @Test
    void finished_runs_older_than_the_age_go_in_batches_and_runs_still_going_stay() {
        for (int i = 0; i < 25; i++) {
            run("old", t(i), t(i).plusSeconds(1)); // finished a day before the clock
        }
        run("old", t(100), null); // never finished: its completion must still count once
        run("new", clock.instant().minusSeconds(30), clock.instant().minusSeconds(20));

        long deleted = retention(Duration.ofHours(1), 0, 10).pass();

        assertThat(deleted).isEqualTo(25);
        assertThat(all("old")).singleElement().satisfies(r -> assertThat(r.finishedAt()).isNull());
        assertThat(all("new")).hasSize(1);
        assertThat(meters.get(MeterNames.RUNS_PRUNED).counter().count()).isEqualTo(25);
    }

    @Test
    void each_job_keeps_its_newest_runs() {
        for (int i = 0; i < 30; i++) {
            run("busy", clock.instant().minusSeconds(100 - i), clock.instant().minusSeconds(99 - i));
        }
        for (int i = 0; i < 3; i++) {
            run("quiet", clock.instant().minusSeconds(100 - i), clock.instant().minusSeconds(99 - i));
        }

        retention(null, 10, 4).pass();

        assertThat(all("busy")).hasSize(10)
                .first().satisfies(r -> assertThat(r.scheduledAt()).isEqualTo(clock.instant().minusSeconds(80)));
        assertThat(all("quiet")).hasSize(3);
    }

    @Test
    void a_pass_with_nothing_to_delete_deletes_nothing() {
        run("a", clock.instant().minusSeconds(10), clock.instant().minusSeconds(5));

        assertThat(retention(Duration.ofDays(7), 1_000, 100).pass()).isZero();
    }

    @Test
    void ages_too_short_for_redeliveries_are_refused() {
        assertThatThrownBy(() -> new RunRetention.Policy(Duration.ofSeconds(10), 0, Duration.ofMinutes(1), 10))
                .hasMessageContaining("at least PT1M");
    }
}
