package dev.firelane.coordinator.status;

import java.time.Instant;

/** One row of {@code job_commands}: a command and the result of applying it. */
public record CommandRow(
        String commandId,
        String jobId,
        String kind,
        String requestedBy,
        Instant requestedAt,
        String reason,
        Instant appliedAt,
        String result,
        String resultReason) {

    public static final String APPLIED = "applied";
    public static final String REJECTED = "rejected";

    public CommandRow {
        jobId = Columns.truncate(jobId, Columns.JOB_ID);
        requestedBy = Columns.truncate(requestedBy, Columns.REQUESTED_BY);
        requestedAt = Columns.millis(requestedAt);
        reason = Columns.truncate(reason, Columns.REASON);
        appliedAt = Columns.millis(appliedAt);
        resultReason = Columns.truncate(resultReason, Columns.REASON);
    }

    public boolean isApplied() {
        return APPLIED.equals(result);
    }
}
