package dev.firelane.coordinator.api;

import java.time.Instant;

/** A {@code jobs} row as read by the API; {@code payload} is the stored JSON text. */
public record JobRow(String id, String scheduleKind, String schedule, String timeZone, String handler, String payload,
                     int maxErrors, String overlapPolicy, String misfirePolicy, String status, long generation,
                     Instant nextFireAt, String lastFireId, Instant lastRunAt, String lastRunStatus, long runCount,
                     int consecutiveErrors, Integer lastDeliveryStatus, String lastError, Instant createdAt,
                     Instant updatedAt) {

    public boolean isDeleted() {
        return "deleted".equals(status);
    }
}
