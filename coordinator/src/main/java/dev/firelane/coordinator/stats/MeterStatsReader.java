package dev.firelane.coordinator.stats;

import dev.firelane.coordinator.metrics.MeterNames;
import dev.firelane.coordinator.status.RunActivity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads the figures from the process's meters: the fire topology's emitted counter and lateness timer, the
 * status stream's completions by outcome and lag, and — when workers share the registry, as in dev mode — the
 * workers' lag and runs-in-flight gauges. The runs in flight come from the status stream otherwise.
 */
final class MeterStatsReader implements StatsReader {
    private final MeterRegistry registry;
    private final Supplier<RunActivity.Snapshot> activity;

    MeterStatsReader(MeterRegistry registry, Supplier<RunActivity.Snapshot> activity) {
        this.registry = registry;
        this.activity = activity;
    }

    @Override
    public StatsReading read() {
        Counter emitted = registry.find(MeterNames.FIRES_EMITTED).counter();
        Gauge statusLag = registry.find(MeterNames.STATUS_LAG).gauge();
        return new StatsReading(emitted == null ? 0 : emitted.count(), completed(),
                lateness(registry.find(MeterNames.FIRE_LATENESS).timer()),
                statusLag == null ? null : Math.round(statusLag.value()),
                byWorker(registry.find(MeterNames.WORKER_CONSUMER_LAG).gauges()),
                byWorker(registry.find(MeterNames.WORKER_RUNS_IN_FLIGHT).gauges()), activity.get());
    }

    private Map<String, Double> completed() {
        Map<String, Double> out = new TreeMap<>();
        for (Counter counter : registry.find(MeterNames.STATUS_RUNS_COMPLETED).counters()) {
            String outcome = counter.getId().getTag("outcome");
            if (outcome != null) {
                out.merge(outcome, counter.count(), Double::sum);
            }
        }
        return out;
    }

    private static LatencyHistogram lateness(Timer timer) {
        if (timer == null) {
            return LatencyHistogram.EMPTY;
        }
        HistogramSnapshot snapshot = timer.takeSnapshot();
        CountAtBucket[] buckets = snapshot.histogramCounts();
        double[] bounds = new double[buckets.length];
        double[] counts = new double[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
            bounds[i] = buckets[i].bucket(TimeUnit.MILLISECONDS);
            counts[i] = buckets[i].count();
        }
        return new LatencyHistogram(bounds, counts, snapshot.count());
    }

    /** The gauges' values by their {@code worker} tag; null when there is no such gauge in this process. */
    private static Map<String, Long> byWorker(Collection<Gauge> gauges) {
        if (gauges.isEmpty()) {
            return null;
        }
        Map<String, Long> out = new TreeMap<>();
        for (Gauge gauge : gauges) {
            String worker = gauge.getId().getTag("worker");
            double value = gauge.value();
            if (worker != null && !Double.isNaN(value)) {
                out.merge(worker, Math.round(value), Long::sum);
            }
        }
        return out;
    }
}
