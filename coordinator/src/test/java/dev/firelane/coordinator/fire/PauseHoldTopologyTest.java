package dev.firelane.coordinator.fire;

import static dev.firelane.coordinator.fire.JobStateBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pause fast path: a {@code Pause} or {@code Delete} read on {@code control} stops a job's fires before
 * the status stream publishes its effect on {@code job-state}, which may lag far behind under load. The job
 * fires every 5 s from T0 with the default misfire policy ({@code once}); t(5) has fired when the pause
 * comes at t(5.2).
 */
class PauseHoldTopologyTest extends TopologyTestBase {
    private static final Instant PAUSED_AT = t(5.2);

    private static JobStateBuilder job() {
        return aJob("j1").every("5s").createdAt(T0);
    }

    private static ControlCommand.Pause pause(Instant at) {
        return new ControlCommand.Pause("cmd-pause", "j1", "alice", at, "stop it");
    }

    /** The job active since T0, t(5) fired, and a pause read on control at t(5.2). */
    private FireTopologyHarness pausedOnControl() {
        FireTopologyHarness h = start();
        h.put(job().build());
        h.advance(Duration.ofMillis(5_200));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(5));
        h.command(pause(PAUSED_AT));
        return h;
    }

    @Test
    void a_pause_on_control_stops_fires_while_job_state_still_says_active() {
        FireTopologyHarness h = pausedOnControl();

        h.advance(Duration.ofSeconds(16)); // t(10), t(15) and t(20) are due meanwhile

        assertThat(h.fires()).isEmpty();
        ScheduleEntry entry = h.entry("j1");
        assertThat(entry.job().status()).as("job-state not applied yet").isEqualTo(JobStatus.ACTIVE);
        assertThat(entry.heldSince()).isEqualTo(PAUSED_AT);
        assertThat(entry.nextFireAt()).isNull();
        assertThat(entry.lastScheduledAt()).as("kept for the resume").isEqualTo(t(5));
        assertThat(h.dueIndexKeys()).isEmpty();
    }

    /**
     * A pause read by the process's control tail, not (yet) by the task: its own {@code control} input waits behind a
     * backlog, as after a coordinator restart. The next punctuation holds the job before it fires anything.
     */
    @Test
    void a_pause_on_the_hold_board_stops_fires_before_the_task_reads_it_on_control() {
        HoldBoard board = new HoldBoard();
        FireTopologyHarness h = start(b -> b.holdBoard(board));
        h.put(job().build());
        h.advance(Duration.ofMillis(5_200));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(5));

        board.saw(pause(PAUSED_AT));
        h.advance(Duration.ofSeconds(16)); // t(10), t(15) and t(20) are due meanwhile

        assertThat(h.fires()).as("fires after the pause reached the board").isEmpty();
        assertThat(h.entry("j1").heldSince()).isEqualTo(PAUSED_AT);
        assertThat(board.hasSeen("cmd-pause")).isTrue();

        h.command(pause(PAUSED_AT)); // the task reads it at last: nothing changes
        h.put(job().generation(2).updatedAt(h.now()).build()); // a resume, applied
        h.advance(Duration.ofSeconds(5));
        assertThat(h.fires()).as("the resume ends the board's hold like any other").isNotEmpty();
    }

    /**
     * Found by the chaos suite: pause, resume, pause again within a second while the task lags. It reads the second
     * pause on control first, then the states of the first pause (which ended the hold) and of the resume: that
     * resume was superseded by the second pause, so it must not fire the job, nor catch up its missed times. Also
     * across a restart of the coordinator after it read the second pause: the board is process memory and the
     * restarted process does not read that pause again (its offset is committed), so the job's entry remembers it.
     */
    @ParameterizedTest(name = "restarted after reading the second pause: {0}")
    @ValueSource(booleans = {false, true})
    void a_resume_read_after_a_later_pause_does_not_fire_the_job(boolean restarted) {
        FireTopologyHarness h = start();
        h.put(job().build());
        h.advance(Duration.ofMillis(5_200));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(5));
        h.command(new ControlCommand.Pause("cmd-pause-2", "j1", "alice", t(5.3), "again"));
        if (restarted) {
            h.advance(Duration.ofMillis(100));
            h.restartAsNewProcess();
        }

        h.put(job().status(JobStatus.PAUSED).generation(2).updatedAt(t(5.1)).build()); // the first pause, applied
        h.put(job().generation(3).updatedAt(t(5.2)).build()); // its resume, applied before the second pause
        h.advance(Duration.ofSeconds(16));

        assertThat(h.fires()).as("fires after the second pause was read").isEmpty();
        assertThat(h.entry("j1").heldSince()).isEqualTo(t(5.3));

        h.put(job().status(JobStatus.PAUSED).generation(4).updatedAt(t(5.3)).build()); // the second pause, applied
        h.advance(Duration.ofSeconds(5));
        assertThat(h.fires()).isEmpty();
    }

    @Test
    void a_board_mark_older_than_the_state_already_applied_holds_nothing() {
        HoldBoard board = new HoldBoard();
        FireTopologyHarness h = start(b -> b.holdBoard(board));
        h.put(job().build());
        h.advance(Duration.ofMillis(5_200));
        h.put(job().generation(2).updatedAt(t(5.1)).build()); // a resume at t(5.1), after the pause below
        board.saw(pause(t(5.0)));
        h.fires();

        h.advance(Duration.ofSeconds(5));

        assertThat(scheduledTimes(h.fires())).containsExactly(t(10));
        assertThat(h.entry("j1").held()).isFalse();
    }

    @Test
    void the_paused_state_then_a_resume_fire_again_with_the_misfire_catch_up() {
        FireTopologyHarness h = pausedOnControl();
        h.advance(Duration.ofSeconds(10));
        h.put(job().status(JobStatus.PAUSED).generation(2).updatedAt(PAUSED_AT).build()); // the pause applied
        assertThat(h.entry("j1").held()).as("the normal path from here").isFalse();
        h.advance(Duration.ofSeconds(6)); // to t(21.2)
        assertThat(h.fires()).isEmpty();

        h.put(job().generation(3).updatedAt(h.now()).build()); // resumed at t(21.2)
        h.advance(Duration.ofSeconds(4));

        List<Fire> fires = h.fires();
        assertThat(scheduledTimes(fires)).as("once: the most recent missed time, then the schedule")
                .containsExactly(t(20), t(25));
        assertThat(fires.get(0).firedAt()).isEqualTo(t(21.2));
        assertThat(fires).extracting(Fire::generation).containsOnly(3L);
    }

    @Test
    void a_resume_newer_than_the_hold_releases_it_like_a_resume_even_if_the_paused_state_was_never_read() {
        FireTopologyHarness h = pausedOnControl();
        h.advance(Duration.ofSeconds(16)); // to t(21.2)

        // e.g. job-state compacted while this instance was behind: only the resume is left to read
        h.put(job().generation(3).updatedAt(h.now()).build());
        h.advance(Duration.ofSeconds(4));

        List<Fire> fires = h.fires();
        assertThat(scheduledTimes(fires)).containsExactly(t(20), t(25));
        assertThat(fires.get(0).firedAt()).isEqualTo(t(21.2));
    }

    @Test
    void an_update_applied_before_the_pause_does_not_release_the_hold_but_its_definition_is_kept() {
        FireTopologyHarness h = pausedOnControl();

        h.put(job().handler("other").generation(2).updatedAt(t(5.1)).build()); // applied before the pause
        h.advance(Duration.ofSeconds(6));
        assertThat(h.fires()).isEmpty();
        ScheduleEntry entry = h.entry("j1");
        assertThat(entry.heldSince()).isEqualTo(PAUSED_AT);
        assertThat(entry.job().generation()).isEqualTo(2);
        assertThat(h.dueIndexKeys()).isEmpty();

        h.put(job().handler("other").status(JobStatus.PAUSED).generation(3).updatedAt(PAUSED_AT).build());
        h.advance(Duration.ofSeconds(5)); // to t(16.2)
        h.put(job().handler("other").generation(4).updatedAt(h.now()).build());
        assertThat(h.fires()).singleElement().satisfies(fire -> {
            assertThat(fire.scheduledAt()).isEqualTo(t(15));
            assertThat(fire.handler()).isEqualTo("other");
        });
    }

    @Test
    void a_resume_command_on_control_does_nothing_by_itself() {
        FireTopologyHarness h = pausedOnControl();

        h.command(new ControlCommand.Resume("cmd-resume", "j1", "alice", t(6), null));
        h.advance(Duration.ofSeconds(10));

        assertThat(h.fires()).as("the resume takes effect through job-state").isEmpty();
        assertThat(h.entry("j1").heldSince()).isEqualTo(PAUSED_AT);
    }

    @Test
    void a_held_job_is_not_triggered() {
        FireTopologyHarness h = pausedOnControl();

        h.triggered("j1", "cmd-trigger", t(5.3));
        h.advance(Duration.ofSeconds(1));

        assertThat(h.fires()).isEmpty();
    }

    @Test
    void a_hold_drops_the_queued_fire_and_a_completion_then_releases_nothing() {
        FireTopologyHarness h = start();
        h.put(job().overlap(OverlapPolicy.QUEUE).build());
        h.advance(Duration.ofMillis(10_200)); // t(5) fired and still running; t(10) queued behind it
        Fire running = h.fires().get(0);
        assertThat(h.entry("j1").queuedAt()).isEqualTo(t(10));

        h.command(pause(t(10.2)));
        assertThat(h.entry("j1").queuedAt()).isNull();
        h.completed(running, RunOutcome.OK);
        h.advance(Duration.ofSeconds(6));

        assertThat(h.fires()).isEmpty();
        assertThat(h.inFlightKeys()).isEmpty();
    }

    @Test
    void a_hold_drops_pending_retries_and_a_running_attempt_is_followed_but_not_retried() {
        FireTopologyHarness h = start(b -> b.retryBackoff(new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5),
                0.2, RetryBackoffTest.fixed(0.5))));
        h.put(aJob("retrying").every("5s").maxAttempts(3).createdAt(T0).build());
        h.put(aJob("running").every("5s").maxAttempts(3).createdAt(T0).build());
        h.advance(Duration.ofMillis(5_200));
        List<Fire> fires = h.fires();
        Fire retrying = fires.stream().filter(f -> f.jobId().equals("retrying")).findFirst().orElseThrow();
        Fire running = fires.stream().filter(f -> f.jobId().equals("running")).findFirst().orElseThrow();
        h.completed(retrying, RunOutcome.ERROR); // retry pending for t(6.2)
        h.started(running);

        h.command(new ControlCommand.Pause("cmd-1", "retrying", "alice", h.now(), null));
        h.command(new ControlCommand.Pause("cmd-2", "running", "alice", h.now(), null));
        assertThat(h.inFlightKeys()).as("the retry is dropped, the running attempt still followed")
                .containsExactly(InFlight.keyOf("running", t(5)));
        h.advance(Duration.ofSeconds(1));
        h.completed(running, RunOutcome.ERROR);
        h.advance(Duration.ofSeconds(10));

        assertThat(h.fires()).isEmpty();
        assertThat(h.inFlightKeys()).isEmpty();
    }

    @Test
    void a_delete_on_control_stops_fires_and_the_tombstone_later_leaves_only_a_marker() {
        FireTopologyHarness h = start();
        h.put(job().build());
        h.advance(Duration.ofMillis(5_200));
        assertThat(h.fires()).hasSize(1);

        h.command(new ControlCommand.Delete("cmd-delete", "j1", "alice", PAUSED_AT, null));
        h.advance(Duration.ofSeconds(10));
        assertThat(h.fires()).isEmpty();
        assertThat(h.entry("j1").heldSince()).isEqualTo(PAUSED_AT);

        h.delete("j1");
        h.advance(Duration.ofSeconds(10));
        assertThat(h.fires()).isEmpty();
        assertThat(h.entry("j1").deleted()).isTrue();
        assertThat(h.entry("j1").firing()).isFalse();
        assertThat(h.dueIndexKeys()).singleElement().satisfies(key -> assertThat(key).endsWith("|j1"));
    }

    @Test
    void a_new_incarnation_ending_a_delete_hold_is_a_new_job_not_a_resume() {
        FireTopologyHarness h = start();
        h.put(aJob("j1").cron("*/5 * * * * ?", "UTC").createdAt(T0).build());
        h.advance(Duration.ofMillis(5_200));
        assertThat(h.fires()).hasSize(1);
        h.command(new ControlCommand.Delete("cmd-delete", "j1", "alice", PAUSED_AT, null));
        h.advance(Duration.ofSeconds(16)); // to t(21.2)

        // the tombstone was compacted away: the re-created job is what job-state has left
        h.put(aJob("j1").cron("*/5 * * * * ?", "UTC").createdAt(t(21)).build());
        assertThat(h.fires()).as("no catch-up of the deleted incarnation's times").isEmpty();
        h.advance(Duration.ofSeconds(4));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(25));
    }

    @Test
    void a_pause_for_an_unknown_job_is_harmless() {
        FireTopologyHarness h = start();

        h.command(new ControlCommand.Pause("cmd-pause", "ghost", "alice", T0, null));
        assertThat(h.entry("ghost")).isNull();

        h.put(aJob("ghost").every("5s").createdAt(t(0.5)).build()); // created after the pause: it fires
        h.advance(Duration.ofSeconds(6));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(5.5));
    }

    @Test
    void a_pause_for_a_job_known_as_paused_changes_nothing() {
        FireTopologyHarness h = start();
        h.put(job().status(JobStatus.PAUSED).build());
        ScheduleEntry before = h.entry("j1");

        h.command(pause(t(1)));

        assertThat(h.entry("j1")).isEqualTo(before);
    }

    @Test
    void a_pause_older_than_the_state_already_applied_changes_nothing() {
        FireTopologyHarness h = start();
        h.put(job().generation(3).updatedAt(t(2)).build()); // e.g. paused and resumed again at t(2)

        h.command(pause(t(1))); // a late or replayed pause
        h.advance(Duration.ofSeconds(5));

        assertThat(scheduledTimes(h.fires())).containsExactly(t(5));
        assertThat(h.entry("j1").held()).isFalse();
    }

    @Test
    void a_second_pause_moves_the_hold_to_the_later_command() {
        FireTopologyHarness h = pausedOnControl();

        h.command(new ControlCommand.Pause("cmd-pause-2", "j1", "bob", t(6), null));

        assertThat(h.entry("j1").heldSince()).isEqualTo(t(6));
    }

    @Test
    void a_held_entry_survives_a_restart_from_its_changelogged_store() {
        FireTopologyHarness h = pausedOnControl();
        assertThat(h.changelogged("j1").heldSince()).as("the schedules changelog carries the hold").isEqualTo(PAUSED_AT);

        h.restartWithRestoredStores();
        h.put(job().build()); // job-state redelivered after the restart: still the state before the pause
        h.advance(Duration.ofSeconds(10));
        assertThat(h.fires()).isEmpty();
        assertThat(h.entry("j1").heldSince()).isEqualTo(PAUSED_AT);

        h.put(job().status(JobStatus.PAUSED).generation(2).updatedAt(PAUSED_AT).build());
        h.advance(Duration.ofSeconds(6)); // to t(21.2)
        h.put(job().generation(3).updatedAt(h.now()).build());
        assertThat(scheduledTimes(h.fires())).containsExactly(t(20));
    }
}
