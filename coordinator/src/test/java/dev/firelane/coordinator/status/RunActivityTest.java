package dev.firelane.coordinator.status;

import static dev.firelane.coordinator.status.Events.completed;
import static dev.firelane.coordinator.status.Events.fire;
import static dev.firelane.coordinator.status.Events.started;
import static dev.firelane.coordinator.status.Events.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunActivityTest {
    private final RunActivity activity = new RunActivity(100);

    @Test
    void a_fire_waits_until_a_worker_starts_it_and_is_in_flight_until_it_completes() {
        activity.applied(fire("a", t(0)));
        activity.applied(fire("b", t(0)));
        assertThat(activity.snapshot()).isEqualTo(new RunActivity.Snapshot(2, Map.of()));

        activity.applied(started("a", t(0)));
        activity.applied(new RunEvent.Started(Events.fireId("b", t(0)), "b", "worker-2", 1, t(0), t(1)));
        assertThat(activity.snapshot()).isEqualTo(new RunActivity.Snapshot(0, Map.of("worker-1", 1L, "worker-2", 1L)));

        activity.applied(completed("a", t(0), RunOutcome.OK));
        assertThat(activity.snapshot()).isEqualTo(new RunActivity.Snapshot(0, Map.of("worker-2", 1L)));
    }

    @Test
    void a_completion_of_a_fire_never_seen_started_changes_nothing_and_a_late_heartbeat_does_not_revive_it() {
        activity.applied(completed("x", t(0), RunOutcome.ABANDONED));
        activity.applied(new RunEvent.Heartbeat(Events.fireId("x", t(0)), "x", "worker-1", t(1)));
        assertThat(activity.snapshot()).isEqualTo(new RunActivity.Snapshot(0, Map.of()));
    }

    @Test
    void a_heartbeat_places_a_waiting_fire_on_its_worker() {
        activity.applied(fire("a", t(0)));
        activity.applied(new RunEvent.Heartbeat(Events.fireId("a", t(0)), "a", "worker-3", t(1)));
        assertThat(activity.snapshot()).isEqualTo(new RunActivity.Snapshot(0, Map.of("worker-3", 1L)));
    }

    @Test
    void it_forgets_the_oldest_fires_beyond_its_bound() {
        RunActivity small = new RunActivity(3);
        for (int i = 0; i < 10; i++) {
            small.applied(fire("j" + i, t(i)));
        }
        assertThat(small.snapshot().waiting()).isEqualTo(3);
    }

    @Test
    void commands_are_ignored() {
        activity.applied(new Events().pause("a", t(0)));
        assertThat(activity.snapshot()).isEqualTo(new RunActivity.Snapshot(0, Map.of()));
    }
}
