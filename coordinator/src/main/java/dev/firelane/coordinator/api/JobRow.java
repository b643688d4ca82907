package dev.firelane.coordinator.api;

import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.MisfirePolicy;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.ScheduleKind;
import java.time.Duration;
import java.time.Instant;

/** A {@code jobs} row as read by the API; {@code payload} is the stored JSON text. */
public record JobRow(String id, String scheduleKind, String schedule, String timeZone, String handler, String payload,
                     int maxErrors, String overlapPolicy, String misfirePolicy, Instant notBefore, Instant notAfter,
                     int maxAttempts, Long timeoutMs, int misfireLimit, String status, long generation,
                     Instant nextFireAt, String lastFireId, Instant lastRunAt, String lastRunStatus, long runCount,
                     int consecutiveErrors, Integer lastDeliveryStatus, String lastError, Instant createdAt,
                     Instant updatedAt) {

    public boolean isDeleted() {
        return "deleted".equals(status);
    }

    /** The definition as schedule math needs it; the payload is left out (empty). */
    public JobSpec scheduleSpec() {
        return new JobSpec(id, ScheduleKind.fromWire(scheduleKind), schedule, timeZone, handler, null, maxErrors,
                OverlapPolicy.fromWire(overlapPolicy), MisfirePolicy.fromWire(misfirePolicy), notBefore, notAfter,
                maxAttempts, timeoutMs == null ? null : Duration.ofMillis(timeoutMs), misfireLimit);
    }
}
