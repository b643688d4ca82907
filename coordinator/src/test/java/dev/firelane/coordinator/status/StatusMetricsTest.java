package dev.firelane.coordinator.status;

import static dev.firelane.coordinator.status.Events.fire;
import static dev.firelane.coordinator.status.Events.started;
import static dev.firelane.coordinator.status.Events.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.metrics.MeterNames;
import dev.firelane.coordinator.metrics.MeterRegistries;
import dev.firelane.protocol.RunOutcome;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the dashboard's outcome and in-flight charts read from the status stream's committed events. */
class StatusMetricsTest {
    private final PrometheusMeterRegistry registry = MeterRegistries.prometheus();
    private final StatusMetrics metrics = StatusMetrics.of(registry);

    @Test
    void finished_runs_are_counted_by_outcome_with_every_outcome_registered() {
        metrics.runsFinished(Map.of(RunOutcome.OK, 2, RunOutcome.TIMEOUT, 1));
        metrics.runsFinished(Map.of());

        assertThat(completedCount("ok")).isEqualTo(2.0);
        assertThat(completedCount("timeout")).isEqualTo(1.0);
        for (RunOutcome outcome : RunOutcome.values()) {
            assertThat(registry.find(MeterNames.STATUS_RUNS_COMPLETED).tag("outcome", outcome.wire()).counter())
                    .as(outcome.wire()).isNotNull();
        }
        assertThat(registry.scrape()).contains("firelane_status_runs_completed_total{outcome=\"ok\"} 2.0");
    }

    @Test
    void committed_run_events_feed_the_runs_in_flight() {
        metrics.applied(fire("a", t(0)));
        metrics.applied(started("a", t(0)));
        metrics.applied(fire("b", t(0)));

        assertThat(metrics.runActivity().snapshot())
                .isEqualTo(new RunActivity.Snapshot(1, Map.of(Events.WORKER, 1L)));
    }

    private double completedCount(String outcome) {
        return registry.find(MeterNames.STATUS_RUNS_COMPLETED).tag("outcome", outcome).counter().count();
    }
}
