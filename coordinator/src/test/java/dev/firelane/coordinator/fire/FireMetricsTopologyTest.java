package dev.firelane.coordinator.fire;

import static dev.firelane.coordinator.fire.JobStateBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.metrics.MeterNames;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.RunOutcome;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fire topology's meters: every emitted fire counted once, with its lateness; the times overlap skipped. */
class FireMetricsTopologyTest extends TopologyTestBase {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void each_emitted_fire_is_counted_with_its_lateness() {
        FireTopologyHarness h = start(b -> b.meterRegistry(meters));
        h.put(aJob("j1").every("5s").createdAt(T0).build());

        h.advance(Duration.ofSeconds(10));

        List<Fire> fires = h.fires();
        assertThat(fires).hasSize(2);
        assertThat(meters.get(MeterNames.FIRES_EMITTED).counter().count()).isEqualTo(2);
        Timer lateness = meters.get(MeterNames.FIRE_LATENESS).timer();
        assertThat(lateness.count()).isEqualTo(2);
        long expectedMillis = fires.stream()
                .mapToLong(f -> f.firedAt().toEpochMilli() - f.scheduledAt().toEpochMilli()).sum();
        assertThat(lateness.totalTime(TimeUnit.MILLISECONDS)).isEqualTo((double) expectedMillis);
    }

    @Test
    void a_time_dropped_by_overlap_skip_is_counted_and_a_fired_one_is_not() {
        FireTopologyHarness h = start(b -> b.meterRegistry(meters));
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.SKIP).createdAt(T0).build());
        h.advance(Duration.ofSeconds(5));
        Fire first = h.fires().get(0);

        h.advance(Duration.ofSeconds(11)); // t(10) and t(15) are due while t(5) runs
        assertThat(meters.get(MeterNames.FIRES_OVERLAP_SKIPPED).counter().count()).isEqualTo(2);

        h.completed(first, RunOutcome.OK);
        h.advance(Duration.ofSeconds(4)); // t(20) fires
        assertThat(h.fires()).hasSize(1);
        assertThat(meters.get(MeterNames.FIRES_OVERLAP_SKIPPED).counter().count()).isEqualTo(2);
    }

    @Test
    void a_fire_late_after_downtime_lands_in_the_late_buckets() {
        FireTopologyHarness h = start(b -> b.meterRegistry(meters));
        h.put(aJob("late").at(t(3)).createdAt(T0).build());

        h.jumpTo(t(4)); // seen due a second after its time: within the misfire threshold, fired late

        assertThat(h.fires()).hasSize(1);
        Timer lateness = meters.get(MeterNames.FIRE_LATENESS).timer();
        assertThat(lateness.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(1000);
    }
}
