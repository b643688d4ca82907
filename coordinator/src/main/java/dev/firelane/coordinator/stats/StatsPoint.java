package dev.firelane.coordinator.stats;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One sampling interval, ending at {@code at}. Counts are of the interval; lags and runs in flight are what they
 * were at its end.
 *
 * @param seconds        the interval's length
 * @param fires          fires the coordinator emitted in the interval
 * @param outcomes       run completions the status stream applied in the interval, by outcome (every outcome listed)
 * @param latenessP50Ms  the median start lateness ({@code firedAt - scheduledAt}) of the interval's fires, null if none
 * @param latenessP99Ms  the 99th percentile of the same
 * @param statusLag      records on the status stream's inputs not applied yet; null if not known
 * @param workerLag      fires on the broker not read yet, by worker; null where workers run in other processes
 * @param waitingFires   fires applied by the status stream and not started by any worker yet
 * @param inFlight       runs in flight by worker (workers by id, as {@code workerLag})
 * @param inFlightSource where {@code inFlight} comes from: {@value #FROM_WORKERS} or {@value #FROM_STATUS_STREAM}
 */
public record StatsPoint(Instant at, double seconds, long fires, Map<String, Long> outcomes, Double latenessP50Ms,
                         Double latenessP99Ms, Long statusLag, Map<String, Long> workerLag, long waitingFires,
                         Map<String, Long> inFlight, String inFlightSource) {
    /** The workers' own gauges, in this process. */
    public static final String FROM_WORKERS = "workers";
    /** Runs started minus runs completed, by worker id, as the status stream applied them. */
    public static final String FROM_STATUS_STREAM = "statusStream";

    public StatsPoint {
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        workerLag = workerLag == null ? null : byWorker(workerLag);
        inFlight = byWorker(inFlight);
    }

    private static Map<String, Long> byWorker(Map<String, Long> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    public double firesPerSecond() {
        return seconds > 0 ? fires / seconds : 0;
    }
}
