package dev.firelane.coordinator.status;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.ScheduleKind;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies fires and run events to a batch: the run history ({@code job_runs}) and the telemetry of
 * {@code jobs}. It changes a job's status only for the stream's own causes (an {@code at} job succeeded,
 * errors reached the limit) and only from {@code active}; a run never writes back a status it read.
 */
final class RunApplier {
    private static final Logger log = LoggerFactory.getLogger(RunApplier.class);

    private final NextFire nextFire;

    RunApplier(NextFire nextFire) {
        this.nextFire = nextFire;
    }

    /**
     * A fire: its run row, and, when it is the job's newest fire, the last fire id — and the schedule estimate
     * if the job is active. Recording the last fire id whatever the status keeps a fire applied before a status
     * change and one applied after it from leaving different rows. A fire applied before (its row has a fire
     * time) changes nothing again.
     */
    void fire(Fire fire, Batch batch) {
        FireIdParts id = checkFireId(fire.fireId(), fire.jobId());
        JobModel job = batch.job(fire.jobId());
        RunModel run = batch.run(fire.fireId());
        if (run.exists() && run.row().firedAt() != null) {
            log.debug("{} fire {} already applied", fire.jobId(), fire.fireId());
            return; // a redelivery: its effect on the job happened once, when it was first applied
        }
        ensureRun(fire.fireId(), fire.jobId(), fire.attempt(), fire.scheduledAt(), fire.firedAt(), id, batch)
                .fired(Columns.millis(fire.firedAt()));
        if (!job.exists()) {
            // history only, and written all the same: were it dropped, the same fire applied again once the job exists
            // (a replay, a redelivery) would count where the first application did not
            log.warn("{} fire {} for an unknown job: recorded in the run history only", fire.jobId(), fire.fireId());
            return;
        }
        JobRow row = job.row();
        if (row.isDeleted() || !row.isIncarnation(id.incarnation()) || !isNewerThanLastFire(id, row)) {
            return; // a deleted incarnation's fire is history only
        }
        Instant next = row.jobStatus() == JobStatus.ACTIVE
                ? nextFire.after(row.spec(), row.createdAt(), fire.scheduledAt())
                : row.nextFireAt();
        job.fired(fire.fireId(), Columns.millis(next));
    }

    void run(RunEvent event, Batch batch) {
        FireIdParts id = checkFireId(event.fireId(), event.jobId());
        if (event instanceof RunEvent.Heartbeat) {
            return;
        }
        JobModel job = batch.job(event.jobId());
        if (!job.exists()) {
            log.warn("{} {} of fire {} for an unknown job: recorded in the run history only", event.jobId(),
                    event.getClass().getSimpleName(), event.fireId());
            historyOnly(event, id, batch);
            return;
        }
        if (event instanceof RunEvent.Started started) {
            ensureRun(started.fireId(), started.jobId(), started.attempt(), started.scheduledAt(), null, id, batch)
                    .started(Columns.truncate(started.workerId(), Columns.WORKER_ID), Columns.millis(started.startedAt()));
            return;
        }
        if (event instanceof RunEvent.Completed completed) {
            complete(completed, id, job, batch);
            return;
        }
        throw new UnappliableEventException("unknown run event " + event.getClass().getSimpleName());
    }

    /**
     * A run event of a job this database does not know: its run row only, so that applying it again once the job
     * exists (a replay, a redelivery) finds it applied and counts nothing, as the first application did.
     */
    private void historyOnly(RunEvent event, FireIdParts id, Batch batch) {
        if (event instanceof RunEvent.Started started) {
            ensureRun(started.fireId(), started.jobId(), started.attempt(), started.scheduledAt(), null, id, batch)
                    .started(Columns.truncate(started.workerId(), Columns.WORKER_ID), Columns.millis(started.startedAt()));
        } else if (event instanceof RunEvent.Completed c) {
            RunModel run = ensureRun(c.fireId(), c.jobId(), c.attempt(), c.scheduledAt(), null, id, batch);
            if (!run.isFinished()) {
                Instant startedAt = c.outcome().isRun() ? c.startedAt() : run.row().startedAt();
                run.finished(startedAt, c.finishedAt(), c.workerId(), c.outcome().wire(), c.error(), c.deliveryStatus());
                batch.tally().runFinished(c.outcome());
            }
        }
    }

