package dev.firelane.coordinator.fire;

import static dev.firelane.coordinator.fire.JobStateBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.RunOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the fire topology takes from {@code job-state} about a job's identity: a state older than the one applied
 * (same incarnation, lower generation) changes nothing, and a job id deleted and created again is a new job (a new
 * incarnation) whose fires never share an id, a handled time or a retry with the old one's.
 */
class IdentityTopologyTest extends TopologyTestBase {

    @Test
    void an_older_active_state_never_overwrites_a_newer_paused_one() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").createdAt(T0).generation(1).build());
        h.advance(Duration.ofMillis(5_100));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(5));
        h.put(aJob("j1").every("5s").createdAt(T0).generation(2).status(JobStatus.PAUSED).updatedAt(t(5.1)).build());

        // the generation-1 active state again, after the pause (a republication, a zombie writer)
        h.put(aJob("j1").every("5s").createdAt(T0).generation(1).build());
        h.advance(Duration.ofSeconds(20));

        assertThat(h.fires()).isEmpty();
        assertThat(h.entry("j1").job().status()).isEqualTo(JobStatus.PAUSED);
        assertThat(h.entry("j1").job().generation()).isEqualTo(2);
    }

    @Test
    void a_deleted_incarnation_s_late_state_after_its_tombstone_does_not_bring_the_job_back() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").createdAt(T0).generation(1).build());
        h.advance(Duration.ofMillis(5_100));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(5));
        h.delete("j1");

        // a state of the deleted incarnation again, after its tombstone (a republication, a zombie writer)
        h.put(aJob("j1").every("5s").createdAt(T0).generation(2).updatedAt(t(5.1)).build());
        h.advance(Duration.ofSeconds(20));

        assertThat(h.fires()).isEmpty();
        assertThat(h.entry("j1")).satisfiesAnyOf(entry -> assertThat(entry).isNull(),
                entry -> assertThat(entry.firing()).isFalse());
    }

    @Test
    void a_new_incarnation_after_a_tombstone_still_fires() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").createdAt(T0).build());
        h.delete("j1");

        h.put(aJob("j1").every("5s").createdAt(t(1)).incarnation(2).build());
        h.advance(Duration.ofMillis(6_100));

        assertThat(h.fires()).extracting(Fire::fireId).containsExactly("j1~2@" + t(6).toEpochMilli());
    }

    @Test
    void a_deleted_job_is_remembered_for_the_deletion_memory_only() {
        FireTopologyHarness h = start(b -> b.deletionMemory(Duration.ofMinutes(10)));
        h.put(aJob("j1").every("5s").createdAt(T0).build());
        h.delete("j1");
        assertThat(h.entry("j1").deleted()).isTrue();
        assertThat(h.dueIndexKeys()).containsExactly(DueIndex.key(t(600), "j1"));

        h.jumpTo(t(600));

        assertThat(h.entry("j1")).as("the marker is dropped: the store does not keep every id ever deleted").isNull();
        assertThat(h.dueIndexKeys()).isEmpty();
        assertThat(h.changelogged("j1")).isNull();
    }

    @Test
    void a_re_created_at_job_fires_its_instant_again_under_its_own_fire_id() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").at(t(10)).createdAt(T0).build());
        h.advance(Duration.ofMillis(10_100));
        List<Fire> first = h.fires();
        assertThat(first).extracting(Fire::fireId).containsExactly("j1@" + t(10).toEpochMilli());

        // deleted while its run goes on (no worker reports it here), and created again for the same instant
        h.delete("j1");
        h.put(aJob("j1").at(t(10)).createdAt(t(10.1)).incarnation(2).build());
        h.advance(Duration.ofMillis(100));

        assertThat(h.fires()).singleElement().satisfies(fire -> {
            assertThat(fire.fireId()).isEqualTo("j1~2@" + t(10).toEpochMilli());
            assertThat(fire.incarnation()).isEqualTo(2);
        });
        assertThat(h.inFlightKeys()).containsExactlyInAnyOrder("j1@" + t(10).toEpochMilli(), "j1~2@" + t(10).toEpochMilli());
    }

    @Test
    void a_new_incarnation_whose_predecessor_s_tombstone_was_never_seen_starts_afresh() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").at(t(10)).createdAt(T0).build());
        h.advance(Duration.ofMillis(10_100));
        assertThat(h.fires()).hasSize(1);

        // the tombstone compacted away while this coordinator was not reading: only the new incarnation's state
        h.put(aJob("j1").at(t(10)).createdAt(t(10.1)).incarnation(2).build());
        h.advance(Duration.ofMillis(100));

        assertThat(h.fires()).extracting(Fire::fireId).containsExactly("j1~2@" + t(10).toEpochMilli());
        assertThat(h.entry("j1").job().incarnation()).isEqualTo(2);
    }

    @Test
    void a_deleted_incarnation_s_failed_attempt_is_never_retried_for_the_new_one() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").every("5s").createdAt(T0).maxAttempts(3).build());
        h.advance(Duration.ofMillis(5_100));
        Fire failed = h.fires().get(0);
        h.completed(failed, RunOutcome.ERROR); // a retry is now pending

        h.put(aJob("j1").every("1h").createdAt(t(5.2)).incarnation(2).build());
        h.advance(Duration.ofSeconds(60));

        assertThat(h.fires()).as("no retry of j1@t(5), and the new job's first time is an hour away").isEmpty();
        assertThat(h.inFlightKeys()).isEmpty();
    }
}
