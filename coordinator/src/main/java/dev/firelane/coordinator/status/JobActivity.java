package dev.firelane.coordinator.status;

import java.time.Instant;

/**
 * The parameter of {@code recordActivity}: what the fires and completions of one job since its last status
 * change did to its row, coalesced into one statement. Counters are relative ({@code run_count + runs}); the
 * latest telemetry, the last fire id and the schedule estimate are the values the batch ends with.
 *
 * @param runs        completions counted (runs that happened)
 * @param resetErrors a success among them ended the error streak: the streak is {@code errors}, else it grows
 *                    by {@code errors}
 * @param errors      fires failed for good after the last success (or since the batch began)
 */
record JobActivity(String id, int runs, boolean resetErrors, int errors, Instant lastRunAt, String lastRunStatus,
                   String lastError, Integer lastDeliveryStatus, String lastFireId, Instant nextFireAt) {
}
