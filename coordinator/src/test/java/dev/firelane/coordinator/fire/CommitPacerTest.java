package dev.firelane.coordinator.fire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pacing of the commits asked for after punctuations, on a time driven by hand. */
class CommitPacerTest {
    private long nanos = 1_000_000_000L;
    private final CommitPacer pacer = new CommitPacer(Duration.ofMillis(10), () -> nanos);

    private void at(long millis) {
        nanos = 1_000_000_000L + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** A punctuation that emitted a fire (the emitter owes it a commit): whether it asks for the commit. */
    private boolean firedAndAsks() {
        pacer.owe();
        return pacer.shouldCommit();
    }

    @Test
    void a_healthy_thread_commits_after_every_punctuation_that_fired_and_never_after_an_idle_one() {
        for (long t = 0; t <= 200; t += 10) {
            at(t);
            assertThat(firedAndAsks()).as("fired at %d ms", t).isTrue();
        }
        at(210);
        assertThat(pacer.shouldCommit()).as("nothing fired, nothing owed").isFalse();
    }

    @Test
    void a_slow_commit_holds_the_next_request_back_twice_its_cost_and_the_fires_are_then_committed() {
        at(0);
        assertThat(firedAndAsks()).isTrue();
        at(0);
        assertThat(firedAndAsks()).as("another task of the same loop, before the commit").isTrue();

        at(60); // the commit took about 50 ms: the next punctuation comes 60 ms after the request
        assertThat(firedAndAsks()).as("held back: committing would take the thread's time").isFalse();
        at(100);
        assertThat(pacer.shouldCommit()).isFalse();
        at(159);
        assertThat(pacer.shouldCommit()).isFalse();

        at(160); // 60 + 2 x 50
        assertThat(pacer.shouldCommit()).as("the held fires are owed their commit").isTrue();
        at(170); // fast again
        assertThat(firedAndAsks()).isTrue();
        at(180);
        assertThat(firedAndAsks()).isTrue();
    }

    @Test
    void a_punctuation_sooner_than_one_interval_after_the_request_does_not_count_as_the_commit_s_cost() {
        at(0);
        assertThat(firedAndAsks()).isTrue();
        at(3);
        assertThat(pacer.shouldCommit()).isFalse();
        at(11);
        assertThat(firedAndAsks()).as("the commit cost 1 ms: 2 ms of pacing from here").isFalse();
        at(13);
        assertThat(pacer.shouldCommit()).as("the fires of 11 ms, committed").isTrue();
    }

    @Test
    void a_fire_emitted_between_punctuations_is_owed_a_commit_that_the_next_punctuation_asks_for() {
        at(0);
        assertThat(pacer.shouldCommit()).isFalse();
        pacer.owe(); // a trigger fired while a record was processed
        at(10);
        assertThat(pacer.shouldCommit()).isTrue();
        at(20);
        assertThat(pacer.shouldCommit()).as("owed once").isFalse();
    }

    @Test
    void the_first_record_processed_after_a_commit_was_asked_for_measures_its_cost() {
        at(0);
        assertThat(firedAndAsks()).isTrue();
        at(30);
        pacer.observe(); // the commit took 30 ms: requests wait until 30 + 2 x 30
        at(40);
        pacer.observe(); // measured once
        at(80);
        assertThat(firedAndAsks()).isFalse();
        at(90);
        assertThat(pacer.shouldCommit()).isTrue();
    }

    @Test
    void what_was_processed_is_committed_at_least_every_second_without_fires() {
        at(999);
        assertThat(pacer.shouldCommit()).isFalse();
        at(1_000);
        assertThat(pacer.shouldCommit()).as("a second since the pacer began").isTrue();
        at(1_010);
        assertThat(pacer.shouldCommit()).as("the next punctuation: the commit cost nothing").isFalse();
        at(1_500);
        assertThat(pacer.shouldCommit()).isFalse();
        at(2_000);
        assertThat(pacer.shouldCommit()).isTrue();
    }
}
