package dev.firelane.worker.internal;

import dev.firelane.protocol.RunOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The worker's Micrometer meters, all tagged {@code worker=<workerId>} so that several workers can share one
 * registry (dev mode does). Removed from the registry when the worker closes.
 */
public final class WorkerMetrics {
    public static final String RUNS_STARTED = "firelane.worker.runs.started";
    public static final String RUNS_FINISHED = "firelane.worker.runs.finished";
    public static final String RUN_DURATION = "firelane.worker.run.duration";
    public static final String RUNS_IN_FLIGHT = "firelane.worker.runs.in.flight";
    public static final String CONSUMER_LAG = "firelane.worker.consumer.lag";

    private final MeterRegistry registry;
    private final Counter started;
    private final Map<RunOutcome, Counter> finished = new EnumMap<>(RunOutcome.class);
    private final Map<RunOutcome, Timer> durations = new EnumMap<>(RunOutcome.class);
    private final AtomicLong lag = new AtomicLong();
    private final List<Meter> meters = new ArrayList<>();

    public WorkerMetrics(MeterRegistry registry, String workerId, IntSupplier inFlight) {
        this.registry = registry;
        Tags tags = Tags.of("worker", workerId);
        started = keep(Counter.builder(RUNS_STARTED).description("Fires whose handler was started")
                .tags(tags).register(registry));
        for (RunOutcome outcome : RunOutcome.values()) {
            Tags byOutcome = tags.and("outcome", outcome.wire());
            finished.put(outcome, keep(Counter.builder(RUNS_FINISHED).description("Runs reported, by outcome")
                    .tags(byOutcome).register(registry)));
            durations.put(outcome, keep(Timer.builder(RUN_DURATION).description("From a run's start to its outcome")
                    .tags(byOutcome).publishPercentileHistogram().register(registry)));
        }
        keep(Gauge.builder(RUNS_IN_FLIGHT, inFlight, s -> s.getAsInt())
                .description("Runs holding a slot of this worker").tags(tags).strongReference(true).register(registry));
        keep(Gauge.builder(CONSUMER_LAG, lag, AtomicLong::get)
                .description("Fires on the broker not yet read by this worker, summed over its partitions")
                .tags(tags).strongReference(true).register(registry));
    }

    void runStarted() {
        started.increment();
    }

    void runFinished(RunOutcome outcome, Duration duration) {
        finished.get(outcome).increment();
        if (duration != null && !duration.isNegative()) {
            durations.get(outcome).record(duration);
        }
    }

    void lag(long records) {
        lag.set(records);
    }

    /** Takes this worker's meters out of the registry (a closed worker reports nothing). */
    void remove() {
        meters.forEach(registry::remove);
    }

    private <M extends Meter> M keep(M meter) {
        meters.add(meter);
        return meter;
    }
}
