package dev.firelane.coordinator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.DeadLetter;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.ScheduleKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The history checker on hand-made histories: each invariant holds on a clean one and is caught broken. */
class HistoryCheckTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final JobSpec SPEC = JobSpec.of("j", ScheduleKind.EVERY, "1s", "noop", JsonNodeFactory.instance.objectNode());

    private final List<ReplayRecord> control = new ArrayList<>();
    private final List<ReplayRecord> fires = new ArrayList<>();
    private final List<ReplayRecord> runs = new ArrayList<>();
    private final List<ReplayRecord> states = new ArrayList<>();

    @Test
    void a_clean_history_keeps_every_invariant() {
        state(0, JobStatus.ACTIVE, 1, 0);
        fireAndComplete(1, 1.1, RunOutcome.OK);
        pause(2);
        state(2.01, JobStatus.PAUSED, 2, 2);
        fireAndComplete(1.5, 2.5, RunOutcome.OK); // emitted before the pause was applied, completed after: fine
        resume(10);
        state(10.01, JobStatus.ACTIVE, 3, 10);
        fireAndComplete(11, 11.1, RunOutcome.ERROR);

        List<HistoryCheck.Result> results = check(Map.of("j", new HistoryCheck.JobRowSummary("j", "active", 3, 1)));

        assertThat(results).allSatisfy(r -> assertThat(r.violations()).as(r.invariant()).isEmpty());
        assertThat(result(results, HistoryCheck.PAUSE_STICKS).checked()).isEqualTo(1);
        assertThat(result(results, HistoryCheck.NO_DUPLICATE_FIRES).checked()).isEqualTo(3);
    }

    @Test
    void a_paused_job_turning_active_without_a_resume_breaks_pause_sticks() {
        state(0, JobStatus.ACTIVE, 1, 0);
        pause(2);
        state(2.01, JobStatus.PAUSED, 2, 2);
        state(5, JobStatus.ACTIVE, 3, 4.9); // what the original bug did: a finished run wrote back 'active'

        HistoryCheck.Result result = result(check(null), HistoryCheck.PAUSE_STICKS);

        assertThat(result.violations()).singleElement().satisfies(v -> {
            assertThat(v.jobId()).isEqualTo("j");
            assertThat(v.what()).isEqualTo("left paused for active without a resume");
            assertThat(v.evidence()).hasSize(2).allMatch(e -> e.startsWith("job-state-0@"));
        });
    }

    @Test
    void a_fire_emitted_well_after_the_pause_was_applied_is_caught_and_one_within_the_window_is_not() {
        state(0, JobStatus.ACTIVE, 1, 0);
        pause(2);
        state(2.01, JobStatus.PAUSED, 2, 2);
        fireAndComplete(3, 3.1, RunOutcome.OK);   // within 5 s of the apply: the coordinator may not have seen it
        fireAndComplete(9, 9.1, RunOutcome.OK);   // 7 s after: it had

        HistoryCheck.Result result = result(check(null), HistoryCheck.NO_FIRE_AFTER_PAUSE);

        assertThat(result.violations()).singleElement().satisfies(v -> {
            assertThat(v.what()).isEqualTo("fired 6990 ms after its pause was applied");
            assertThat(v.evidence().get(1)).contains(FireIds.of("j", T0.plusSeconds(9), 1));
        });
    }

    @Test
    void run_count_must_be_the_distinct_fires_that_ran_whatever_the_redeliveries() {
        state(0, JobStatus.ACTIVE, 1, 0);
        fireAndComplete(1, 1.1, RunOutcome.OK);
        completed(1.2, fireId(1), RunOutcome.OK); // redelivered completion: counts once
        fireAndComplete(2, 2.1, RunOutcome.SKIPPED); // never ran: not counted

        assertThat(result(check(Map.of("j", new HistoryCheck.JobRowSummary("j", "active", 1, 1))), HistoryCheck.EXACTLY_ONCE)
                .holds()).isTrue();
        HistoryCheck.Result twice = result(check(Map.of("j", new HistoryCheck.JobRowSummary("j", "active", 2, 1))),
                HistoryCheck.EXACTLY_ONCE);
        assertThat(twice.violations()).singleElement().satisfies(v ->
                assertThat(v.what()).isEqualTo("run_count 2 but 1 fires of incarnation 1 completed with a run"));
    }

    @Test
    void a_fire_without_an_outcome_is_lost_once_it_cannot_be_going_any_more() {
        state(0, JobStatus.ACTIVE, 1, 0);
        Fire lost = fire(1, t(6));                   // its deadline long past
        fireAndComplete(600, 600.1, RunOutcome.OK); // the history goes on ten minutes
        Fire young = fire(599, null);               // no deadline: may wait for a worker for an hour

        HistoryCheck.Result result = result(check(null), HistoryCheck.NOTHING_LOST);

        assertThat(result.violations()).singleElement().satisfies(v -> assertThat(v.what())
                .isEqualTo("fire " + lost.fireId() + " has no outcome"));
        assertThat(result.note()).isEqualTo("1 fire(s) still in flight at the end of the history");
        assertThat(young.deadline()).isNull();
    }

    @Test
    void the_same_fire_id_emitted_twice_is_a_duplicate() {
        state(0, JobStatus.ACTIVE, 1, 0);
        fireAndComplete(1, 1.1, RunOutcome.OK);
        fires.add(record("fires", fires.size(), 1.3, new Fire(fireId(1), "j", t(1), t(1.3), 1, "noop", null, null, 1)));

        HistoryCheck.Result result = result(check(null), HistoryCheck.NO_DUPLICATE_FIRES);

        assertThat(result.violations()).singleElement().satisfies(v -> {
            assertThat(v.what()).isEqualTo("fire " + fireId(1) + " emitted 2 times");
            assertThat(v.evidence()).hasSize(2);
        });
    }

    private List<HistoryCheck.Result> check(Map<String, HistoryCheck.JobRowSummary> jobs) {
        return new HistoryCheck(HistoryCheck.Settings.DEFAULT).check(control, fires, runs, states, jobs, true);
    }

    @Test
    void bad_input_holds_when_every_unreadable_record_has_a_dead_letter_with_a_reason() {
        ReplayRecord bad = new ReplayRecord("control", 2, 17, t(1), "j", null, "Unexpected end-of-input");
        ReplayRecord letter = new ReplayRecord("dlq", 0, 0, t(1.1), "j", new DeadLetter("firelane.control", 2, 17,
                new byte[] {'{'}, "Unexpected end-of-input", "status-stream", t(1.1)), null);

        HistoryCheck.Result result = HistoryCheck.badInputRefused(List.of(List.of(bad), List.of()), List.of(letter));

        assertThat(result.holds()).as("%s", result).isTrue();
        assertThat(result.checked()).isEqualTo(2);
        assertThat(result.note()).contains("1 unreadable", "1 dead letter", "status-stream=1");
    }

    @Test
    void bad_input_is_violated_by_an_unreadable_record_no_component_refused_and_by_a_dead_letter_without_reason() {
        ReplayRecord lost = new ReplayRecord("runs", 1, 5, t(1), "j", null, "not JSON");
        ReplayRecord otherTopic = new ReplayRecord("dlq", 0, 0, t(1.1), "j", new DeadLetter("firelane.control", 1, 5,
                new byte[0], "not JSON", "status-stream", t(1.1)), null);
        ReplayRecord noReason = new ReplayRecord("dlq", 0, 1, t(1.2), "j", new DeadLetter("firelane.fires", 0, 3,
                new byte[0], " ", "worker", t(1.2)), null);
        ReplayRecord unreadable = new ReplayRecord("dlq", 0, 2, t(1.3), "j", null, "not a dead letter");

        HistoryCheck.Result result = HistoryCheck.badInputRefused(List.of(List.of(lost)),
                List.of(otherTopic, noReason, unreadable));

        assertThat(result.violations()).extracting(HistoryCheck.Violation::what).containsExactlyInAnyOrder(
                "a record of runs that cannot be read is on no dead letter (not JSON)",
                "a dead letter without a reason",
                "a dead letter that cannot be read: not a dead letter");
        assertThat(result.violations().get(0).evidence()).isNotEmpty();
    }

    @Test
    void bad_input_is_not_checked_without_a_dlq_topic() {
        HistoryCheck.Result result = HistoryCheck.badInputRefused(List.of(), null);

        assertThat(result.holds()).isTrue();
        assertThat(result.note()).contains("no dlq topic");
    }

    @Test
    void a_group_caught_up_or_only_recently_behind_does_not_stall() {
        fireAndComplete(1, 1.1, RunOutcome.OK);
        fireAndComplete(200, 200.1, RunOutcome.OK);
        List<PartitionStalls.GroupPosition> positions = List.of(
                new PartitionStalls.GroupPosition("firelane.status", "runs", 0, 2L), // read everything
                new PartitionStalls.GroupPosition("firelane-workers", "fires", 0, 1L)); // behind by one fire of 100 s ago

        HistoryCheck.Result result = PartitionStalls.check(positions, Map.of("fires", fires, "runs", runs),
                t(300), Duration.ofMinutes(2));

        assertThat(result.holds()).as("%s", result).isTrue();
        assertThat(result.checked()).isEqualTo(2);
        assertThat(result.invariant()).isEqualTo(HistoryCheck.NO_PARTITION_STALLS);
    }

    @Test
    void a_record_left_unconsumed_past_the_settle_time_is_a_stall_naming_group_partition_and_record() {
        fireAndComplete(1, 1.1, RunOutcome.OK);
        fireAndComplete(2, 2.1, RunOutcome.OK);
        ReplayRecord bad = new ReplayRecord("control", 3, 7, t(5), "j", null, "Unexpected end-of-input");
        List<PartitionStalls.GroupPosition> positions = List.of(
                new PartitionStalls.GroupPosition("firelane.status", "runs", 0, 1L), // stuck before the second completion
                new PartitionStalls.GroupPosition("firelane.status", "control", 3, 7L), // stuck on the bad record
                new PartitionStalls.GroupPosition("firelane.status", "fires", 0, null)); // never committed: from the start

        HistoryCheck.Result result = PartitionStalls.check(positions,
                Map.of("fires", fires, "runs", runs, "control", List.of(bad)), t(300), Duration.ofMinutes(2));

        assertThat(result.violations()).extracting(HistoryCheck.Violation::what).containsExactly(
                "group firelane.status has not consumed runs-0 past offset 1 for 4m57s: 1 record(s) behind",
                "group firelane.status has not consumed control-3 past offset 7 for 4m55s: 1 record(s) behind",
                "group firelane.status has not consumed fires-0 past offset (none committed) for 4m59s: 2 record(s) behind");
        assertThat(result.violations().get(1).evidence()).singleElement().asString()
                .contains("control-3@7", "unreadable: Unexpected end-of-input");
    }

    @Test
    void a_group_without_any_committed_offset_is_not_checked_and_said_so() {
        fireAndComplete(1, 1.1, RunOutcome.OK);
        List<PartitionStalls.GroupPosition> positions = List.of(
                new PartitionStalls.GroupPosition("firelane-workers", "fires", 0, null),
                new PartitionStalls.GroupPosition("firelane.status", "fires", 0, 1L));

        HistoryCheck.Result result = PartitionStalls.check(positions, Map.of("fires", fires), t(300),
                Duration.ofMinutes(2));

        assertThat(result.holds()).isTrue();
        assertThat(result.checked()).isEqualTo(1);
        assertThat(result.note()).contains("not checked (no offsets committed): firelane-workers");
    }

    private static HistoryCheck.Result result(List<HistoryCheck.Result> results, String invariant) {
        return results.stream().filter(r -> r.invariant().equals(invariant)).findFirst().orElseThrow();
    }

    private void state(double at, JobStatus status, long generation, double updatedAt) {
        states.add(record("job-state", states.size(), at, new JobState(SPEC, status, generation, T0, t(updatedAt))));
    }

    private void pause(double at) {
        control.add(record("control", control.size(), at, new ControlCommand.Pause("c" + control.size(), "j", "ops", t(at), null)));
    }

    private void resume(double at) {
        control.add(record("control", control.size(), at, new ControlCommand.Resume("c" + control.size(), "j", "ops", t(at), null)));
    }

    /** A fire scheduled at {@code at}, emitted then, with a deadline or none. */
    private Fire fire(double at, Instant deadline) {
        Fire fire = new Fire(fireId(at), "j", t(at), t(at), 1, "noop", null, deadline, 1);
        fires.add(record("fires", fires.size(), at, fire));
        return fire;
    }

    private void fireAndComplete(double at, double doneAt, RunOutcome outcome) {
        fire(at, null);
        completed(doneAt, fireId(at), outcome);
    }

    private void completed(double at, String fireId, RunOutcome outcome) {
        runs.add(record("runs", runs.size(), at, new RunEvent.Completed(fireId, "j", "w1", 1, null, t(at), t(at), outcome,
                null, null)));
    }

    private static String fireId(double at) {
        return FireIds.of("j", t(at), 1);
    }

    private static ReplayRecord record(String topic, long offset, double at, Object event) {
        return new ReplayRecord(topic, 0, offset, t(at), "j", event, null);
    }

    private static Instant t(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }
}
