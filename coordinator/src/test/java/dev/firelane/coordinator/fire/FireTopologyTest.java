package dev.firelane.coordinator.fire;

import static dev.firelane.coordinator.fire.JobStateBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.testing.SettableClock;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.DeadLetter;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.RunOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FireTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path stateDir;

    private FireTopologyHarness harness;

    private FireTopologyHarness start(Instant at) {
        return start(at, b -> b);
    }

    private FireTopologyHarness start(Instant at, UnaryOperator<FireTopologyConfig.Builder> tweak) {
        SettableClock clock = new SettableClock(at);
        harness = new FireTopologyHarness(tweak.apply(FireTopologyConfig.builder().clock(clock)).build(), clock, stateDir);
        return harness;
    }

    @AfterEach
    void closeDriver() {
        if (harness != null) {
            harness.close();
        }
    }

    private static List<Instant> scheduledTimes(List<Fire> fires) {
        return fires.stream().map(Fire::scheduledAt).toList();
    }

    private static Instant t(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    @Test
    void every_job_fires_on_each_interval_exactly_once() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("j1").every("5s").createdAt(T0).build());

        h.advance(Duration.ofMillis(4_800));
        assertThat(h.fires()).isEmpty();

        h.advance(Duration.ofMillis(200));
        List<TestRecord<String, Fire>> first = h.fireRecords();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).key()).isEqualTo("j1");
        Fire fire = first.get(0).value();
        assertThat(fire.fireId()).isEqualTo("j1@" + t(5).toEpochMilli());
        assertThat(fire.jobId()).isEqualTo("j1");
        assertThat(fire.scheduledAt()).isEqualTo(t(5));
        assertThat(fire.firedAt()).isEqualTo(t(5));
        assertThat(fire.attempt()).isEqualTo(1);
        assertThat(fire.handler()).isEqualTo("noop");
        assertThat(fire.payload().get("job").asText()).isEqualTo("j1");
        assertThat(fire.deadline()).isNull();
        assertThat(fire.generation()).isEqualTo(1);

        h.advance(Duration.ofSeconds(11));
        List<Fire> later = h.fires();
        assertThat(scheduledTimes(later)).containsExactly(t(10), t(15));
        assertThat(later).extracting(Fire::fireId)
                .containsExactly("j1@" + t(10).toEpochMilli(), "j1@" + t(15).toEpochMilli());
        assertThat(h.entry("j1").lastScheduledAt()).isEqualTo(t(15));
        assertThat(h.dueIndexKeys()).containsExactly(DueIndex.key(t(20), "j1"));
    }

    @Test
    void at_job_fires_once_at_its_instant() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("once").at(t(3)).createdAt(T0).build());

        h.advance(Duration.ofMillis(2_800));
        assertThat(h.fires()).isEmpty();
        h.advance(Duration.ofMillis(200));
        assertThat(h.fires()).singleElement().satisfies(fire -> {
            assertThat(fire.scheduledAt()).isEqualTo(t(3));
            assertThat(fire.firedAt()).isEqualTo(t(3));
        });

        h.jumpTo(t(13));
        assertThat(h.fires()).isEmpty();
        assertThat(h.dueIndexKeys()).isEmpty();
    }

    @Test
    void at_job_in_the_past_fires_once_immediately_and_never_again() {
        FireTopologyHarness h = start(T0);
        Instant past = T0.minus(Duration.ofHours(1));
        h.put(aJob("late").at(past).createdAt(past.minusSeconds(60)).build());

        h.advance(Duration.ofMillis(200));
        assertThat(h.fires()).singleElement().satisfies(fire -> {
            assertThat(fire.fireId()).isEqualTo("late@" + past.toEpochMilli());
            assertThat(fire.scheduledAt()).isEqualTo(past);
            assertThat(fire.firedAt()).as("at the first punctuation")
                    .isEqualTo(T0.plus(FireTopologyConfig.DEFAULT_PUNCTUATION_INTERVAL));
        });

        h.advance(Duration.ofSeconds(5));
        h.put(aJob("late").at(past).createdAt(past.minusSeconds(60)).build()); // redelivered
        h.advance(Duration.ofSeconds(5));
        assertThat(h.fires()).isEmpty();
    }

    @Test
    void at_job_paused_through_its_instant_fires_once_when_resumed() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("once").at(t(3)).createdAt(T0).build());
        h.put(aJob("once").at(t(3)).createdAt(T0).status(JobStatus.PAUSED).generation(2).build());
        h.jumpTo(t(10));
        assertThat(h.fires()).isEmpty();

        h.put(aJob("once").at(t(3)).createdAt(T0).generation(3).build());
        h.advance(Duration.ofMillis(200));
        h.jumpTo(t(20));

        // missed while paused: the default misfire policy (once) catches it up at the resume
        assertThat(h.fires()).singleElement().satisfies(fire -> {
            assertThat(fire.scheduledAt()).isEqualTo(t(3));
            assertThat(fire.firedAt()).isEqualTo(t(10));
        });
    }

    @Test
    void at_job_updated_to_a_new_instant_fires_that_instant_but_never_the_old_one_again() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("once").at(t(3)).createdAt(T0).build());
        h.advance(Duration.ofSeconds(4));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(3));

        h.put(aJob("once").at(t(3)).createdAt(T0).generation(2).build());
        h.put(aJob("once").at(t(8)).createdAt(T0).generation(3).build());
        h.advance(Duration.ofSeconds(10));

        assertThat(scheduledTimes(h.fires())).containsExactly(t(8));
    }

    @Test
    void quartz_cron_with_seconds_fires_at_its_times_in_the_job_zone() {
        // 09:30:10 in Berlin is 08:30:10Z in March (UTC+1)
        Instant start = Instant.parse("2026-03-01T08:29:00Z");
        FireTopologyHarness h = start(start);
        h.put(aJob("berlin").cron("10 30 9 * * ?", "Europe/Berlin").createdAt(start).build());

        h.jumpTo(Instant.parse("2026-03-01T08:30:09.800Z"));
        assertThat(h.fires()).isEmpty();
        h.jumpTo(Instant.parse("2026-03-01T08:30:10Z"));
        assertThat(scheduledTimes(h.fires())).containsExactly(Instant.parse("2026-03-01T08:30:10Z"));

        h.jumpTo(Instant.parse("2026-03-02T08:30:09.800Z"));
        assertThat(h.fires()).isEmpty();
        h.jumpTo(Instant.parse("2026-03-02T08:30:10Z"));
        assertThat(h.fires()).singleElement().satisfies(fire -> {
            assertThat(fire.scheduledAt()).isEqualTo(Instant.parse("2026-03-02T08:30:10Z"));
            assertThat(fire.fireId()).isEqualTo("berlin@" + Instant.parse("2026-03-02T08:30:10Z").toEpochMilli());
        });
    }

    @Test
    void unix_cron_fires_at_its_times_in_the_job_zone() {
        // weekdays 09:00 in New York is 14:00Z in January (UTC-5); 2026-01-16 is a Friday
        Instant start = Instant.parse("2026-01-16T13:59:00Z");
        FireTopologyHarness h = start(start);
        h.put(aJob("ny").cron("0 9 * * 1-5", "America/New_York").createdAt(start).build());

        h.jumpTo(Instant.parse("2026-01-16T13:59:59.800Z"));
        assertThat(h.fires()).isEmpty();
        h.jumpTo(Instant.parse("2026-01-16T14:00:00Z"));
        assertThat(scheduledTimes(h.fires())).containsExactly(Instant.parse("2026-01-16T14:00:00Z"));

        h.jumpTo(Instant.parse("2026-01-17T14:00:00Z"));
        h.jumpTo(Instant.parse("2026-01-18T14:00:00Z"));
        h.jumpTo(Instant.parse("2026-01-19T13:59:59.800Z"));
        assertThat(h.fires()).as("no fire on the weekend").isEmpty();
        h.jumpTo(Instant.parse("2026-01-19T14:00:00Z"));
        assertThat(scheduledTimes(h.fires())).containsExactly(Instant.parse("2026-01-19T14:00:00Z"));
    }

    @Test
    void paused_job_never_fires() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("created-paused").every("1s").status(JobStatus.PAUSED).createdAt(T0).build());
        h.put(aJob("paused-later").every("5s").createdAt(T0).build());
        h.advance(Duration.ofSeconds(1));
        h.put(aJob("paused-later").every("5s").createdAt(T0).status(JobStatus.PAUSED).generation(2).build());

        h.advance(Duration.ofSeconds(6));
        h.jumpTo(t(37));

        assertThat(h.fires()).isEmpty();
        assertThat(h.dueIndexKeys()).isEmpty();
    }

    @Test
    void resumed_job_fires_one_catch_up_by_default_then_its_next_future_time() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("j1").every("5s").createdAt(T0).build());
        h.advance(Duration.ofMillis(5_200));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(5));

        h.put(aJob("j1").every("5s").createdAt(T0).status(JobStatus.PAUSED).generation(2).build());
        h.jumpTo(t(31)); // 10, 15, 20, 25 and 30 are missed while paused
        assertThat(h.fires()).isEmpty();

        h.put(aJob("j1").every("5s").createdAt(T0).generation(3).build());
        h.advance(Duration.ofSeconds(5)); // to t(36)
        List<Fire> fires = h.fires();
        assertThat(scheduledTimes(fires)).containsExactly(t(30), t(35));
        assertThat(fires.get(0).firedAt()).isEqualTo(t(31));
        assertThat(fires).extracting(Fire::generation).containsOnly(3L);
    }

    @Test
    void deleted_job_stops_firing() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("j1").every("5s").createdAt(T0).build());
        h.advance(Duration.ofMillis(5_200));
        assertThat(h.fires()).hasSize(1);

        h.delete("j1"); // at t(5.2)
        h.advance(Duration.ofSeconds(5));
        h.jumpTo(t(30));

        assertThat(h.fires()).isEmpty();
        assertThat(h.entry("j1").deleted()).as("a marker of the deleted incarnation").isTrue();
        Instant forgetAt = t(5.2).plus(FireTopologyConfig.DEFAULT_DELETION_MEMORY);
        assertThat(h.dueIndexKeys()).containsExactly(DueIndex.key(forgetAt, "j1"));

        h.jumpTo(forgetAt);
        assertThat(h.fires()).isEmpty();
        assertThat(h.entry("j1")).isNull();
        assertThat(h.dueIndexKeys()).isEmpty();
    }

    @Test
    void redelivered_job_state_neither_refires_nor_skips_a_time() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("j1").every("5s").createdAt(T0).build());
        h.advance(Duration.ofMillis(5_200));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(5));

        h.put(aJob("j1").every("5s").createdAt(T0).build());
        h.put(aJob("j1").every("5s").createdAt(T0).build());
        h.advance(Duration.ofSeconds(5));

        assertThat(scheduledTimes(h.fires())).containsExactly(t(10));
    }

    @Test
    void job_state_seen_on_a_lagging_clock_never_refires_a_fired_time() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("j1").every("5s").createdAt(T0).build());
        h.advance(Duration.ofMillis(5_200));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(5));

        // e.g. another instance takes over with a clock 2 s behind, and the job is re-applied
        h.clock().set(t(3.2));
        h.put(aJob("j1").every("5s").createdAt(T0).generation(2).build());
        assertThat(h.dueIndexKeys()).containsExactly(DueIndex.key(t(10), "j1"));
        h.advance(Duration.ofSeconds(7));

        assertThat(scheduledTimes(h.fires())).containsExactly(t(10));
    }

    @Test
    void restarted_topology_redelivered_the_job_state_does_not_refire() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("j1").every("5s").createdAt(T0).build());
        h.advance(Duration.ofMillis(5_200));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(5));

        h.restartWithRestoredStores();
        // the job state is redelivered after the restart, on a clock that lags behind the last fire
        h.clock().set(t(4));
        h.put(aJob("j1").every("5s").createdAt(T0).generation(2).build());
        assertThat(h.dueIndexKeys()).containsExactly(DueIndex.key(t(10), "j1"));
        h.advance(Duration.ofMillis(6_200));

        assertThat(scheduledTimes(h.fires())).containsExactly(t(10));
    }

    @Test
    void restart_after_downtime_fires_one_catch_up_then_returns_to_the_schedule() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("j1").every("5s").createdAt(T0).build());
        h.advance(Duration.ofMillis(5_200));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(5));

        h.restartWithRestoredStores();
        h.jumpTo(t(31)); // down while 10, 15, 20, 25 and 30 were due
        List<Fire> catchUp = h.fires();
        assertThat(scheduledTimes(catchUp)).as("the default misfire policy: once, for the most recent").containsExactly(t(30));
        assertThat(catchUp.get(0).firedAt()).isEqualTo(t(31));

        h.advance(Duration.ofSeconds(5));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(35));
    }

    @Test
    void restart_redelivering_the_same_job_state_keeps_the_overdue_time_for_its_catch_up() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("j1").every("5s").createdAt(T0).build());
        h.advance(Duration.ofMillis(5_200));
        assertThat(h.fires()).hasSize(1);

        h.restartWithRestoredStores();
        h.clock().set(t(31));
        h.put(aJob("j1").every("5s").createdAt(T0).build()); // same generation: nothing changed
        h.advance(Duration.ofMillis(200));

        // t(10) stayed overdue, so the outage is seen as missed times: one catch-up, the most recent
        assertThat(scheduledTimes(h.fires())).containsExactly(t(30));
    }

    @Test
    void a_due_time_not_after_the_last_fired_time_is_never_fired() {
        FireTopologyHarness h = start(T0);
        h.plant(new ScheduleEntry(aJob("j1").every("5s").createdAt(T0).build(), t(5), t(5)));

        h.advance(Duration.ofMillis(5_200));
        assertThat(h.fires()).isEmpty();
        assertThat(h.dueIndexKeys()).containsExactly(DueIndex.key(t(10), "j1"));

        h.advance(Duration.ofSeconds(5));
        assertThat(scheduledTimes(h.fires())).containsExactly(t(10));
    }

    @Test
    void trigger_fires_an_active_job_now() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("j1").every("1h").createdAt(T0).build());
        h.advance(Duration.ofMillis(1_600));

        h.triggered("j1", "cmd-1", t(1.5));

        assertThat(h.fireRecords()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("j1");
            Fire fire = record.value();
            assertThat(fire.fireId()).isEqualTo("j1@" + t(1.5).toEpochMilli());
            assertThat(fire.scheduledAt()).isEqualTo(t(1.5));
            assertThat(fire.firedAt()).isEqualTo(t(1.6));
            assertThat(fire.attempt()).isEqualTo(1);
            assertThat(fire.handler()).isEqualTo("noop");
        });
        // the schedule is untouched: the next scheduled fire is still an hour after creation
        assertThat(h.dueIndexKeys()).containsExactly(DueIndex.key(T0.plus(Duration.ofHours(1)), "j1"));
    }

    @Test
    void a_trigger_the_status_stream_published_for_a_job_paused_here_is_not_fired() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("sleepy").every("1h").createdAt(T0).status(JobStatus.PAUSED).build());

        h.triggered("sleepy", "cmd-1", T0);
        h.advance(Duration.ofSeconds(1));

        assertThat(h.fires()).isEmpty();
    }

    @Test
    void a_trigger_read_on_control_fires_nothing_by_itself_the_status_stream_decides() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("j1").every("1h").createdAt(T0).build());
        h.advance(Duration.ofSeconds(1));

        // active as this topology last read it, but the status stream may have it paused already: it alone decides
        h.command(new ControlCommand.Trigger("cmd-1", "j1", "alice", t(1), null));
        h.command(new ControlCommand.Trigger("cmd-2", "ghost", "alice", t(1), null));
        h.advance(Duration.ofSeconds(1));

        assertThat(h.fires()).isEmpty();
    }

    @Test
    void a_trigger_sent_right_after_the_create_is_never_lost() {
        FireTopologyHarness h = start(T0);
        // the trigger is on control before this topology has read the job's creation from job-state
        h.command(new ControlCommand.Trigger("cmd-2", "j1", "alice", t(0.1), null));
        h.put(aJob("j1").every("1h").createdAt(T0).build());
        h.triggered("j1", "cmd-2", t(0.1));
        h.advance(Duration.ofMillis(200));

        assertThat(h.fires()).extracting(Fire::scheduledAt).containsExactly(t(0.1));
    }

    @Test
    void a_trigger_fires_once_however_often_its_state_is_read() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("j1").every("1h").createdAt(T0).build());
        h.triggered("j1", "cmd-1", t(0.5));
        h.advance(Duration.ofSeconds(1));
        assertThat(h.fires()).extracting(Fire::scheduledAt).containsExactly(t(0.5));

        // the status stream publishes it again after a crash, and later states come without it
        h.triggered("j1", "cmd-1", t(0.5));
        h.put(aJob("j1").every("2h").generation(2).createdAt(T0).updatedAt(t(2)).build());
        h.triggered("j1", "cmd-1", t(0.5));
        h.advance(Duration.ofSeconds(1));
        assertThat(h.fires()).isEmpty();

        h.restartWithRestoredStores();
        h.triggered("j1", "cmd-1", t(0.5));
        h.triggered("j1", "cmd-3", t(4));
        h.advance(Duration.ofSeconds(1));
        assertThat(h.fires()).as("the next trigger fires").extracting(Fire::scheduledAt).containsExactly(t(4));
    }

    @Test
    void a_trigger_in_the_first_state_read_of_a_job_is_history() {
        FireTopologyHarness h = start(T0);
        // a new application reads job-state from its start: the job's creation compacted away, its latest state
        // still carries the trigger applied long ago
        h.put(aJob("j1").every("1h").createdAt(T0).build().withTrigger(new JobState.Trigger("cmd-9", T0)));
        h.advance(Duration.ofSeconds(1));

        assertThat(h.fires()).isEmpty();
    }

    @Test
    void commands_other_than_pause_and_delete_do_not_fire_or_change_the_schedule() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("j1").every("5s").createdAt(T0).build());
        var otherSpec = aJob("j1").every("1s").build().spec();

        h.command(new ControlCommand.Create("cmd-1", "j1", "alice", T0, null, otherSpec, true));
        h.command(new ControlCommand.Update("cmd-2", "j1", "alice", T0, null, otherSpec));
        h.command(new ControlCommand.Resume("cmd-3", "j1", "alice", T0, null));
        h.command(new ControlCommand.Cancel("cmd-4", "j1", "alice", T0, null, "j1@" + T0.toEpochMilli()));
        h.command(new ControlCommand.Trigger("cmd-5", "j1", "alice", t(1), null));
        h.advance(Duration.ofSeconds(5));

        // their effect comes through job-state: until then the job fires as before (pause and delete: see
        // PauseHoldTopologyTest)
        assertThat(scheduledTimes(h.fires())).containsExactly(t(5));
    }

    @Test
    void malformed_records_are_skipped_and_later_records_are_processed() {
        FireTopologyHarness h = start(T0);

        h.rawJobState("j1", "{not json");
        h.rawJobState("j1", "{\"v\":1,\"status\":\"active\"}");
        h.rawControl("j1", "{\"v\":1,\"type\":\"Explode\"}");
        h.put(aJob("j1").every("5s").createdAt(T0).build());
        h.advance(Duration.ofSeconds(5));
        h.triggered("j1", "cmd-1", t(4.9));

        assertThat(scheduledTimes(h.fires())).containsExactly(t(5), t(4.9));
    }

    @Test
    void malformed_records_are_sent_to_the_dlq_with_the_reason() {
        SettableClock clock = new SettableClock(T0);
        harness = new FireTopologyHarness(FireTopologyConfig.builder().clock(clock).build(), clock, stateDir, false);

        harness.rawJobState("j1", "{not json");
        harness.rawJobState("j1", "{\"v\":1,\"status\":\"active\"}");
        harness.rawControl("j1", "{\"v\":1,\"type\":\"Explode\"}");

        List<DeadLetter> letters = harness.deadLetters();
        assertThat(letters).extracting(DeadLetter::sourceTopic)
                .containsExactly("firelane.job-state", "firelane.job-state", "firelane.control");
        assertThat(letters).extracting(DeadLetter::rejectedBy).containsOnly(FireStream.COMPONENT);
        assertThat(letters).extracting(DeadLetter::rejectedAt).containsOnly(T0);
        assertThat(letters.get(0).reason()).contains("not JSON");
        assertThat(letters.get(2).reason()).contains("Explode");
        assertThat(new String(letters.get(0).value(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{not json");
    }

    @Test
    void due_jobs_beyond_the_per_punctuation_limit_fire_on_the_next_punctuations() {
        FireTopologyHarness h = start(T0, b -> b.maxFiresPerPunctuation(2));
        for (int i = 1; i <= 5; i++) {
            h.put(aJob("j" + i).every("5s").createdAt(T0).build());
        }

        h.advance(Duration.ofSeconds(5));
        assertThat(h.fires()).hasSize(2);
        h.advance(Duration.ofMillis(400));
        List<Fire> rest = h.fires();

        assertThat(rest).hasSize(3);
        assertThat(scheduledTimes(rest)).containsOnly(t(5));
        assertThat(h.dueIndexKeys()).hasSize(5).allMatch(key -> key.startsWith(DueIndex.key(t(10), "")));
    }

    @Test
    void a_due_time_added_behind_where_scans_start_still_fires_at_the_next_punctuation() {
        FireTopologyHarness h = start(T0);
        h.put(aJob("j1").every("5s").createdAt(T0).build());
        h.advance(Duration.ofSeconds(2)); // the scans now start after t(2)

        h.put(aJob("late").at(t(1.5)).createdAt(T0).build()); // its instant already passed: due at once
        h.advance(FireTopologyConfig.DEFAULT_PUNCTUATION_INTERVAL);

        assertThat(h.fires()).singleElement().satisfies(fire -> {
            assertThat(fire.jobId()).isEqualTo("late");
            assertThat(fire.firedAt()).isEqualTo(t(2).plus(FireTopologyConfig.DEFAULT_PUNCTUATION_INTERVAL));
        });
    }

    @Test
    void due_entries_left_when_the_budget_runs_out_fire_at_the_next_punctuation() {
        FireTopologyHarness h = start(T0, b -> b.maxFiresPerPunctuation(3));
        h.put(aJob("j1").every("1s").createdAt(T0).build());
        h.put(aJob("j2").every("1s").createdAt(T0).build());
        h.advance(Duration.ofSeconds(1));
        assertThat(h.fires()).hasSize(2);

        h.restartWithRestoredStores();
        h.jumpTo(t(4.5)); // 2, 3 and 4 are overdue for both; j1's three use the whole budget
        assertThat(h.fires()).extracting(Fire::jobId).containsExactly("j1", "j1", "j1");

        h.advance(FireTopologyConfig.DEFAULT_PUNCTUATION_INTERVAL);
        List<Fire> rest = h.fires();
        assertThat(rest).extracting(Fire::jobId).containsOnly("j2");
        assertThat(scheduledTimes(rest)).containsExactly(t(2), t(3), t(4));
    }

    @Test
    void all_sources_share_one_sub_topology_and_its_stores() {
        FireTopologyConfig config = FireTopologyConfig.builder().build();
        TopologyDescription description = FireTopology.build(config).describe();

        assertThat(description.subtopologies()).singleElement().satisfies(sub -> {
            assertThat(sub.nodes()).extracting(TopologyDescription.Node::name).contains(FireTopology.JOB_STATE_SOURCE,
                    FireTopology.CONTROL_SOURCE, FireTopology.RUNS_SOURCE, FireTopology.FIRES_SINK);
            assertThat(sub.nodes()).filteredOn(node -> node instanceof TopologyDescription.Processor)
                    .allSatisfy(node -> assertThat(((TopologyDescription.Processor) node).stores()).containsExactlyInAnyOrder(
                            FireTopology.SCHEDULES_STORE, FireTopology.DUE_INDEX_STORE,
                            FireTopology.IN_FLIGHT_STORE, FireTopology.IN_FLIGHT_INDEX_STORE,
                            FireTopology.SCAN_FLOORS_STORE));
        });
    }

    @Test
    void in_flight_state_on_rocksdb_blocks_overlap_and_drives_a_retry_across_a_restart() {
        FireTopologyHarness h = start(T0, b -> b.retryBackoff(new RetryBackoff(Duration.ofSeconds(2),
                Duration.ofMinutes(5), 0.2, RetryBackoffTest.fixed(0.5))));
        h.put(aJob("j1").every("5s").overlap(OverlapPolicy.SKIP).maxAttempts(2).createdAt(T0).build());
        h.put(aJob("j10").every("5s").overlap(OverlapPolicy.SKIP).createdAt(T0).build()); // shares the prefix "j1"
        h.advance(Duration.ofSeconds(5));
        List<Fire> first = h.fires();
        assertThat(first).extracting(Fire::jobId).containsExactlyInAnyOrder("j1", "j10");
        Fire j10 = first.stream().filter(f -> f.jobId().equals("j10")).findFirst().orElseThrow();
        h.completed(j10, RunOutcome.OK);

        h.advance(Duration.ofSeconds(5)); // t(10): j1 is in flight (skipped), j10 is not
        assertThat(h.fires()).extracting(Fire::jobId).containsExactly("j10");

        h.completed(first.stream().filter(f -> f.jobId().equals("j1")).findFirst().orElseThrow(), RunOutcome.ERROR);
        h.restartWithRestoredStores(); // retry of j1 pending for t(12)
        h.advance(Duration.ofSeconds(2));
        assertThat(h.fires()).singleElement().satisfies(fire -> {
            assertThat(fire.fireId()).isEqualTo(FireIds.of("j1", t(5), 2));
            assertThat(fire.firedAt()).isEqualTo(t(12));
        });
    }
}
