package dev.firelane.coordinator.fire;

import static dev.firelane.coordinator.testing.JobSpecs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.coordinator.status.Publication;
import dev.firelane.coordinator.status.StatusApplier;
import dev.firelane.coordinator.status.StatusStream;
import dev.firelane.coordinator.store.Database;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobSpecValidator;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retry accounting end to end: the fire topology decides whether a failed attempt is retried, the status stream
 * (on H2) decides whether the fire failed for good; both must agree on every fire, also when an update changes
 * {@code maxAttempts} while a fire runs. The status stream publishes {@code job-state} only after it applied a
 * command, so the topology sees the update after the completions the status stream applied behind it: the
 * normal lag these tests reproduce.
 */
class RetryAccountingTest extends TopologyTestBase {
    private static final String JOB = "j1";

    private Database database;
    private StatusApplier status;
    private int commands;

    @BeforeEach
    void openDatabase() {
        database = Database.open(TestDatabases.h2(), StatusStream.MAPPERS);
        status = new StatusApplier(database.sessions(), harnessClock(), new ScheduleCalculator(),
                JobSpecValidator.lenient());
        start(b -> b.retryBackoff(new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 0,
                RetryBackoffTest.fixed(0.5))));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private static Clock harnessClock() {
        return Clock.fixed(T0, ZoneOffset.UTC);
    }

    private static JobSpec spec(int maxAttempts, int maxErrors) {
        return aJob(JOB).at(t(5)).maxAttempts(maxAttempts).maxErrors(maxErrors).build();
    }

    @Test
    void a_limit_lowered_while_a_fire_runs_counts_that_fire_failed_once() {
        follow(status.apply(List.of(create(spec(3, 2)))));
        harness.advance(Duration.ofSeconds(5));
        Fire first = firesToStatus().get(0);

        List<Publication> lagging = status.apply(List.of(update(spec(1, 2))));
        failUntilNoRetry(first, lagging);

        assertThat(errorStreak()).as("one fire failed, once").isEqualTo(1);
        assertThat(statusOfJob()).isEqualTo("active");
    }

    @Test
    void a_limit_raised_while_a_fire_runs_counts_that_fire_failed_once() {
        follow(status.apply(List.of(create(spec(1, 1)))));
        harness.advance(Duration.ofSeconds(5));
        Fire first = firesToStatus().get(0);

        List<Publication> lagging = status.apply(List.of(update(spec(3, 1))));
        failUntilNoRetry(first, lagging);

        assertThat(errorStreak()).as("one fire failed, once").isEqualTo(1);
        assertThat(statusOfJob()).isEqualTo("failed");
    }

    /**
     * Fails {@code fire} and every retry the topology emits for it, each completion read by both; the
     * {@code job-state} records of {@code lagging} reach the topology after the first completion.
     */
    private void failUntilNoRetry(Fire fire, List<Publication> lagging) {
        List<Publication> pending = new ArrayList<>(lagging);
        Fire attempt = fire;
        for (int guard = 0; attempt != null && guard < 10; guard++) {
            RunEvent.Completed failed = RunEvent.Completed.of(attempt, "w1", harness.now(), harness.now(),
                    RunOutcome.ERROR, "boom", null);
            harness.report(failed);
            pending.addAll(status.apply(List.of(failed)));
            follow(pending);
            pending.clear();
            harness.advance(Duration.ofMinutes(1));
            List<Fire> retries = firesToStatus();
            assertThat(retries).hasSizeLessThanOrEqualTo(1);
            attempt = retries.isEmpty() ? null : retries.get(0);
        }
        assertThat(harness.inFlightKeys()).isEmpty();
    }

    /** What the topology fired, applied by the status stream too. */
    private List<Fire> firesToStatus() {
        List<Fire> fires = harness.fires();
        follow(status.apply(new ArrayList<>(fires)));
        return fires;
    }

    /** The topology reads what the status stream published on {@code job-state}. */
    private void follow(List<Publication> published) {
        published.forEach(p -> {
            if (p.state() == null) {
                harness.delete(p.jobId());
            } else {
                harness.put(p.state());
            }
        });
    }

    private ControlCommand.Create create(JobSpec spec) {
        return new ControlCommand.Create("c" + (++commands), JOB, "alice", T0, null, spec, false);
    }

    private ControlCommand.Update update(JobSpec spec) {
        return new ControlCommand.Update("c" + (++commands), JOB, "alice", harness.now(), null, spec);
    }

    private int errorStreak() {
        return Integer.parseInt(column("consecutive_errors"));
    }

    private String statusOfJob() {
        return column("status");
    }

    private String column(String name) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT " + name + " FROM jobs WHERE id = ?")) {
            st.setString(1, JOB);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
