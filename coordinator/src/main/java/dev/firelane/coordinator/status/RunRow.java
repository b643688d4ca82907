package dev.firelane.coordinator.status;

import java.time.Instant;

/** One row of {@code job_runs}: the history of one fire id. */
public record RunRow(
        String fireId,
        String jobId,
        int attempt,
        Instant scheduledAt,
        Instant firedAt,
        Instant startedAt,
        Instant finishedAt,
        String workerId,
        String outcome,
        String error,
        Integer deliveryStatus) {

    public RunRow {
        scheduledAt = Columns.millis(scheduledAt);
        firedAt = Columns.millis(firedAt);
        startedAt = Columns.millis(startedAt);
        finishedAt = Columns.millis(finishedAt);
        workerId = Columns.truncate(workerId, Columns.WORKER_ID);
        error = Columns.truncate(error, Columns.ERROR);
    }

    /** The row a run event makes before anything else is known about the fire. */
    static RunRow first(String fireId, String jobId, int attempt, Instant scheduledAt, Instant firedAt) {
        return new RunRow(fireId, jobId, attempt, scheduledAt, firedAt, null, null, null, null, null, null);
    }
}
