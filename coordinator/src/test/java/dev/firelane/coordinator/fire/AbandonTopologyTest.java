package dev.firelane.coordinator.fire;

import static dev.firelane.coordinator.fire.JobStateBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import java.time.Duration;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Fires whose worker stopped reporting end {@code abandoned}: the topology publishes the completion on
 * {@code runs} itself and applies the retry policy. Heartbeat timeout 30 s, grace 30 s, TTL 1 h (defaults).
 */
class AbandonTopologyTest extends TopologyTestBase {
    private FireTopologyHarness startNoJitter() {
        return start(b -> b.retryBackoff(new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2,
                RetryBackoffTest.fixed(0.5))));
    }

    private static JobStateBuilder atJob(String id) {
        return aJob(id).at(t(5)).createdAt(T0);
    }

    @Test
    void a_run_whose_heartbeats_stop_is_abandoned_after_the_heartbeat_timeout_naming_its_last_worker() {
        FireTopologyHarness h = startNoJitter();
        h.put(atJob("j1").build());
        h.advance(Duration.ofSeconds(5));
        Fire fire = h.fires().get(0);
        h.advance(Duration.ofSeconds(1));
        h.started(fire); // t(6)
        for (int beat = 0; beat < 2; beat++) {
            h.advance(Duration.ofSeconds(5));
            h.heartbeat(fire); // t(11), t(16)
        }

        h.advance(Duration.ofSeconds(29)); // to t(45): silent for 29 s
        assertThat(h.runEvents()).isEmpty();
        h.advance(Duration.ofSeconds(1)); // t(46)

        TestRecord<String, RunEvent.Completed> record = h.runRecords().get(0);
        assertThat(record.key()).isEqualTo("j1");
        RunEvent.Completed abandoned = record.value();
        assertThat(abandoned.fireId()).isEqualTo(fire.fireId());
        assertThat(abandoned.outcome()).isEqualTo(RunOutcome.ABANDONED);
        assertThat(abandoned.workerId()).isEqualTo("w1");
        assertThat(abandoned.attempt()).isEqualTo(1);
        assertThat(abandoned.scheduledAt()).isEqualTo(t(5));
        assertThat(abandoned.startedAt()).isEqualTo(t(6));
        assertThat(abandoned.finishedAt()).isEqualTo(t(46));
        assertThat(abandoned.error()).startsWith("abandoned: no heartbeat from worker w1 since " + t(16));
        assertThat(h.inFlightKeys()).isEmpty();
        assertThat(h.inFlightIndexKeys()).isEmpty();
        h.advance(Duration.ofMinutes(5));
        assertThat(h.runEvents()).as("one outcome, once").isEmpty();
        assertThat(h.fires()).as("a single attempt: no retry").isEmpty();
    }

    /**
     * The in-flight index is not logged: after a restart it is rebuilt from the in-flight store, so a run whose
     * worker died before the restart is still abandoned when its heartbeat timeout passes.
     */
    @Test
    void a_run_silent_across_a_restart_is_abandoned_through_the_rebuilt_index() {
        FireTopologyHarness h = start(b -> b.startupReadGrace(Duration.ZERO));
        h.put(atJob("j1").build());
        h.advance(Duration.ofSeconds(5));
        Fire fire = h.fires().get(0);
        h.advance(Duration.ofSeconds(1));
        h.started(fire); // t(6): expires at t(36)
        String indexKey = DueIndex.key(t(36), fire.fireId());
        assertThat(h.inFlightIndexKeys()).containsExactly(indexKey);

        h.restartWithRestoredStores();
        assertThat(h.inFlightIndexKeys()).as("not logged: empty until the task first uses it").isEmpty();
        h.advance(Duration.ofSeconds(1)); // t(7): the first punctuation rebuilds it
        assertThat(h.inFlightIndexKeys()).containsExactly(indexKey);
        assertThat(h.runEvents()).isEmpty();

        h.advance(Duration.ofSeconds(29)); // t(36)
        assertThat(h.runEvents()).singleElement().satisfies(event -> {
            assertThat(event.fireId()).isEqualTo(fire.fireId());
            assertThat(event.outcome()).isEqualTo(RunOutcome.ABANDONED);
        });
        assertThat(h.inFlightKeys()).isEmpty();
        assertThat(h.inFlightIndexKeys()).isEmpty();
    }

    /**
     * Found by the chaos suite: a coordinator back from a crash abandoned fires whose reports were still unread in its
     * backlog of runs, then retried them although they had run. Within the startup read grace, a fire is unreported
     * only once runs has been read past the time its report was due.
     */
    @Test
    void after_a_start_a_fire_is_not_abandoned_while_its_report_may_wait_in_the_unread_backlog() {
        FireTopologyHarness h = start(b -> b.startupReadGrace(Duration.ofMinutes(2)));
        h.put(atJob("j1").maxAttempts(2).timeout(Duration.ofSeconds(5)).build()); // unreported by t(40)
        h.advance(Duration.ofSeconds(5));
        Fire fire = h.fires().get(0);

        h.advance(Duration.ofSeconds(40)); // t(45): unreported since t(40), but nothing of runs read yet
        assertThat(h.runEvents()).as("no abandoned completion yet").isEmpty();

        // the backlog: reported at t(6) and t(7), read at t(45)
        h.report(new RunEvent.Started(fire.fireId(), "j1", "w1", 1, t(5), t(6)), t(6));
        h.report(RunEvent.Completed.of(fire, "w1", t(6), t(7), RunOutcome.OK, null, null), t(7));
        h.advance(Duration.ofMinutes(5));

        assertThat(h.runEvents()).as("never abandoned").isEmpty();
        assertThat(h.fires()).as("never retried").isEmpty();
        assertThat(h.inFlightKeys()).isEmpty();
    }

    @Test
    void after_a_start_an_unreported_fire_is_abandoned_once_runs_is_read_past_its_due_report() {
        FireTopologyHarness h = start(b -> b.startupReadGrace(Duration.ofMinutes(2)));
        h.put(atJob("j1").timeout(Duration.ofSeconds(5)).build()); // unreported by t(40)
        h.put(atJob("j2").at(t(50)).build());
        h.advance(Duration.ofSeconds(5));
        Fire first = h.fires().get(0);
        h.advance(Duration.ofSeconds(50)); // t(55)
        Fire other = h.fires().get(0);
        assertThat(h.runEvents()).isEmpty();

        h.report(new RunEvent.Started(other.fireId(), "j2", "w1", 1, t(50), t(54)), t(54)); // read past t(40)
        h.advance(RunTracker.JUDGE_AGAIN_AFTER); // its next look

        assertThat(h.runEvents()).extracting(RunEvent.Completed::fireId).containsExactly(first.fireId());
    }

    @Test
    void after_a_start_with_nothing_to_read_on_runs_an_unreported_fire_is_abandoned_when_the_grace_ends() {
        FireTopologyHarness idle = start(b -> b.startupReadGrace(Duration.ofMinutes(2)));
        idle.put(atJob("j1").timeout(Duration.ofSeconds(5)).build()); // unreported by t(40)
        idle.advance(Duration.ofSeconds(119)); // nothing of runs read at all
        assertThat(idle.runEvents()).isEmpty();
        idle.advance(Duration.ofSeconds(2)); // the grace is over: the clock alone judges again
        assertThat(idle.runEvents()).extracting(RunEvent.Completed::outcome).containsExactly(RunOutcome.ABANDONED);
    }

    @Test
    void an_abandoned_attempt_is_retried_under_the_jobs_policy_and_a_late_real_completion_changes_nothing() {
        FireTopologyHarness h = startNoJitter();
        h.put(atJob("j1").maxAttempts(2).build());
        h.advance(Duration.ofSeconds(5));
        Fire first = h.fires().get(0);
        h.started(first);
        h.advance(Duration.ofSeconds(30)); // t(35): abandoned, retry in 1 s
        assertThat(h.runEvents()).extracting(RunEvent.Completed::outcome).containsExactly(RunOutcome.ABANDONED);

        h.advance(Duration.ofSeconds(1));
        Fire retry = h.fires().get(0);
        assertThat(retry.fireId()).isEqualTo(FireIds.of("j1", t(5), 2));
        assertThat(retry.firedAt()).isEqualTo(t(36));

        h.completed(first, RunOutcome.OK); // the first worker was only slow; attempt 2 goes on
        assertThat(h.inFlight(FireIds.of("j1", t(5), 1))).satisfies(r -> {
            assertThat(r.attempt()).isEqualTo(2);
            assertThat(r.phase()).isEqualTo(InFlight.Phase.RUNNING);
        });
        h.started(retry);
        h.completed(retry, RunOutcome.OK);
        h.advance(Duration.ofMinutes(2));
        assertThat(h.runEvents()).isEmpty();
        assertThat(h.fires()).isEmpty();
        assertThat(h.inFlightKeys()).isEmpty();
    }

    @Test
    void a_run_completed_in_time_is_never_abandoned() {
        FireTopologyHarness h = startNoJitter();
        h.put(atJob("j1").build());
        h.advance(Duration.ofSeconds(5));
        Fire fire = h.fires().get(0);
        h.started(fire);
        h.advance(Duration.ofSeconds(20));
        h.completed(fire, RunOutcome.OK);

        h.advance(Duration.ofHours(2));
        assertThat(h.runEvents()).isEmpty();
        assertThat(h.inFlightKeys()).isEmpty();
    }

    @Test
    void a_fire_no_worker_reported_is_abandoned_after_its_ttl_with_no_worker_named() {
        FireTopologyHarness h = start(b -> b.inFlightTtl(Duration.ofMinutes(10)));
        h.put(atJob("j1").build());
        h.advance(Duration.ofSeconds(5));
        Fire fire = h.fires().get(0);

        h.jumpTo(t(5).plus(Duration.ofMinutes(10)).minusMillis(200));
        assertThat(h.runEvents()).isEmpty();
        h.advance(Duration.ofMillis(200));

        RunEvent.Completed abandoned = h.runEvents().get(0);
        assertThat(abandoned.fireId()).isEqualTo(fire.fireId());
        assertThat(abandoned.workerId()).isEqualTo(RunTracker.NO_WORKER);
        assertThat(abandoned.startedAt()).isEqualTo(fire.firedAt());
        assertThat(abandoned.error()).startsWith("abandoned: no worker reported it");
    }

    @Test
    void a_fire_with_a_deadline_is_abandoned_at_the_deadline_plus_grace_whatever_its_heartbeats_say() {
        FireTopologyHarness h = start(b -> b.inFlightGrace(Duration.ofSeconds(3)));
        h.put(atJob("j1").timeout(Duration.ofSeconds(10)).build());
        h.advance(Duration.ofSeconds(5)); // deadline t(15), abandoned by t(18) at the latest
        Fire fire = h.fires().get(0);
        h.started(fire);
        for (int beat = 0; beat < 6; beat++) {
            h.advance(Duration.ofSeconds(2));
            h.heartbeat(fire); // t(7) … t(17): a worker that does not enforce the deadline
        }
        assertThat(h.runEvents()).isEmpty();
        h.advance(Duration.ofSeconds(1)); // t(18)

        assertThat(h.runEvents()).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(RunOutcome.ABANDONED);
            assertThat(c.error()).contains("deadline " + t(15));
        });
    }

    @Test
    void fires_of_an_allow_job_with_one_attempt_are_followed_and_abandoned_too() {
        FireTopologyHarness h = startNoJitter();
        h.put(aJob("j1").every("1h").overlap(OverlapPolicy.ALLOW).createdAt(T0).build());
        h.triggered("j1", "c1", t(0));
        Fire fire = h.fires().get(0);
        h.started(fire);

        h.advance(Duration.ofSeconds(31));

        assertThat(h.runEvents()).extracting(RunEvent.Completed::fireId).containsExactly(fire.fireId());
    }

    @Test
    void a_fire_redelivered_to_another_worker_is_followed_under_the_new_worker() {
        FireTopologyHarness h = startNoJitter();
        h.put(atJob("j1").build());
        h.advance(Duration.ofSeconds(5));
        Fire fire = h.fires().get(0);
        h.started(fire, "w1");
        h.advance(Duration.ofSeconds(20)); // w1 died at once; its partition moved to w2
        h.started(fire, "w2"); // t(25)
        h.advance(Duration.ofSeconds(20)); // t(45): w1's silence would have expired at t(35)
        assertThat(h.runEvents()).isEmpty();

        h.advance(Duration.ofSeconds(11)); // t(56): w2 silent since t(25)
        assertThat(h.runEvents()).singleElement().satisfies(c -> {
            assertThat(c.workerId()).isEqualTo("w2");
            assertThat(c.startedAt()).isEqualTo(t(25));
        });
    }

    @Test
    void a_running_fire_of_a_deleted_job_still_ends_abandoned_but_is_not_retried() {
        FireTopologyHarness h = startNoJitter();
        h.put(atJob("j1").maxAttempts(3).build());
        h.advance(Duration.ofSeconds(5));
        Fire fire = h.fires().get(0);
        h.started(fire);
        h.delete("j1");

        h.advance(Duration.ofSeconds(31));

        assertThat(h.runEvents()).extracting(RunEvent.Completed::fireId).containsExactly(fire.fireId());
        h.advance(Duration.ofMinutes(1));
        assertThat(h.fires()).isEmpty();
        assertThat(h.inFlightKeys()).isEmpty();
    }

    @Test
    void the_abandonment_clock_survives_a_restart() {
        FireTopologyHarness h = startNoJitter();
        h.put(atJob("j1").build());
        h.advance(Duration.ofSeconds(5));
        Fire fire = h.fires().get(0);
        h.started(fire); // t(5)
        h.advance(Duration.ofSeconds(10));
        h.heartbeat(fire); // t(15)

        h.restartWithRestoredStores();
        h.advance(Duration.ofSeconds(29)); // t(44)
        assertThat(h.runEvents()).isEmpty();
        h.advance(Duration.ofSeconds(1)); // t(45)
        assertThat(h.runEvents()).extracting(RunEvent.Completed::finishedAt).containsExactly(t(45));
    }
}
