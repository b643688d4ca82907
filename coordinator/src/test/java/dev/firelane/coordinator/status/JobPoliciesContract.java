package dev.firelane.coordinator.status;

import static dev.firelane.coordinator.status.Events.completed;
import static dev.firelane.coordinator.status.Events.t;
import static dev.firelane.coordinator.testing.JobSpecs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.MisfirePolicy;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's job fields through the database (window, retries, timeout, misfire limit) and the rule that
 * only a fire whose attempts are exhausted counts toward consecutive errors; run on H2 and MariaDB.
 */
abstract class JobPoliciesContract extends StatusDatabaseFixture {
    static final Instant NOT_BEFORE = Instant.parse("2026-03-02T08:00:00.123Z");
    static final Instant NOT_AFTER = Instant.parse("2026-12-31T23:59:59.999Z");

    private static JobSpec fullSpec() {
        return aJob(JOB).cron("0 30 2 * * ?", "Europe/Berlin").maxErrors(4).overlap(OverlapPolicy.QUEUE)
                .misfire(MisfirePolicy.ALL).window(NOT_BEFORE, NOT_AFTER).maxAttempts(3)
                .timeout(Duration.ofMillis(1500)).misfireLimit(7).build();
    }

    // ---- the new columns ----

    @Test
    void create_stores_window_retries_timeout_and_misfire_limit_and_publishes_them() {
        ControlCommand.Create create = events.create(fullSpec());

        List<Publication> published = apply(create);

        JobRow row = job(JOB);
        assertThat(row.notBefore()).isEqualTo(NOT_BEFORE);
        assertThat(row.notAfter()).isEqualTo(NOT_AFTER);
        assertThat(row.maxAttempts()).isEqualTo(3);
        assertThat(row.timeoutMs()).isEqualTo(1500L);
        assertThat(row.misfireLimit()).isEqualTo(7);
        assertThat(row.overlapPolicy()).isEqualTo("queue");
        assertThat(row.misfirePolicy()).isEqualTo("all");
        assertThat(published).singleElement().satisfies(p -> assertThat(p.state().spec()).isEqualTo(create.spec()));
        assertThat(row.spec()).isEqualTo(create.spec());
    }

    @Test
    void create_without_the_optional_fields_stores_their_defaults() {
        List<Publication> published = apply(events.create(aJob(JOB).build()));

        JobRow row = job(JOB);
        assertThat(row.notBefore()).isNull();
        assertThat(row.notAfter()).isNull();
        assertThat(row.maxAttempts()).isEqualTo(JobSpec.DEFAULT_MAX_ATTEMPTS);
        assertThat(row.timeoutMs()).isNull();
        assertThat(row.misfireLimit()).isEqualTo(JobSpec.DEFAULT_MISFIRE_LIMIT);
        JobSpec spec = published.get(0).state().spec();
        assertThat(spec.timeout()).isNull();
        assertThat(spec.notBefore()).isNull();
        assertThat(spec.maxAttempts()).isEqualTo(1);
        assertThat(spec.misfireLimit()).isEqualTo(100);
    }

    @Test
    void update_replaces_the_policies_and_can_clear_window_and_timeout() {
        apply(events.create(fullSpec()));
        JobSpec plain = aJob(JOB).every("5m").maxAttempts(2).misfireLimit(1).build();

        List<Publication> published = apply(events.update(plain, t(10)));

        JobRow row = job(JOB);
        assertThat(row.notBefore()).isNull();
        assertThat(row.notAfter()).isNull();
        assertThat(row.timeoutMs()).isNull();
        assertThat(row.maxAttempts()).isEqualTo(2);
        assertThat(row.misfireLimit()).isEqualTo(1);
        assertThat(row.generation()).isEqualTo(2);
        assertThat(published).singleElement().satisfies(p -> assertThat(p.state().spec()).isEqualTo(plain));

        JobSpec full = fullSpec();
        apply(events.update(full, t(20)));

        assertThat(job(JOB).spec()).isEqualTo(full);
    }

