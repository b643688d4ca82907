package dev.firelane.coordinator.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.firelane.coordinator.fire.FireMetrics;
import dev.firelane.coordinator.metrics.MeterNames;
import dev.firelane.coordinator.metrics.MeterRegistries;
import dev.firelane.coordinator.status.RunActivity;
import dev.firelane.coordinator.status.StatusMetrics;
import dev.firelane.coordinator.testing.SettableClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The sampler driven by hand: a settable clock, meters changed by the test, {@code tick()} called directly. */
class StatsSamplerTest {
    private final SettableClock clock = SettableClock.at("2026-03-01T10:00:00Z");
    private final PrometheusMeterRegistry registry = MeterRegistries.prometheus();
    private final AtomicReference<RunActivity.Snapshot> activity =
            new AtomicReference<>(new RunActivity.Snapshot(0, Map.of()));
    private final StatsSampler sampler;

    StatsSamplerTest() {
        FireMetrics.of(registry); // the real lateness timer, with its buckets
        StatusMetrics.of(registry); // the real completion counters
        sampler = StatsSampler.builder(registry, activity::get).clock(clock).interval(Duration.ofSeconds(5))
                .window(Duration.ofMinutes(1)).build();
    }

    @Test
    void the_first_tick_is_the_baseline_and_the_next_gives_the_fires_of_the_interval_per_second() {
        fires(7);
        sampler.tick();
        assertThat(sampler.points(null)).isEmpty();

        fires(10);
        clock.advance(Duration.ofSeconds(5));
        sampler.tick();

        StatsPoint point = only(sampler.points(null));
        assertThat(point.at()).isEqualTo(clock.instant());
        assertThat(point.seconds()).isEqualTo(5.0);
        assertThat(point.fires()).isEqualTo(10);
        assertThat(point.firesPerSecond()).isEqualTo(2.0);
    }

    @Test
    void outcomes_are_the_completions_of_the_interval_with_every_outcome_listed() {
        completed("ok", 3);
        sampler.tick();
        completed("ok", 5);
        completed("timeout", 2);
        clock.advance(Duration.ofSeconds(5));
        sampler.tick();

        assertThat(only(sampler.points(null)).outcomes()).containsExactly(Map.entry("ok", 5L), Map.entry("error", 0L),
                Map.entry("timeout", 2L), Map.entry("cancelled", 0L), Map.entry("abandoned", 0L),
                Map.entry("skipped", 0L));
    }

    @Test
    void lateness_percentiles_are_of_the_interval_s_fires_only_and_absent_without_fires() {
        sampler.tick();
        late(Duration.ofMillis(3), 100);
        clock.advance(Duration.ofSeconds(5));
        sampler.tick();
        late(Duration.ofMillis(400), 99);
        late(Duration.ofSeconds(20), 1);
        clock.advance(Duration.ofSeconds(5));
        sampler.tick();
        clock.advance(Duration.ofSeconds(5));
        sampler.tick();

        List<StatsPoint> points = sampler.points(null);
        assertThat(points).hasSize(3);
        assertThat(points.get(0).latenessP50Ms()).isBetween(1.0, 5.0);
        assertThat(points.get(0).latenessP99Ms()).isBetween(1.0, 5.0);
        assertThat(points.get(1).latenessP50Ms()).as("not pulled down by the earlier interval").isBetween(250.0, 500.0);
        assertThat(points.get(1).latenessP99Ms()).isBetween(250.0, 500.0);
        assertThat(points.get(2).latenessP50Ms()).isNull();
        assertThat(points.get(2).latenessP99Ms()).isNull();
    }

    @Test
    void without_in_process_workers_runs_in_flight_come_from_the_status_stream_and_worker_lag_is_unknown() {
        AtomicLong statusLag = new AtomicLong(42);
        Gauge.builder(MeterNames.STATUS_LAG, statusLag, AtomicLong::get).register(registry);
        activity.set(new RunActivity.Snapshot(4, Map.of("w-a", 2L, "w-b", 1L)));
        sampler.tick();
        clock.advance(Duration.ofSeconds(5));
        sampler.tick();

        StatsPoint point = only(sampler.points(null));
        assertThat(point.statusLag()).isEqualTo(42L);
        assertThat(point.workerLag()).isNull();
        assertThat(point.waitingFires()).isEqualTo(4);
        assertThat(point.inFlight()).containsExactly(Map.entry("w-a", 2L), Map.entry("w-b", 1L));
        assertThat(point.inFlightSource()).isEqualTo(StatsPoint.FROM_STATUS_STREAM);
    }

