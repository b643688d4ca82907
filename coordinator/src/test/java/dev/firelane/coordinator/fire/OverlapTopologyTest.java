package dev.firelane.coordinator.fire;

import static dev.firelane.coordinator.fire.JobStateBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.RunOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Overlap policies: scheduled times and triggers while a run is in flight, and when in-flight ends. */
class OverlapTopologyTest extends TopologyTestBase {

    @Test
    void default_skip_drops_times_due_while_a_run_is_in_flight_and_never_fires_them_later() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").overlap(null).createdAt(T0).build());
        h.advance(Duration.ofSeconds(5));
        Fire first = h.fires().get(0);

        h.advance(Duration.ofSeconds(7)); // t(10) is due while t(5) runs
        assertThat(h.fires()).isEmpty();
        assertThat(h.entry("j1").lastScheduledAt()).isEqualTo(t(10));

        h.completed(first, RunOutcome.OK);
        h.advance(Duration.ofSeconds(8)); // to t(20)
        assertThat(scheduledTimes(h.fires())).containsExactly(t(15));
    }

    @Test
    void a_re_created_job_is_not_blocked_by_a_run_of_the_deleted_incarnation() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.SKIP).createdAt(T0).build());
        h.advance(Duration.ofSeconds(5));
        Fire ofTheDeleted = h.fires().get(0); // still running when its job is deleted

        h.delete("j1");
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.SKIP).createdAt(t(6)).incarnation(2).build());
        h.advance(Duration.ofSeconds(6)); // to t(11)

        assertThat(h.fires()).extracting(Fire::fireId).containsExactly(FireIds.of("j1", 2, t(11), 1));
        assertThat(h.inFlightKeys()).containsExactlyInAnyOrder(ofTheDeleted.fireId(), FireIds.of("j1", 2, t(11), 1));
    }

    @Test
    void a_queued_fire_of_a_re_created_job_waits_for_its_own_runs_only() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.QUEUE).createdAt(T0).build());
        h.advance(Duration.ofSeconds(5));
        Fire ofTheDeleted = h.fires().get(0);
        h.delete("j1");
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.QUEUE).createdAt(t(6)).incarnation(2).build());
        h.advance(Duration.ofSeconds(5)); // to t(10): nothing of incarnation 2 due yet
        h.advance(Duration.ofSeconds(1)); // t(11) fires
        Fire own = h.fires().get(0);
        h.advance(Duration.ofSeconds(5)); // t(16) waits for t(11)

        h.completed(own, RunOutcome.OK); // the deleted incarnation's run is still in flight

        assertThat(h.fires()).extracting(Fire::fireId).containsExactly(FireIds.of("j1", 2, t(16), 1));
        assertThat(h.inFlightKeys()).contains(ofTheDeleted.fireId());
    }

    @Test
    void allow_fires_every_time_while_runs_are_in_flight() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.ALLOW).createdAt(T0).build());

        h.advance(Duration.ofSeconds(15));

        assertThat(scheduledTimes(h.fires())).containsExactly(t(5), t(10), t(15));
        assertThat(h.inFlightKeys()).as("every fire is followed until it has an outcome, allow or not")
                .containsExactlyInAnyOrder(FireIds.of("j1", t(5), 1), FireIds.of("j1", t(10), 1), FireIds.of("j1", t(15), 1));
    }

    @Test
    void allow_with_retries_tracks_its_runs_in_flight() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.ALLOW).maxAttempts(2).createdAt(T0).build());

        h.advance(Duration.ofSeconds(10));

        assertThat(scheduledTimes(h.fires())).containsExactly(t(5), t(10));
        assertThat(h.inFlightKeys()).containsExactlyInAnyOrder(FireIds.of("j1", t(5), 1), FireIds.of("j1", t(10), 1));
    }

    @Test
    void queue_fires_the_waiting_time_when_the_run_completes_and_holds_at_most_one() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.QUEUE).createdAt(T0).build());
        h.advance(Duration.ofSeconds(5));
        Fire first = h.fires().get(0);

        h.advance(Duration.ofSeconds(11)); // to t(16): t(10) queues, t(15) is skipped (one already waits)
        assertThat(h.fires()).isEmpty();
        assertThat(h.entry("j1").queuedAt()).isEqualTo(t(10));

        h.completed(first, RunOutcome.ERROR);
        List<Fire> released = h.fires();
        assertThat(released).singleElement().satisfies(fire -> {
            assertThat(fire.fireId()).isEqualTo(FireIds.of("j1", t(10), 1));
            assertThat(fire.scheduledAt()).isEqualTo(t(10));
            assertThat(fire.firedAt()).isEqualTo(t(16));
        });
        assertThat(h.entry("j1").queuedAt()).isNull();

        h.advance(Duration.ofSeconds(5)); // to t(21): t(20) queues behind the released run
        assertThat(h.fires()).isEmpty();
        h.completed(released.get(0), RunOutcome.OK);
        assertThat(h.fires()).singleElement().satisfies(fire -> {
            assertThat(fire.scheduledAt()).isEqualTo(t(20));
            assertThat(fire.firedAt()).isEqualTo(t(21));
        });
    }

    @Test
    void a_lost_completion_stops_blocking_at_the_deadline_plus_grace() {
        FireTopologyHarness h = start(b -> b.inFlightGrace(Duration.ofSeconds(3)));
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.SKIP).timeout(Duration.ofSeconds(10)).createdAt(T0).build());
        h.advance(Duration.ofSeconds(5)); // fires t(5), deadline t(15), in flight until t(18)
        assertThat(h.fires()).singleElement().extracting(Fire::deadline).isEqualTo(t(15));

        h.advance(Duration.ofSeconds(12)); // to t(17)
        assertThat(h.fires()).isEmpty();
        h.advance(Duration.ofSeconds(4)); // to t(21)
        assertThat(scheduledTimes(h.fires())).containsExactly(t(20));
        assertThat(h.inFlightKeys()).containsExactly(FireIds.of("j1", t(20), 1));
    }

    @Test
    void a_lost_completion_without_deadline_stops_blocking_after_the_ttl_and_releases_the_queue() {
        FireTopologyHarness h = start(b -> b.inFlightTtl(Duration.ofSeconds(20)));
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.QUEUE).createdAt(T0).build());
        h.advance(Duration.ofSeconds(5)); // fires t(5), in flight until t(25)
        assertThat(h.fires()).hasSize(1);

        h.advance(Duration.ofSeconds(19)); // to t(24): t(10) queued, 15 and 20 skipped
        assertThat(h.fires()).isEmpty();
        h.advance(Duration.ofSeconds(1)); // t(25): t(5) expires, the queued t(10) fires, t(25) queues behind it

        assertThat(h.fires()).singleElement().satisfies(fire -> {
            assertThat(fire.scheduledAt()).isEqualTo(t(10));
            assertThat(fire.firedAt()).isEqualTo(t(25));
        });
        assertThat(h.entry("j1").queuedAt()).isEqualTo(t(25));
    }

    @Test
    void a_started_run_counts_in_flight_while_its_heartbeats_come_even_past_the_ttl() {
        FireTopologyHarness h = start(b -> b.inFlightTtl(Duration.ofSeconds(20)).heartbeatTimeout(Duration.ofSeconds(6)));
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.SKIP).createdAt(T0).build());
        h.advance(Duration.ofSeconds(5));
        Fire first = h.fires().get(0);
        h.advance(Duration.ofSeconds(2));
        h.started(first); // at t(7)
        for (int beat = 0; beat < 8; beat++) { // to t(39), a heartbeat every 4 s
            h.advance(Duration.ofSeconds(4));
            h.heartbeat(first);
        }
        assertThat(h.fires()).as("every time up to t(39) skipped: the run is alive past its TTL").isEmpty();

        h.advance(Duration.ofSeconds(7)); // silent since t(39): abandoned at t(45), before t(45) is looked at
        assertThat(h.runEvents()).singleElement().satisfies(c -> assertThat(c.outcome()).isEqualTo(RunOutcome.ABANDONED));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(45));
    }

    @Test
    void trigger_under_skip_is_ignored_while_a_run_is_in_flight_and_fires_when_none_is() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("1h").overlap(OverlapPolicy.SKIP).createdAt(T0).build());
        h.advance(Duration.ofSeconds(1));
        h.triggered("j1", "cmd-1", t(1));
        Fire triggered = h.fires().get(0);

        h.triggered("j1", "cmd-2", t(1.5));
        assertThat(h.fires()).as("ignored: the first trigger's run is in flight").isEmpty();

        h.completed(triggered, RunOutcome.OK);
        h.triggered("j1", "cmd-3", t(2));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(2));
    }

    @Test
    void trigger_under_queue_waits_for_the_run_in_flight() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.QUEUE).createdAt(T0).build());
        h.advance(Duration.ofSeconds(5));
        Fire scheduled = h.fires().get(0);

        h.triggered("j1", "cmd-1", t(5.5));
        h.triggered("j1", "cmd-2", t(5.7));
        assertThat(h.fires()).isEmpty();
        assertThat(h.entry("j1").queuedAt()).isEqualTo(t(5.5));

        h.advance(Duration.ofSeconds(1));
        h.completed(scheduled, RunOutcome.OK);
        assertThat(h.fires()).singleElement().satisfies(fire -> {
            assertThat(fire.scheduledAt()).isEqualTo(t(5.5));
            assertThat(fire.firedAt()).isEqualTo(t(6));
        });
    }

    @Test
    void trigger_under_allow_fires_while_a_run_is_in_flight() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.ALLOW).createdAt(T0).build());
        h.advance(Duration.ofSeconds(5));

        h.triggered("j1", "cmd-1", t(5.1));

        assertThat(scheduledTimes(h.fires())).containsExactly(t(5), t(5.1));
    }

    @Test
    void pause_drops_the_queued_fire() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.QUEUE).createdAt(T0).build());
        h.advance(Duration.ofSeconds(11));
        Fire first = h.fires().get(0);
        assertThat(h.entry("j1").queuedAt()).isEqualTo(t(10));

        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.QUEUE).createdAt(T0)
                .status(dev.firelane.protocol.JobStatus.PAUSED).generation(2).build());
        h.completed(first, RunOutcome.OK);
        h.advance(Duration.ofSeconds(5));

        assertThat(h.fires()).isEmpty();
        assertThat(h.entry("j1").queuedAt()).isNull();
        assertThat(h.inFlightKeys()).isEmpty();
    }
}
