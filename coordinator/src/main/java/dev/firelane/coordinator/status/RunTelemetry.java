package dev.firelane.coordinator.status;

import java.time.Instant;

/** What one completed run writes into its job's telemetry columns. */
record RunTelemetry(String jobId, Instant finishedAt, String outcome, String error, Integer deliveryStatus,
                    boolean resetErrors, boolean countError) {
    RunTelemetry {
        finishedAt = Columns.millis(finishedAt);
        error = Columns.truncate(error, Columns.ERROR);
    }
}
