package dev.firelane.coordinator.fire;

import static dev.firelane.coordinator.fire.JobStateBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Retries with backoff, their bounds and their interplay with pause, delete, restarts and overlap. */
class RetryTopologyTest extends TopologyTestBase {
    /** u = 0.5: no jitter, delays of exactly 1 s, 2 s, 4 s, … */
    private static final RandomGenerator NO_JITTER = RetryBackoffTest.fixed(0.5);

    private FireTopologyHarness startWith(RandomGenerator random) {
        return start(b -> b.retryBackoff(new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2, random)));
    }

    private static JobStateBuilder atJob(String id, int maxAttempts) {
        return aJob(id).at(t(5)).maxAttempts(maxAttempts).createdAt(T0);
    }

    @Test
    void failed_attempts_are_retried_after_exponential_backoff_until_max_attempts() {
        FireTopologyHarness h = startWith(NO_JITTER);
        h.put(atJob("j1", 3).build());
        h.advance(Duration.ofSeconds(5));
        Fire first = h.fires().get(0);

        h.advance(Duration.ofSeconds(1));
        h.completed(first, RunOutcome.ERROR); // at t(6): retry in 1 s
        h.advance(Duration.ofMillis(800));
        assertThat(h.fires()).isEmpty();
        h.advance(Duration.ofMillis(200));
        Fire second = h.fires().get(0);
        assertThat(second.fireId()).isEqualTo(FireIds.of("j1", t(5), 2)).isEqualTo("j1@" + t(5).toEpochMilli() + "#2");
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.scheduledAt()).isEqualTo(t(5));
        assertThat(second.firedAt()).isEqualTo(t(7));

        h.completed(second, RunOutcome.TIMEOUT); // at t(7): retry in 2 s
        h.advance(Duration.ofMillis(1_800));
        assertThat(h.fires()).isEmpty();
        h.advance(Duration.ofMillis(200));
        Fire third = h.fires().get(0);
        assertThat(third.attempt()).isEqualTo(3);
        assertThat(third.firedAt()).isEqualTo(t(9));

        h.completed(third, RunOutcome.ABANDONED); // attempt 3 of 3: exhausted
        h.advance(Duration.ofMinutes(1));
        assertThat(h.fires()).isEmpty();
        assertThat(h.inFlightKeys()).isEmpty();
        assertThat(h.inFlightIndexKeys()).isEmpty();
    }

    @Test
    void retry_times_follow_the_injected_generator_exactly() {
        FireTopologyHarness h = startWith(new SplittableRandom(7));
        RetryBackoff expected = new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2, new SplittableRandom(7));
        h.put(atJob("j1", 4).build());
        h.advance(Duration.ofSeconds(5));
        Fire fire = h.fires().get(0);

        for (int attempt = 1; attempt <= 3; attempt++) {
            h.completed(fire, RunOutcome.ERROR);
            Instant retryAt = h.now().plus(expected.delayAfter(attempt));
            h.jumpTo(retryAt.minusMillis(1));
            assertThat(h.fires()).isEmpty();
            h.clock().set(retryAt.minusMillis(200)); // keeps the next step exactly on retryAt
            h.advance(Duration.ofMillis(200));
            fire = h.fires().get(0);
            assertThat(fire.attempt()).isEqualTo(attempt + 1);
            assertThat(fire.firedAt()).isEqualTo(retryAt);
        }
    }

    @Test
    void a_success_stops_retries_and_a_cancel_never_retries() {
        FireTopologyHarness h = startWith(NO_JITTER);
        h.put(atJob("ok", 5).build());
        h.put(atJob("cancelled", 5).build());
        h.advance(Duration.ofSeconds(5));
        List<Fire> fires = h.fires();
        Fire ok = fires.stream().filter(f -> f.jobId().equals("ok")).findFirst().orElseThrow();
        Fire cancelled = fires.stream().filter(f -> f.jobId().equals("cancelled")).findFirst().orElseThrow();

        h.completed(ok, RunOutcome.ERROR);
        h.completed(cancelled, RunOutcome.CANCELLED);
        h.advance(Duration.ofSeconds(1));
        Fire retry = h.fires().get(0);
        assertThat(retry.jobId()).isEqualTo("ok");
        h.completed(retry, RunOutcome.OK);
        h.advance(Duration.ofMinutes(1));

        assertThat(h.fires()).isEmpty();
        assertThat(h.inFlightKeys()).isEmpty();
    }

    @Test
    void a_duplicate_or_stale_completion_neither_retries_twice_nor_ends_the_retry() {
        FireTopologyHarness h = startWith(NO_JITTER);
        h.put(atJob("j1", 3).build());
        h.advance(Duration.ofSeconds(5));
        Fire first = h.fires().get(0);

        h.completed(first, RunOutcome.ERROR);
        h.completed(first, RunOutcome.ERROR); // redelivered
        h.completed(first, RunOutcome.OK);    // stale: attempt 1 is over
        h.advance(Duration.ofSeconds(10));

        assertThat(h.fires()).extracting(Fire::attempt).containsExactly(2);
    }

    @Test
    void a_retry_of_a_job_paused_or_deleted_meanwhile_is_not_emitted() {
        FireTopologyHarness h = startWith(NO_JITTER);
        h.put(aJob("paused").every("1h").maxAttempts(3).createdAt(T0).build());
        h.put(aJob("deleted").every("1h").maxAttempts(3).createdAt(T0).build());
        h.triggered("paused", "c1", t(0));
        h.triggered("deleted", "c2", t(0));
        List<Fire> fires = h.fires();

        fires.forEach(fire -> h.completed(fire, RunOutcome.ERROR)); // retries due at t(1)
        h.put(aJob("paused").every("1h").maxAttempts(3).createdAt(T0).status(JobStatus.PAUSED).generation(2).build());
        h.delete("deleted");
        h.advance(Duration.ofSeconds(2));
        h.put(aJob("paused").every("1h").maxAttempts(3).createdAt(T0).generation(3).build()); // resumed
        h.advance(Duration.ofSeconds(10));

        assertThat(h.fires()).isEmpty();
        assertThat(h.inFlightKeys()).isEmpty();
    }

    @Test
    void a_pending_retry_survives_a_restart() {
        FireTopologyHarness h = startWith(NO_JITTER);
        h.put(atJob("j1", 2).build());
        h.advance(Duration.ofSeconds(5));
        h.completed(h.fires().get(0), RunOutcome.ERROR); // retry at t(6)

        h.restartWithRestoredStores();
        h.advance(Duration.ofSeconds(1));

        assertThat(h.fires()).singleElement().satisfies(fire -> {
            assertThat(fire.attempt()).isEqualTo(2);
            assertThat(fire.firedAt()).isEqualTo(t(6));
        });
    }

    @Test
    void a_pending_retry_counts_as_in_flight_for_overlap() {
        FireTopologyHarness h = start(b -> b.retryBackoff(
                new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5), 0.2, NO_JITTER)));
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.SKIP).maxAttempts(2).createdAt(T0).build());
        h.advance(Duration.ofSeconds(5));
        h.advance(Duration.ofSeconds(1));
        h.completed(h.fires().get(0), RunOutcome.ERROR); // at t(6): retry at t(16)

        h.advance(Duration.ofSeconds(10)); // t(10) and t(15) are skipped; the retry fires at t(16)
        List<Fire> fires = h.fires();
        assertThat(fires).singleElement().satisfies(fire -> {
            assertThat(fire.attempt()).isEqualTo(2);
            assertThat(fire.scheduledAt()).isEqualTo(t(5));
        });
        h.completed(fires.get(0), RunOutcome.OK);
        h.advance(Duration.ofSeconds(4));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(20));
    }

    @Test
    void every_attempt_carries_a_deadline_of_fired_at_plus_the_timeout() {
        FireTopologyHarness h = startWith(NO_JITTER);
        h.put(atJob("j1", 2).timeout(Duration.ofSeconds(30)).build());
        h.advance(Duration.ofSeconds(5));
        Fire first = h.fires().get(0);
        assertThat(first.deadline()).isEqualTo(t(35));

        h.completed(first, RunOutcome.TIMEOUT);
        h.advance(Duration.ofSeconds(1));
        assertThat(h.fires()).singleElement().satisfies(retry -> {
            assertThat(retry.firedAt()).isEqualTo(t(6));
            assertThat(retry.deadline()).isEqualTo(t(36));
        });
    }
}
