package dev.firelane.coordinator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firelane.coordinator.replay.ScheduleAudit.Line;
import dev.firelane.coordinator.replay.ScheduleAudit.Period;
import dev.firelane.coordinator.replay.ScheduleAudit.Verdict;
import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.ScheduleKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleAuditTest {
    private static final Instant CREATED = Instant.parse("2026-03-26T12:00:00Z");
    private static final JobSpec NIGHTLY = new JobSpec("nightly", ScheduleKind.CRON, "30 2 * * *", "Europe/Berlin", "noop",
            null, 0, null, null);
    private final ScheduleCalculator calculator = new ScheduleCalculator();

    @Test
    void reports_the_fire_missing_across_the_spring_forward_as_missed_at_the_end_of_the_gap() {
        // 02:30 does not exist in Berlin on 2026-03-29: that time fires at 03:00 CEST, 01:00Z
        List<Fire> fires = fires("2026-03-27T01:30:00Z", "2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z");

        ScheduleAudit.Report report = audit(List.of(new Period(CREATED, NIGHTLY, JobStatus.ACTIVE, CREATED)), fires, Map.of(),
                "2026-03-27T00:00:00Z", "2026-03-31T23:59:59Z");

        assertThat(report.lines()).extracting(Line::scheduledAt, Line::verdict).containsExactly(
                tuple("2026-03-27T01:30:00Z", Verdict.FIRED),
                tuple("2026-03-28T01:30:00Z", Verdict.FIRED),
                tuple("2026-03-29T01:00:00Z", Verdict.MISSED),
                tuple("2026-03-30T00:30:00Z", Verdict.FIRED),
                tuple("2026-03-31T00:30:00Z", Verdict.FIRED));
        assertThat(report.lines().get(2).zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(report.count(Verdict.MISSED)).isEqualTo(1);
    }

    @Test
    void times_while_paused_are_not_due_and_a_fire_for_one_after_the_resume_is_a_catch_up() {
        List<Period> periods = List.of(
                new Period(CREATED, NIGHTLY, JobStatus.ACTIVE, CREATED),
                new Period(Instant.parse("2026-03-27T12:00:00Z"), NIGHTLY, JobStatus.PAUSED, CREATED),
                new Period(Instant.parse("2026-03-30T12:00:00Z"), NIGHTLY, JobStatus.ACTIVE, CREATED));
        List<Fire> fires = new ArrayList<>(fires("2026-03-27T01:30:00Z", "2026-03-31T00:30:00Z"));
        fires.add(fire("2026-03-30T00:30:00Z", "2026-03-30T12:00:01Z", 1)); // misfire once, at the resume

        ScheduleAudit.Report report = audit(periods, fires, Map.of(), "2026-03-27T00:00:00Z", "2026-03-31T23:59:59Z");

        assertThat(report.lines()).extracting(Line::verdict).containsExactly(
                Verdict.FIRED, Verdict.NOT_DUE, Verdict.NOT_DUE, Verdict.CATCH_UP, Verdict.FIRED);
        assertThat(report.lines().get(1).note()).isEqualTo("the job was paused");
        assertThat(report.count(Verdict.MISSED)).isZero();
    }

    @Test
    void marks_a_fire_no_schedule_time_explains_as_extra_and_names_the_trigger_behind_it() {
        Instant triggered = Instant.parse("2026-03-27T09:15:00.123Z");
        Instant stray = Instant.parse("2026-03-27T10:00:00Z");
        List<Fire> fires = new ArrayList<>(fires("2026-03-27T01:30:00Z"));
        fires.add(fire(triggered.toString(), triggered.plusMillis(4).toString(), 1));
        fires.add(fire(stray.toString(), stray.toString(), 1));

        ScheduleAudit.Report report = audit(List.of(new Period(CREATED, NIGHTLY, JobStatus.ACTIVE, CREATED)), fires,
                Map.of(triggered, "trigger by alice"), "2026-03-27T00:00:00Z", "2026-03-27T23:59:59Z");

        assertThat(report.lines()).extracting(Line::verdict, Line::note).containsExactly(
                tuple2(Verdict.FIRED, null),
                tuple2(Verdict.EXTRA, "a trigger by alice"),
                tuple2(Verdict.EXTRA, "no schedule time or trigger explains it"));
    }

    @Test
    void lists_retries_with_their_time_and_says_when_a_fire_came_late() {
        List<Fire> fires = List.of(fire("2026-03-27T01:30:00Z", "2026-03-27T01:40:00Z", 1),
                fire("2026-03-27T01:30:00Z", "2026-03-27T01:41:00Z", 2));

        ScheduleAudit.Report report = audit(List.of(new Period(CREATED, NIGHTLY, JobStatus.ACTIVE, CREATED)), fires, Map.of(),
                "2026-03-27T00:00:00Z", "2026-03-27T23:59:59Z");

        assertThat(report.lines()).singleElement().satisfies(line -> {
            assertThat(line.retries()).containsExactly(2);
            assertThat(line.note()).isEqualTo("fired 10 min 0 s late");
        });
    }

    @Test
    void a_time_dropped_because_a_run_was_in_flight_is_skipped_not_missed() {
        JobSpec every5s = JobSpec.of("slow", ScheduleKind.EVERY, "5s", "sleep", null);
        Instant t0 = CREATED;
        Fire first = new Fire(FireIds.of("slow", t0.plusSeconds(5), 1), "slow", t0.plusSeconds(5), t0.plusSeconds(5), 1,
                "sleep", null, null, 1);
        List<ScheduleAudit.RunSpan> runs = List.of(new ScheduleAudit.RunSpan(first.fireId(), first.firedAt(), t0.plusSeconds(12)));

        ScheduleAudit.Report report = ScheduleAudit.audit("slow", List.of(new Period(t0, every5s, JobStatus.ACTIVE, t0)),
                List.of(first), Map.of(), runs, t0, t0.plusSeconds(15), 100, calculator);

        assertThat(report.lines()).extracting(Line::verdict).containsExactly(Verdict.FIRED, Verdict.SKIPPED, Verdict.MISSED);
        assertThat(report.lines().get(1).note()).isEqualTo("run " + first.fireId() + " was in flight (overlap skip)");
    }

    @Test
    void stops_at_the_limit_and_says_so() {
        JobSpec everySecond = JobSpec.of("fast", ScheduleKind.EVERY, "1s", "noop", null);
        ScheduleAudit.Report report = ScheduleAudit.audit("fast", List.of(new Period(CREATED, everySecond, JobStatus.ACTIVE, CREATED)),
                List.of(), Map.of(), List.of(), CREATED, CREATED.plusSeconds(3600), 10, calculator);

        assertThat(report.lines()).hasSize(10);
        assertThat(report.truncated()).isTrue();
    }

    @Test
    void a_job_never_created_is_not_found() {
        assertThatThrownBy(() -> audit(List.of(), List.of(), Map.of(), "2026-03-27T00:00:00Z", "2026-03-28T00:00:00Z"))
                .isInstanceOf(ReplayException.class).hasMessageContaining("never created");
    }

    private ScheduleAudit.Report audit(List<Period> periods, List<Fire> fires, Map<Instant, String> triggers, String from, String to) {
        return ScheduleAudit.audit("nightly", periods, fires, triggers, List.of(), Instant.parse(from), Instant.parse(to), 1000,
                calculator);
    }

    private static List<Fire> fires(String... scheduled) {
        List<Fire> out = new ArrayList<>();
        for (String t : scheduled) {
            out.add(fire(t, Instant.parse(t).plusMillis(3).toString(), 1));
        }
        return out;
    }

    private static Fire fire(String scheduled, String fired, int attempt) {
        Instant at = Instant.parse(scheduled);
        return new Fire(FireIds.of("nightly", at, attempt), "nightly", at, Instant.parse(fired), attempt, "noop", null, null, 1);
    }

    private static org.assertj.core.groups.Tuple tuple(String at, Verdict verdict) {
        return org.assertj.core.groups.Tuple.tuple(Instant.parse(at), verdict);
    }

    private static org.assertj.core.groups.Tuple tuple2(Verdict verdict, String note) {
        return org.assertj.core.groups.Tuple.tuple(verdict, note);
    }
}
