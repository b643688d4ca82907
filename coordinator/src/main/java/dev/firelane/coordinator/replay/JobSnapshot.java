package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.status.JobRow;
import dev.firelane.coordinator.status.RunRow;
import java.time.Instant;
import java.util.List;

/**
 * A job as it stood at an instant, computed by applying the records up to it.
 *
 * @param job        the job's row ({@code status = deleted} for a deleted job)
 * @param inFlight   its runs fired or started but not finished at that instant
 * @param lastRun    its latest finished run, or null
 * @param records    the job's records applied
 * @param lastRecord the last of them
 */
public record JobSnapshot(String jobId, Instant at, JobRow job, List<RunRow> inFlight, RunRow lastRun, long records,
                          ReplayRecord lastRecord) {
    public JobSnapshot {
        inFlight = List.copyOf(inFlight);
    }
}
