package dev.firelane.coordinator.status;

import dev.firelane.coordinator.metrics.MeterNames;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The status stream's meters, registered once: a counter per event type (every permitted record of the
 * three topic families, found from the sealed interfaces), the apply timer, and the pauses preserved.
 * Recording allocates nothing but the entry of a run in flight ({@link RunActivity}).
 */
public final class StatusMetrics {
    private final MeterRegistry registry;
    private final Map<Class<?>, Counter> appliedByType = new HashMap<>();
    private final Counter appliedOther;
    private final Timer applyLatency;
    private final Counter pausesPreserved;
    private final DistributionSummary batchEvents;
    private final Timer commandDelay;
    private final Counter retries;
    private final Counter loopErrors;
    private final Map<RunOutcome, Counter> completedByOutcome = new EnumMap<>(RunOutcome.class);
    private final RunActivity runActivity = new RunActivity();

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
        for (RunOutcome outcome : RunOutcome.values()) {
            completedByOutcome.put(outcome, Counter.builder(MeterNames.STATUS_RUNS_COMPLETED)
                    .description("runs the status stream finished (first completions applied and committed), by outcome;"
                            + " a redelivered completion is not counted again")
                    .tag("outcome", outcome.wire())
                    .register(registry));
        }
        this.applyLatency = Timer.builder(MeterNames.STATUS_APPLY_LATENCY)
                .description("time of one apply: the database transaction of a batch of events, with its commit")
                .publishPercentileHistogram()
                .register(registry);
        this.pausesPreserved = Counter.builder(MeterNames.STATUS_PAUSES_PRESERVED)
                .description("completions applied to a paused job: the pause survived a run in flight")
                .register(registry);
        this.batchEvents = DistributionSummary.builder(MeterNames.STATUS_BATCH_EVENTS)
                .description("events applied per batch (one database transaction)")
                .publishPercentileHistogram()
                .register(registry);
        this.commandDelay = Timer.builder(MeterNames.STATUS_COMMAND_DELAY)
                .description("from a command's request to its apply by the status stream (a pause's time to take effect)")
                .publishPercentileHistogram()
                .register(registry);
        this.retries = Counter.builder(MeterNames.STATUS_RETRIES)
                .description("batches not applied for a failure (database, broker, a row changed) and tried again")
                .tag("cause", "batch")
                .register(registry);
        this.loopErrors = Counter.builder(MeterNames.STATUS_RETRIES)
                .description("batches not applied for a failure (database, broker, a row changed) and tried again")
                .tag("cause", "loop")
                .register(registry);
    }

    public static StatusMetrics of(MeterRegistry registry) {
        return new StatusMetrics(registry);
    }

    /** Counts one committed event by its type and follows the runs in flight. */
    void applied(Object event) {
        appliedByType.getOrDefault(event.getClass(), appliedOther).increment();
        runActivity.applied(event);
    }

    /** Counts the runs a committed apply finished, by outcome (what the dashboard's outcome chart draws). */
    void runsFinished(Map<RunOutcome, Integer> byOutcome) {
        byOutcome.forEach((outcome, count) -> completedByOutcome.get(outcome).increment(count));
    }

    /** The runs waiting and in flight as the committed events show them. */
    RunActivity runActivity() {
        return runActivity;
    }

    void batchApplied(int events) {
        batchEvents.record(events);
    }

    void applyTook(long nanos) {
        applyLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void pausesPreserved(int count) {
        if (count > 0) {
            pausesPreserved.increment(count);
        }
    }

    /** The records on the input partitions not applied yet, read on each scrape. */
    void lag(Supplier<Number> records) {
        Gauge.builder(MeterNames.STATUS_LAG, records)
                .description("records on the status stream's input partitions not applied yet (read ahead or not read)")
                .register(registry);
    }

    void commandApplied(Duration sinceRequested) {
        commandDelay.record(sinceRequested.isNegative() ? Duration.ZERO : sinceRequested);
    }

    void deadLetter(String topic) {
        Counter.builder(MeterNames.STATUS_DEAD_LETTERS)
                .description("records the status stream sent to the dlq")
                .tag("topic", topic)
                .register(registry)
                .increment();
    }

    void retry() {
        retries.increment();
    }

    void loopError() {
        loopErrors.increment();
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