    @Test
    void redelivered_create_publishes_the_full_spec_again() {
        ControlCommand.Create create = events.create(fullSpec());
        apply(create);

        List<Publication> again = apply(create);

        assertThat(again).singleElement().satisfies(p -> assertThat(p.state().spec()).isEqualTo(create.spec()));
    }

    // ---- retries and the error streak ----

    @Test
    void failed_attempt_that_will_be_retried_records_telemetry_but_not_the_error_streak() {
        apply(events.create(aJob(JOB).maxErrors(1).maxAttempts(3).build()));

        List<Publication> published = apply(completed(JOB, t(60), 1, RunOutcome.ERROR),
                completed(JOB, t(60), 2, RunOutcome.TIMEOUT));

        JobRow row = job(JOB);
        assertThat(row.jobStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(row.consecutiveErrors()).isZero();
        assertThat(row.runCount()).isEqualTo(2);
        assertThat(row.lastRunStatus()).isEqualTo("timeout");
        assertThat(row.lastError()).isEqualTo("boom timeout");
        assertThat(row.lastRunAt()).isNotNull();
        assertThat(runs(JOB)).hasSize(2);
        assertThat(published).isEmpty();
    }

    @Test
    void last_attempt_failing_counts_one_error_and_can_fail_the_job() {
        apply(events.create(aJob(JOB).maxErrors(1).maxAttempts(2).build()));
        apply(completed(JOB, t(60), 1, RunOutcome.ERROR));

        List<Publication> published = apply(completed(JOB, t(60), 2, RunOutcome.ABANDONED));

        JobRow row = job(JOB);
        assertThat(row.jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(row.consecutiveErrors()).isEqualTo(1);
        assertThat(row.runCount()).isEqualTo(2);
        assertThat(published).singleElement().satisfies(p -> assertThat(p.state().status()).isEqualTo(JobStatus.FAILED));
    }

    @Test
    void streak_counts_fires_not_attempts_and_a_successful_retry_ends_it() {
        apply(events.create(aJob(JOB).maxErrors(3).maxAttempts(2).build()));
        apply(completed(JOB, t(60), 1, RunOutcome.ERROR), completed(JOB, t(60), 2, RunOutcome.ERROR));
        apply(completed(JOB, t(120), 1, RunOutcome.ERROR), completed(JOB, t(120), 2, RunOutcome.ERROR));
        assertThat(job(JOB).consecutiveErrors()).isEqualTo(2);

        apply(completed(JOB, t(180), 1, RunOutcome.TIMEOUT), completed(JOB, t(180), 2, RunOutcome.OK));

        JobRow row = job(JOB);
        assertThat(row.consecutiveErrors()).isZero();
        assertThat(row.jobStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(row.runCount()).isEqualTo(6);
    }

    @Test
    void redelivered_failed_attempt_counts_once() {
        apply(events.create(aJob(JOB).maxErrors(5).maxAttempts(2).build()));
        apply(completed(JOB, t(60), 2, RunOutcome.ERROR));

        apply(completed(JOB, t(60), 2, RunOutcome.ERROR));

        assertThat(job(JOB).consecutiveErrors()).isEqualTo(1);
        assertThat(job(JOB).runCount()).isEqualTo(1);
    }

    @Test
    void attempt_beyond_a_lowered_limit_counts_as_exhausted() {
        apply(events.create(aJob(JOB).maxErrors(1).maxAttempts(3).build()));
        apply(completed(JOB, t(60), 1, RunOutcome.ERROR));
        apply(events.update(aJob(JOB).maxErrors(1).maxAttempts(1).build(), t(61)));

        apply(completed(JOB, t(60), 2, RunOutcome.ERROR));

        assertThat(job(JOB).consecutiveErrors()).isEqualTo(1);
        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void retried_failure_while_paused_leaves_streak_and_status() {
        apply(events.create(aJob(JOB).maxErrors(1).maxAttempts(2).build()));
        apply(events.pause(JOB, t(1)));

        apply(completed(JOB, t(60), 1, RunOutcome.ERROR));

        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.PAUSED);
        assertThat(job(JOB).consecutiveErrors()).isZero();
        assertThat(job(JOB).runCount()).isEqualTo(1);
    }
}
