package dev.firelane.coordinator.status;

import java.time.Instant;

/**
 * What one completed run writes into its job's telemetry columns.
 *
 * @param resetErrors the run succeeded: the error streak ends
 * @param countError  the fire failed for good (its last attempt failed): the error streak grows
 */
record RunTelemetry(String jobId, Instant finishedAt, String outcome, String error, Integer deliveryStatus,
                    boolean resetErrors, boolean countError) {
    RunTelemetry {
        finishedAt = Columns.millis(finishedAt);
        error = Columns.truncate(error, Columns.ERROR);
    }
}
