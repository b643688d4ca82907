package dev.firelane.coordinator.fire;

import static dev.firelane.coordinator.fire.JobStateBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.MisfirePolicy;
import java.time.Duration;
import java.util.List;
import dev.firelane.coordinator.metrics.MeterNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Misfire policies after a coordinator outage (stores restored, clock jumped) and after a resume. The
 * job fires every 5 s from T0; t(5) fires, then 10, 15, 20, 25 and 30 are missed; now is t(31).
 */
class MisfireTopologyTest extends TopologyTestBase {

    private static JobStateBuilder job(MisfirePolicy policy, int limit) {
        return aJob("j1").every("5s").misfire(policy).misfireLimit(limit).createdAt(T0);
    }

    @ParameterizedTest(name = "{0} limit {1} after an outage fires [{2}]")
    @CsvSource({
        "SKIP, 100, ''",
        "ONCE, 100, '30'",
        "ALL,  100, '10 15 20 25 30'",
        "ALL,    3, '20 25 30'",
    })
    void after_an_outage_the_policy_decides_the_missed_times(MisfirePolicy policy, int limit, String catchUp) {
        FireTopologyHarness h = start();
        h.put(job(policy, limit).build());
        h.advance(Duration.ofSeconds(5));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(5));

        h.restartWithRestoredStores();
        h.jumpTo(t(31));
        List<Fire> fires = h.fires();
        assertThat(scheduledTimes(fires)).containsExactlyElementsOf(ts(catchUp));
        assertThat(firedTimes(fires)).allMatch(t(31)::equals);
        assertThat(h.entry("j1").lastScheduledAt()).isEqualTo(t(30));

        h.advance(Duration.ofSeconds(4));
        assertThat(scheduledTimes(h.fires())).as("back on schedule").containsExactly(t(35));
    }

    @ParameterizedTest(name = "{0} limit {1} after a resume fires [{2}]")
    @CsvSource({
        "SKIP, 100, ''",
        "ONCE, 100, '30'",
        "ALL,  100, '10 15 20 25 30'",
        "ALL,    2, '25 30'",
    })
    void after_a_resume_the_policy_decides_the_times_missed_while_paused(MisfirePolicy policy, int limit,
                                                                         String catchUp) {
        FireTopologyHarness h = start();
        h.put(job(policy, limit).build());
        h.advance(Duration.ofSeconds(6));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(5));
        h.put(job(policy, limit).status(JobStatus.PAUSED).generation(2).build());
        h.jumpTo(t(31));
        assertThat(h.fires()).isEmpty();

        h.put(job(policy, limit).generation(3).build());
        List<Fire> fires = h.fires();
        assertThat(scheduledTimes(fires)).containsExactlyElementsOf(ts(catchUp));
        assertThat(firedTimes(fires)).allMatch(t(31)::equals);
        assertThat(fires).extracting(Fire::generation).allMatch(g -> g == 3L);

        h.advance(Duration.ofSeconds(4));
        assertThat(scheduledTimes(h.fires())).as("no burst: back on schedule").containsExactly(t(35));
    }

    @Test
    void a_resume_before_any_time_was_missed_fires_nothing_early() {
        FireTopologyHarness h = start();
        h.put(job(MisfirePolicy.ALL, 100).build());
        h.advance(Duration.ofSeconds(6));
        assertThat(h.fires()).hasSize(1);
        h.put(job(MisfirePolicy.ALL, 100).status(JobStatus.PAUSED).generation(2).build());
        h.advance(Duration.ofSeconds(2));

        h.put(job(MisfirePolicy.ALL, 100).generation(3).build()); // at t(8): t(10) is still ahead
        assertThat(h.fires()).isEmpty();
        h.advance(Duration.ofSeconds(2));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(10));
    }

    @Test
    void times_seen_late_but_within_the_threshold_fire_normally_whatever_the_policy() {
        FireTopologyHarness h = start(b -> b.misfireThreshold(Duration.ofSeconds(5)));
        h.put(aJob("j1").every("1s").misfire(MisfirePolicy.SKIP).createdAt(T0).build());
        h.advance(Duration.ofSeconds(1));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(1));

        h.restartWithRestoredStores();
        h.jumpTo(t(4.5)); // 2, 3 and 4 are at most 2.5 s late: a stall, not an outage

        List<Fire> fires = h.fires();
        assertThat(scheduledTimes(fires)).containsExactly(t(2), t(3), t(4));
        assertThat(firedTimes(fires)).containsOnly(t(4.5));
    }

    @Test
    void a_misfired_at_job_fires_once_unless_its_policy_is_skip() {
        FireTopologyHarness h = start();
        h.put(aJob("once").at(t(3)).createdAt(T0).build());
        h.put(aJob("skip").at(t(3)).misfire(MisfirePolicy.SKIP).createdAt(T0).build());

        h.restartWithRestoredStores();
        h.jumpTo(t(60));
        assertThat(h.fires()).singleElement().satisfies(fire -> {
            assertThat(fire.jobId()).isEqualTo("once");
            assertThat(fire.scheduledAt()).isEqualTo(t(3));
        });
        h.jumpTo(t(120));
        assertThat(h.fires()).isEmpty();
        assertThat(h.dueIndexKeys()).isEmpty();
    }

    @Test
    void times_that_came_due_while_the_coordinator_was_up_but_busy_fire_late_and_are_never_dropped() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FireTopologyHarness h = start(b -> b.misfireThreshold(Duration.ofSeconds(5)).meterRegistry(meters));
        h.put(aJob("every").every("1s").misfire(MisfirePolicy.SKIP).createdAt(T0).build());
        h.put(aJob("at").at(t(3)).misfire(MisfirePolicy.SKIP).createdAt(T0).build());
        h.advance(Duration.ofSeconds(1));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(1));

        h.jumpTo(t(20)); // the stream thread was busy for 19 s: up all along, so nothing was missed

        List<Fire> fires = h.fires();
        assertThat(fires.stream().filter(f -> f.jobId().equals("at")).map(Fire::scheduledAt))
                .as("an at job's one time, due while the coordinator was up").containsExactly(t(3));
        assertThat(fires.stream().filter(f -> f.jobId().equals("every")).map(Fire::scheduledAt))
                .as("every time, oldest first").containsExactlyElementsOf(
                        java.util.stream.IntStream.rangeClosed(2, 20).mapToObj(s -> t(s)).toList());
        assertThat(meters.get(MeterNames.FIRES_LATE).counter().count())
                .as("fired more than the threshold late, counted: every 2 to 14, and at 3").isEqualTo(13 + 1);
    }

    @Test
    void an_at_job_created_with_a_time_already_past_is_still_a_missed_time() {
        FireTopologyHarness h = start(b -> b.misfireThreshold(Duration.ofSeconds(5)));
        h.advance(Duration.ofSeconds(30));
        h.put(aJob("past").at(t(10)).misfire(MisfirePolicy.SKIP).createdAt(t(30)).build());

        h.advance(Duration.ofSeconds(1));

        assertThat(h.fires()).as("its time passed before it existed: the policy decides").isEmpty();
    }
}
