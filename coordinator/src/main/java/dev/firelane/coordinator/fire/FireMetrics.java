package dev.firelane.coordinator.fire;

import dev.firelane.coordinator.metrics.MeterNames;
import dev.firelane.protocol.Fire;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The fire topology's meters, registered once per config and shared by every stream task: recording a
 * fire allocates nothing.
 */
public final class FireMetrics {
    /**
     * Histogram buckets of the lateness: a healthy coordinator stays well inside the first few (a due fire
     * leaves within about one punctuation interval, 10 ms by default).
     */
    private static final Duration[] LATENESS_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(5)};

    private final MeterRegistry registry;
    private final Counter emitted;
    private final Timer lateness;
    private final Counter late;
    private final Counter overlapSkipped;

    private FireMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.emitted = Counter.builder(MeterNames.FIRES_EMITTED)
                .description("fires emitted to the fires topic (scheduled, catch-up, triggered, retries)")
                .register(registry);
        this.lateness = Timer.builder(MeterNames.FIRE_LATENESS)
                .description("firedAt - scheduledAt of each emitted fire")
                .serviceLevelObjectives(LATENESS_BUCKETS)
                .register(registry);
        this.late = Counter.builder(MeterNames.FIRES_LATE)
                .description("scheduled fires emitted more than the misfire threshold late while the coordinator was up "
                        + "(busy, not down: fired late, never dropped)")
                .register(registry);
        this.overlapSkipped = Counter.builder(MeterNames.FIRES_OVERLAP_SKIPPED)
                .description("times (scheduled, catch-up or triggered) dropped by overlap=skip: a run of the job was in flight "
                        + "as the coordinator knew it")
                .register(registry);
    }

    public static FireMetrics of(MeterRegistry registry) {
        return new FireMetrics(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /** A schedule time fired late because the coordinator was busy, where downtime would have made it a misfire. */
    void firedLate() {
        late.increment();
    }

    /** A time dropped by {@code overlap=skip}. */
    void overlapSkipped() {
        overlapSkipped.increment();
    }

    void fired(Fire fire) {
        emitted.increment();
        long lateMillis = fire.firedAt().toEpochMilli() - fire.scheduledAt().toEpochMilli();
        lateness.record(Math.max(0L, lateMillis), TimeUnit.MILLISECONDS);
    }
}
