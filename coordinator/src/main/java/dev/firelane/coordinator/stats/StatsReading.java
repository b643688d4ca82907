package dev.firelane.coordinator.stats;

import dev.firelane.coordinator.status.RunActivity;
import java.util.Map;

/**
 * What the meters say at one moment, cumulative where they count: a sample is the difference of two readings.
 *
 * @param completedByOutcome run completions applied so far, by outcome's wire name
 * @param statusLag          the status stream's lag gauge, null when there is none
 * @param workerLag          each in-process worker's consumer lag, null when no worker shares this registry
 * @param workerInFlight     each in-process worker's runs in flight, null when no worker shares this registry
 * @param activity           the runs waiting and in flight as the status stream applied them
 */
record StatsReading(double firesEmitted, Map<String, Double> completedByOutcome, LatencyHistogram lateness,
                    Long statusLag, Map<String, Long> workerLag, Map<String, Long> workerInFlight,
                    RunActivity.Snapshot activity) {
}
