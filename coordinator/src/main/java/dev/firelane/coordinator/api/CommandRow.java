package dev.firelane.coordinator.api;

import java.time.Instant;

/** A {@code job_commands} row: an applied or rejected operator command. */
public record CommandRow(String commandId, String jobId, String kind, String requestedBy, Instant requestedAt,
                         String reason, Instant appliedAt, String result, String resultReason) {
    public static final String APPLIED = "applied";
    public static final String REJECTED = "rejected";

    public boolean isApplied() {
        return APPLIED.equals(result);
    }
}