    private void complete(RunEvent.Completed c, FireIdParts id, JobModel job, Batch batch) {
        RunModel run = ensureRun(c.fireId(), c.jobId(), c.attempt(), c.scheduledAt(), null, id, batch);
        if (run.isFinished()) {
            log.debug("{} completion of {} already applied; not counted again", c.jobId(), c.fireId());
            // the first delivery may have committed and died before its job-state record was produced
            if (isStreamCaused(job.row().jobStatus()) && job.row().isIncarnation(id.incarnation())) {
                batch.publish(Publication.of(job.row().toState()));
            }
            return;
        }
        RunOutcome outcome = c.outcome();
        // a skipped fire never started: its row keeps the start a worker reported, if any, not the skip's moment
        Instant startedAt = outcome.isRun() ? c.startedAt() : run.row().startedAt();
        RunRow finished = new RunRow(c.fireId(), c.jobId(), 0, null, null, startedAt, c.finishedAt(), c.workerId(),
                outcome.wire(), c.error(), c.deliveryStatus());
        run.finished(finished.startedAt(), finished.finishedAt(), finished.workerId(), finished.outcome(),
                finished.error(), finished.deliveryStatus());
        batch.tally().runFinished(outcome);
        if (!outcome.isRun()) {
            log.debug("{} {} recorded {}: {}", c.jobId(), c.fireId(), outcome.wire(), c.error());
            return;
        }
        JobRow row = job.row();
        if (row.isDeleted() || !row.isIncarnation(id.incarnation())) {
            log.debug("{} completion of {} recorded in the run history only: {}", c.jobId(), c.fireId(),
                    row.isDeleted() ? "the job is deleted" : "its incarnation was deleted; the job is now incarnation "
                            + row.incarnation());
            return;
        }
        // a failed attempt that will be retried is telemetry only; the fire fails when its attempts are exhausted,
        // counted against the fire's own limit (the one the coordinator retries by), the row's only for old records
        int attempt = c.attempt() >= 1 ? c.attempt() : id.attempt();
        boolean fireFailed = outcome.isFailure()
                && (c.maxAttempts() > 0 ? attempt >= c.maxAttempts() : row.isLastAttempt(attempt));
        job.ran(finished.finishedAt(), outcome.wire(), finished.error(), c.deliveryStatus(), outcome == RunOutcome.OK,
                fireFailed);
        if (row.jobStatus() == JobStatus.PAUSED) {
            log.debug("{} completion of {} ({}) recorded; the job stays paused", c.jobId(), c.fireId(), outcome.wire());
            batch.tally().pausePreserved();
        }
        transitionFor(outcome, fireFailed, job, finished.finishedAt()).ifPresent(status -> {
            log.info("{} is {} after {} ({})", job.id(), status.wire(), c.fireId(), outcome.wire());
            batch.publish(Publication.of(job.row().toState()));
        });
    }

    /** The status change the stream itself causes after a counted completion, if any. */
    private static Optional<JobStatus> transitionFor(RunOutcome outcome, boolean fireFailed, JobModel job, Instant at) {
        JobRow row = job.row();
        if (outcome == RunOutcome.OK && row.spec().scheduleKind() == ScheduleKind.AT
                && Transitions.COMPLETE.allowedFrom(row.jobStatus())) {
            job.write(new JobWrite.Complete(row.id(), at), row.transitioned(JobStatus.COMPLETED, null, at));
            return Optional.of(JobStatus.COMPLETED);
        }
        if (fireFailed && row.maxErrors() > 0 && row.consecutiveErrors() >= row.maxErrors()
                && Transitions.FAIL.allowedFrom(row.jobStatus())) {
            job.write(new JobWrite.Fail(row.id(), at), row.transitioned(JobStatus.FAILED, null, at));
            return Optional.of(JobStatus.FAILED);
        }
        return Optional.empty();
    }

    /** The run's model, its row made by whichever of fire, start and completion came first. */
    private static RunModel ensureRun(String fireId, String jobId, int attempt, Instant scheduledAt, Instant firedAt,
                                      FireIdParts id, Batch batch) {
        RunModel run = batch.run(fireId);
        run.ensure(RunRow.first(fireId, jobId, attempt >= 1 ? attempt : id.attempt(),
                scheduledAt != null ? scheduledAt : id.scheduledAt(), firedAt));
        return run;
    }

    /** A fire delivered late, or again, must not move the schedule estimate backwards. */
    private static boolean isNewerThanLastFire(FireIdParts fire, JobRow job) {
        return FireIdParts.parse(job.lastFireId()).map(last -> fire.compareTo(last) > 0).orElse(true);
    }

    private static boolean isStreamCaused(JobStatus status) {
        return status == JobStatus.COMPLETED || status == JobStatus.FAILED;
    }

    private static FireIdParts checkFireId(String fireId, String jobId) {
        Optional<FireIdParts> parts = FireIdParts.parse(fireId);
        if (parts.isEmpty() || fireId.length() > Columns.FIRE_ID || !parts.get().jobId().equals(jobId)) {
            throw new UnappliableEventException("fireId '" + Columns.truncate(fireId, Columns.FIRE_ID)
                    + "' is not of the form " + jobId + "[~incarnation]@epochMillis[#attempt]");
        }
        return parts.get();
    }
}
