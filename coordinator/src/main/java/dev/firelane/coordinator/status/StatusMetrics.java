package dev.firelane.coordinator.status;

import dev.firelane.coordinator.metrics.MeterNames;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The status stream's meters, registered once: a counter per event type (every permitted record of the
 * three topic families, found from the sealed interfaces), the apply timer, and the pauses preserved.
 * Recording allocates nothing.
 */
public final class StatusMetrics {
    private final MeterRegistry registry;
    private final Map<Class<?>, Counter> appliedByType = new HashMap<>();
    private final Counter appliedOther;
    private final Timer applyLatency;
    private final Counter pausesPreserved;

    private StatusMetrics(MeterRegistry registry) {
        this.registry = registry;
        register(Fire.class);
        for (Class<?> type : ControlCommand.class.getPermittedSubclasses()) {
            register(type);
        }
        for (Class<?> type : RunEvent.class.getPermittedSubclasses()) {
            register(type);
        }
        this.appliedOther = applied("other");
        this.applyLatency = Timer.builder(MeterNames.STATUS_APPLY_LATENCY)
                .description("time of one apply: the database transaction of a record's events, with its commit")
                .publishPercentileHistogram()
                .register(registry);
        this.pausesPreserved = Counter.builder(MeterNames.STATUS_PAUSES_PRESERVED)
                .description("completions applied to a paused job: the pause survived a run in flight")
                .register(registry);
    }

    public static StatusMetrics of(MeterRegistry registry) {
        return new StatusMetrics(registry);
    }

    /** Counts one committed event by its type. */
    void applied(Object event) {
        appliedByType.getOrDefault(event.getClass(), appliedOther).increment();
    }

    void applyTook(long nanos) {
        applyLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void pausesPreserved(int count) {
        if (count > 0) {
            pausesPreserved.increment(count);
        }
    }

    /** The registry's monotonic clock, in nanoseconds. */
    long monotonicNanos() {
        return registry.config().clock().monotonicTime();
    }

    private void register(Class<?> type) {
        appliedByType.put(type, applied(type.getSimpleName()));
    }

    private Counter applied(String type) {
        return Counter.builder(MeterNames.STATUS_EVENTS_APPLIED)
                .description("events the status stream applied and committed, by type")
                .tag("type", type)
                .register(registry);
    }
}
