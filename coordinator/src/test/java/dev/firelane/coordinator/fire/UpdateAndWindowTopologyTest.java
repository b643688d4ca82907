package dev.firelane.coordinator.fire;

import static dev.firelane.coordinator.fire.JobStateBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.Fire;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Updates take effect from the next computation; windows bound the fire times. */
class UpdateAndWindowTopologyTest extends TopologyTestBase {

    @Test
    void update_from_every_to_cron_takes_effect_from_the_next_computation() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").createdAt(T0).build());
        h.advance(Duration.ofSeconds(7));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(5));
        assertThat(h.dueIndexKeys()).containsExactly(DueIndex.key(t(10), "j1"));

        // at t(7): every 30 seconds of the minute, Quartz form
        h.put(aJob("j1").cron("*/30 * * * * ?", "UTC").createdAt(T0).generation(2).build());
        assertThat(h.dueIndexKeys()).containsExactly(DueIndex.key(t(30), "j1"));
        h.advance(Duration.ofSeconds(23)); // to t(30)
        List<Fire> fires = h.fires();
        assertThat(scheduledTimes(fires)).containsExactly(t(30));
        assertThat(fires.get(0).generation()).isEqualTo(2);
        assertThat(fires.get(0).handler()).isEqualTo("noop");

        h.jumpTo(t(59.8));
        assertThat(h.fires()).isEmpty();
        h.jumpTo(t(60));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(60));
    }

    @Test
    void update_of_the_handler_applies_to_the_next_fire_and_keeps_the_time() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").createdAt(T0).build());
        h.advance(Duration.ofSeconds(7));
        h.fires();

        h.put(aJob("j1").every("5s").handler("http").createdAt(T0).generation(2).build());
        h.advance(Duration.ofSeconds(3));

        assertThat(h.fires()).singleElement().satisfies(fire -> {
            assertThat(fire.scheduledAt()).isEqualTo(t(10));
            assertThat(fire.handler()).isEqualTo("http");
            assertThat(fire.generation()).isEqualTo(2);
        });
    }

    @Test
    void no_fire_before_not_before_nor_after_not_after() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").window(t(12), t(25)).createdAt(T0).build());

        h.advance(Duration.ofSeconds(40));

        assertThat(scheduledTimes(h.fires())).containsExactly(t(15), t(20), t(25));
        assertThat(h.dueIndexKeys()).as("a window that ended leaves nothing indexed").isEmpty();
    }

    @Test
    void a_job_whose_window_has_ended_is_never_indexed() {
        FireTopologyHarness h = start();
        Instant ended = T0.minusSeconds(1);
        h.put(aJob("j1").every("5s").window(T0.minusSeconds(60), ended).createdAt(T0.minusSeconds(120)).build());

        h.advance(Duration.ofSeconds(10));

        assertThat(h.fires()).isEmpty();
        assertThat(h.dueIndexKeys()).isEmpty();
    }
}
