package dev.firelane.coordinator.status;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Test events with readable defaults; command ids are unique per instance. Times are relative to {@link #T0}. */
final class Events {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String WORKER = "worker-1";

    private final AtomicInteger commands = new AtomicInteger();

    static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private String nextCommandId() {
        return "cmd-" + commands.incrementAndGet();
    }

    ControlCommand.Create create(JobSpec spec) {
        return new ControlCommand.Create(nextCommandId(), spec.id(), "alice", T0, "new job", spec, false);
    }

    ControlCommand.Create createPaused(JobSpec spec) {
        return new ControlCommand.Create(nextCommandId(), spec.id(), "alice", T0, null, spec, true);
    }

    ControlCommand.Update update(JobSpec spec, Instant at) {
        return new ControlCommand.Update(nextCommandId(), spec.id(), "alice", at, "change", spec);
    }

    ControlCommand.Pause pause(String jobId, Instant at) {
        return new ControlCommand.Pause(nextCommandId(), jobId, "bob", at, "maintenance");
    }

    ControlCommand.Resume resume(String jobId, Instant at) {
        return new ControlCommand.Resume(nextCommandId(), jobId, "bob", at, "done");
    }

    ControlCommand.Trigger trigger(String jobId, Instant at) {
        return new ControlCommand.Trigger(nextCommandId(), jobId, "bob", at, null);
    }

    ControlCommand.Cancel cancel(String jobId, String fireId, Instant at) {
        return new ControlCommand.Cancel(nextCommandId(), jobId, "bob", at, null, fireId);
    }

    ControlCommand.Delete delete(String jobId, Instant at) {
        return new ControlCommand.Delete(nextCommandId(), jobId, "bob", at, "gone");
    }

    static String fireId(String jobId, Instant scheduledAt) {
        return FireIds.of(jobId, scheduledAt, 1);
    }

    static Fire fire(String jobId, Instant scheduledAt) {
        return new Fire(fireId(jobId, scheduledAt), jobId, scheduledAt, scheduledAt.plusMillis(5), 1, "noop", null,
                null, 1);
    }

    /** The fire of {@code scheduledAt} for incarnation {@code incarnation} of the job id (created again after a delete). */
    static Fire fire(String jobId, long incarnation, Instant scheduledAt) {
        return new Fire(FireIds.of(jobId, incarnation, scheduledAt, 1), jobId, scheduledAt, scheduledAt.plusMillis(5), 1,
                "noop", null, null, 1, incarnation);
    }

    /** {@link #completed(String, Instant, RunOutcome)} of incarnation {@code incarnation}'s fire. */
    static RunEvent.Completed completed(String jobId, long incarnation, Instant scheduledAt, RunOutcome outcome) {
        RunEvent.Completed c = completed(jobId, scheduledAt, outcome);
        return new RunEvent.Completed(FireIds.of(jobId, incarnation, scheduledAt, 1), jobId, c.workerId(), 1, scheduledAt,
                c.startedAt(), c.finishedAt(), outcome, c.error(), c.deliveryStatus());
    }

    static RunEvent.Started started(String jobId, Instant scheduledAt) {
        return new RunEvent.Started(fireId(jobId, scheduledAt), jobId, WORKER, 1, scheduledAt, scheduledAt.plusMillis(10));
    }

    static RunEvent.Completed completed(String jobId, Instant scheduledAt, RunOutcome outcome) {
        return completed(jobId, scheduledAt, 1, outcome);
    }

    /** The completion of one attempt of a fire (attempt 2 and later are retries). */
    static RunEvent.Completed completed(String jobId, Instant scheduledAt, int attempt, RunOutcome outcome) {
        Instant started = scheduledAt.plusMillis(10);
        return new RunEvent.Completed(FireIds.of(jobId, scheduledAt, attempt), jobId, WORKER, attempt, scheduledAt, started,
                started.plus(Duration.ofSeconds(2)), outcome, outcome == RunOutcome.OK ? null : "boom " + outcome.wire(),
                outcome == RunOutcome.OK ? 200 : 500);
    }
}
