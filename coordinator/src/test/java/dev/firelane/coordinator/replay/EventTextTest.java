package dev.firelane.coordinator.replay;

import static dev.firelane.coordinator.replay.History.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.status.CommandRow;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.ScheduleKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTextTest {
    private static final Instant AT = Instant.parse("2026-03-01T02:13:00.004Z");

    @Test
    void says_who_paused_and_why() {
        ControlCommand pause = new ControlCommand.Pause("c1", "x", "alice", AT, "db maintenance");
        assertThat(text(pause)).isEqualTo("Pause by alice \"db maintenance\"");
    }

    @Test
    void says_when_a_fire_was_scheduled_and_which_attempt_it_is() {
        Fire fire = new Fire("x@1", "x", Instant.parse("2026-03-01T02:13:00Z"), AT, 1, "noop", null, null, 1);
        assertThat(text(fire)).isEqualTo("Fire 02:13:00 attempt 1");
        Fire late = new Fire("x@1", "x", Instant.parse("2026-03-01T00:13:00Z"), AT, 2, "noop", null, null, 1);
        assertThat(text(late)).isEqualTo("Fire 00:13:00 attempt 2 (fired 2 h 0 min late)");
        Fire yesterday = new Fire("x@1", "x", Instant.parse("2026-02-28T23:00:00Z"), AT, 1, "noop", null, null, 1);
        assertThat(text(yesterday)).startsWith("Fire 2026-02-28T23:00:00Z attempt 1");
    }

    @Test
    void says_where_a_run_started_and_how_it_ended() {
        assertThat(text(new RunEvent.Started("x@1", "x", "worker-2", 1, AT, AT))).isEqualTo("Started on worker-2");
        RunEvent.Completed ok = new RunEvent.Completed("x@1", "x", "worker-2", 1, AT, AT, AT.plusMillis(3_100),
                RunOutcome.OK, null, null);
        assertThat(text(ok)).isEqualTo("Completed ok in 3.1 s");
        RunEvent.Completed failed = new RunEvent.Completed("x@1#2", "x", "worker-2", 2, AT, AT, AT.plusSeconds(65),
                RunOutcome.ERROR, "HTTP 500", 500);
        assertThat(text(failed)).isEqualTo("Completed error in 1 min 5 s: HTTP 500 (delivery 500), attempt 2");
    }

    @Test
    void describes_a_create_with_its_schedule() {
        JobSpec spec = new JobSpec("x", ScheduleKind.CRON, "30 2 * * *", "Europe/Berlin", "http", null, 0, null, null);
        ControlCommand create = new ControlCommand.Create("c1", "x", "alice", AT, null, spec, true);
        assertThat(text(create)).isEqualTo("Create by alice: cron 30 2 * * * Europe/Berlin, handler http, created paused");
    }

    @Test
    void says_what_became_of_a_command_that_changed_nothing_or_was_rejected() {
        ControlCommand pause = new ControlCommand.Pause("c1", "x", "alice", AT, null);
        CommandRow noOp = new CommandRow("c1", "x", "Pause", "alice", AT, null, AT, CommandRow.APPLIED, "already paused");
        CommandRow rejected = new CommandRow("c1", "x", "Pause", "alice", AT, null, AT, CommandRow.REJECTED,
                "cannot pause a completed job");
        ReplayRecord r = record("control", 3, AT, "x", pause);
        assertThat(EventText.of(new JobStep(r, null, false, null, noOp))).isEqualTo("Pause by alice -> no change: already paused");
        assertThat(EventText.of(new JobStep(r, null, false, null, rejected)))
                .isEqualTo("Pause by alice -> rejected: cannot pause a completed job");
        assertThat(EventText.of(new JobStep(r, null, true, null, noOp))).endsWith("(a redelivery: already applied, changes nothing)");
    }

    @Test
    void shows_malformed_and_refused_records_as_what_went_to_the_dlq() {
        ReplayRecord bad = History.malformed("runs", 4, AT, "x", "not JSON: Unexpected character");
        assertThat(EventText.of(new JobStep(bad, bad.malformed(), false, null, null)))
                .isEqualTo("malformed record, not applied (dlq): not JSON: Unexpected character");
        ReplayRecord tombstone = record("control", 5, AT, "x", null);
        assertThat(EventText.of(new JobStep(tombstone, "a record without a value (tombstone) on f.control means nothing", false, null, null)))
                .startsWith("Tombstone refused, not applied (dlq): a record without a value");
    }

    @Test
    void says_what_the_status_stream_published() {
        JobState state = new JobState(History.every("x", "1m"), JobStatus.PAUSED, 3, AT, AT);
        assertThat(EventText.ofJobState(record("job-state", 1, AT, "x", state))).isEqualTo("published paused, generation 3");
        assertThat(EventText.ofJobState(record("job-state", 2, AT, "x", null))).isEqualTo("published a tombstone (the job is deleted)");
    }

    @Test
    void writes_durations_for_people() {
        assertThat(EventText.duration(Duration.ofMillis(400))).isEqualTo("0.4 s");
        assertThat(EventText.duration(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(EventText.duration(Duration.ofMinutes(190))).isEqualTo("3 h 10 min");
    }

    private static String text(Object event) {
        return EventText.of(new JobStep(record("x", 0, AT, "x", event), null, false, null, null));
    }
}
