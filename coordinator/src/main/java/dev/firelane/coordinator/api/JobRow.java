package dev.firelane.coordinator.api;

import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.MisfirePolicy;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.ScheduleKind;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@code jobs} row as read by the API; {@code payload} is the stored JSON text. The {@code lastFireRun*}
 * and {@code lastFire*At}/{@code lastFireOutcome} columns come from the {@code job_runs} row of
 * {@code lastFireId} (all null when there is none yet).
 */
public record JobRow(String id, String scheduleKind, String schedule, String timeZone, String handler, String payload,
                     int maxErrors, String overlapPolicy, String misfirePolicy, Instant notBefore, Instant notAfter,
                     int maxAttempts, Long timeoutMs, int misfireLimit, String status, long generation,
                     Instant nextFireAt, String lastFireId, Instant lastRunAt, String lastRunStatus, long runCount,
                     int consecutiveErrors, Integer lastDeliveryStatus, String lastError, Instant createdAt,
                     Instant updatedAt, String lastFireRunId, Instant lastFireStartedAt, Instant lastFireFinishedAt,
                     String lastFireOutcome, long incarnation) {

    public boolean isDeleted() {
        return "deleted".equals(status);
    }

    /**
     * What became of the latest fire: its outcome once finished, {@code running} once started, {@code pending}
     * while no worker has reported it; null when the job has not fired (or its run row is not written yet).
     */
    public String lastFireStatus() {
        if (lastFireRunId == null) {
            return null;
        }
        if (lastFireOutcome != null) {
            return lastFireOutcome;
        }
        return lastFireStartedAt != null && lastFireFinishedAt == null ? "running" : "pending";
    }

    /** The latest fire is fired and not finished: a run is (or is about to be) in flight. */
    public boolean inFlight() {
        String s = lastFireStatus();
        return "running".equals(s) || "pending".equals(s);
    }

    /** The definition as schedule math needs it; the payload is left out (empty). */
    public JobSpec scheduleSpec() {
        return new JobSpec(id, ScheduleKind.fromWire(scheduleKind), schedule, timeZone, handler, null, maxErrors,
                OverlapPolicy.fromWire(overlapPolicy), MisfirePolicy.fromWire(misfirePolicy), notBefore, notAfter,
                maxAttempts, timeoutMs == null ? null : Duration.ofMillis(timeoutMs), misfireLimit);
    }
}
