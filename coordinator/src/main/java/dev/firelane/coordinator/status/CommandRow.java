package dev.firelane.coordinator.status;

import java.time.Instant;

/**
 * One row of {@code job_commands}: a command and the result of applying it, and where the status stream applied it
 * among its partition number's run history ({@code firesOffset}, {@code runsOffset}: the first offsets of
 * {@code fires} and {@code runs} not read then; null when not known).
 */
public record CommandRow(
        String commandId,
        String jobId,
        String kind,
        String requestedBy,
        Instant requestedAt,
        String reason,
        Instant appliedAt,
        String result,
        String resultReason,
        Long firesOffset,
        Long runsOffset) {

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

    /** A row without a place (a command applied by replay, or in a test). */
    public CommandRow(String commandId, String jobId, String kind, String requestedBy, Instant requestedAt,
                      String reason, Instant appliedAt, String result, String resultReason) {
        this(commandId, jobId, kind, requestedBy, requestedAt, reason, appliedAt, result, resultReason, null, null);
    }

    public boolean isApplied() {
        return APPLIED.equals(result);
    }
}
