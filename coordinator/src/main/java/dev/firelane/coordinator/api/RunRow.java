package dev.firelane.coordinator.api;

import java.time.Instant;

/** A {@code job_runs} row: one fire and what became of it. */
public record RunRow(String fireId, String jobId, int attempt, Instant scheduledAt, Instant firedAt, Instant startedAt,
                     Instant finishedAt, String workerId, String outcome, String error, Integer deliveryStatus) {

    /**
     * The outcome to show: the recorded one once finished, else {@code running} once started, else
     * {@code pending} (fired, not yet picked up).
     */
    public String displayOutcome() {
        if (outcome != null) {
            return outcome;
        }
        return startedAt != null && finishedAt == null ? "running" : "pending";
    }
}
