package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.status.CommandRow;
import dev.firelane.coordinator.status.JobRow;

/**
 * One record of a job on {@code control}, {@code fires} or {@code runs}, as the status stream applied it.
 *
 * @param record     the record
 * @param refusal    why the live stream sent it to the dlq, or null if it was applied
 * @param redelivery a command already recorded or a completion already counted: applied, changing nothing
 * @param job        the job's row after the record, or null if the job does not exist (yet)
 * @param command    for a command, its audit row after the apply (result and reason), else null
 */
public record JobStep(ReplayRecord record, String refusal, boolean redelivery, JobRow job, CommandRow command) {
    /** The job's status after the record, or null if there is no job. */
    public String status() {
        return job == null ? null : job.status();
    }
}