    @Test
    void with_workers_in_this_process_their_own_gauges_give_lag_and_runs_in_flight() {
        workerGauges("dev-worker-1", 7, 3);
        workerGauges("dev-worker-2", 0, 1);
        activity.set(new RunActivity.Snapshot(0, Map.of("dev-worker-1", 99L)));
        sampler.tick();
        clock.advance(Duration.ofSeconds(5));
        sampler.tick();

        StatsPoint point = only(sampler.points(null));
        assertThat(point.statusLag()).as("no status stream in this registry").isNull();
        assertThat(point.workerLag()).containsExactly(Map.entry("dev-worker-1", 7L), Map.entry("dev-worker-2", 0L));
        assertThat(point.inFlight()).containsExactly(Map.entry("dev-worker-1", 3L), Map.entry("dev-worker-2", 1L));
        assertThat(point.inFlightSource()).isEqualTo(StatsPoint.FROM_WORKERS);
    }

    @Test
    void the_ring_keeps_one_window_of_points_oldest_first() {
        sampler.tick();
        for (int i = 0; i < 20; i++) {
            fires(i);
            clock.advance(Duration.ofSeconds(5));
            sampler.tick();
        }
        List<StatsPoint> points = sampler.points(null);
        assertThat(points).hasSize(12);
        assertThat(points.get(0).fires()).isEqualTo(8);
        assertThat(points.get(11).at()).isEqualTo(clock.instant());
        assertThat(points.get(0).at()).isEqualTo(clock.instant().minus(Duration.ofSeconds(55)));
    }

    @Test
    void points_after_an_instant_are_only_the_later_ones() {
        sampler.tick();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(5));
            sampler.tick();
        }
        Instant second = sampler.points(null).get(1).at();
        assertThat(sampler.points(second)).extracting(StatsPoint::at).containsExactly(clock.instant());
    }

    @Test
    void a_failed_reading_is_skipped_and_the_next_tick_measures_from_the_last_good_one() {
        AtomicInteger calls = new AtomicInteger();
        StatsReader good = new MeterStatsReader(registry, activity::get);
        StatsSampler flaky = StatsSampler.builder(() -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("meter gone");
            }
            return good.read();
        }).clock(clock).build();
        flaky.tickSafely();
        fires(3);
        clock.advance(Duration.ofSeconds(5));
        flaky.tickSafely();
        clock.advance(Duration.ofSeconds(5));
        flaky.tickSafely();

        StatsPoint point = only(flaky.points(null));
        assertThat(point.fires()).isEqualTo(3);
        assertThat(point.seconds()).isCloseTo(10.0, within(0.001));
    }

    @Test
    void settings_are_checked_when_built() {
        assertThatThrownBy(() -> StatsSampler.builder(registry, activity::get).interval(Duration.ofMillis(10)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
        assertThatThrownBy(() -> StatsSampler.builder(registry, activity::get).window(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }

    private void fires(int n) {
        registry.counter(MeterNames.FIRES_EMITTED).increment(n);
    }

    private void completed(String outcome, int n) {
        registry.counter(MeterNames.STATUS_RUNS_COMPLETED, "outcome", outcome).increment(n);
    }

    private void late(Duration lateness, int n) {
        for (int i = 0; i < n; i++) {
            registry.timer(MeterNames.FIRE_LATENESS).record(lateness.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void workerGauges(String worker, long lag, long inFlight) {
        Gauge.builder(MeterNames.WORKER_CONSUMER_LAG, () -> lag).tag("worker", worker).register(registry);
        Gauge.builder(MeterNames.WORKER_RUNS_IN_FLIGHT, () -> inFlight).tag("worker", worker).register(registry);
    }

    private static StatsPoint only(List<StatsPoint> points) {
        assertThat(points).hasSize(1);
        return points.get(0);
    }
}
