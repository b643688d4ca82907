package dev.firelane.coordinator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firelane.protocol.InvalidFieldException;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.ScheduleKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScheduleCalculatorTest {
    private static final Instant ANCHOR = Instant.parse("2026-03-01T10:00:00Z");

    private final ScheduleCalculator calculator = new ScheduleCalculator();

    static JobSpec spec(ScheduleKind kind, String schedule, String zone) {
        return new JobSpec("job-1", kind, schedule, zone, "noop", null, 0, null, null);
    }

    private Optional<Instant> nextAfter(ScheduleKind kind, String schedule, String zone, String anchor, String after) {
        return calculator.nextAfter(spec(kind, schedule, zone), Instant.parse(anchor), Instant.parse(after));
    }

    @ParameterizedTest(name = "every {0} from {1}, after {2} -> {3}")
    @CsvSource({
        "5s,    2026-03-01T10:00:00Z,     2026-03-01T10:00:00Z,     2026-03-01T10:00:05Z",
        "5s,    2026-03-01T10:00:00Z,     2026-03-01T10:00:04.999Z, 2026-03-01T10:00:05Z",
        "5s,    2026-03-01T10:00:00Z,     2026-03-01T10:00:05Z,     2026-03-01T10:00:10Z",
        "5s,    2026-03-01T10:00:00Z,     2026-03-01T10:00:07.300Z, 2026-03-01T10:00:10Z",
        "5s,    2026-03-01T10:00:00Z,     2026-02-01T00:00:00Z,     2026-03-01T10:00:05Z",
        "PT1H30M, 2026-03-01T10:00:00Z,   2026-03-02T00:00:00Z,     2026-03-02T01:00:00Z",
        "1500ms, 2026-03-01T10:00:00.250Z, 2026-03-01T10:00:03.250Z, 2026-03-01T10:00:04.750Z",
        "1d,    2026-03-01T10:00:00Z,     2026-03-29T10:00:00Z,     2026-03-30T10:00:00Z",
        // sub-millisecond anchors are cut to the millisecond of fire ids
        "10s,   2026-03-01T10:00:00.000900Z, 2026-03-01T10:00:00.5Z, 2026-03-01T10:00:10Z",
    })
    void every_is_a_fixed_rate_from_the_anchor(String interval, String anchor, String after, String expected) {
        assertThat(nextAfter(ScheduleKind.EVERY, interval, null, anchor, after)).contains(Instant.parse(expected));
    }

    @ParameterizedTest(name = "at {0}, after {1} -> {2}")
    @CsvSource({
        "2026-03-01T12:00:00Z,      2026-03-01T11:59:59.999Z, 2026-03-01T12:00:00Z",
        "2026-03-01T13:00:00+01:00, 2026-03-01T10:00:00Z,     2026-03-01T12:00:00Z",
        "2026-03-01T12:00:00Z,      2026-03-01T12:00:00Z,     ",
        "2026-03-01T12:00:00Z,      2026-03-02T00:00:00Z,     ",
    })
    void at_fires_only_if_its_instant_is_after(String at, String after, String expected) {
        Optional<Instant> next = nextAfter(ScheduleKind.AT, at, null, ANCHOR.toString(), after);
        if (expected == null) {
            assertThat(next).isEmpty();
        } else {
            assertThat(next).contains(Instant.parse(expected));
        }
    }

    @ParameterizedTest(name = "cron ''{0}'' in {1}, after {2} -> {3}")
    @CsvSource({
        // Quartz, seconds first; Berlin is UTC+1 in winter, UTC+2 in summer
        "'10 30 9 * * ?',        Europe/Berlin,    2026-03-01T00:00:00Z,     2026-03-01T08:30:10Z",
        "'10 30 9 * * ?',        Europe/Berlin,    2026-07-01T00:00:00Z,     2026-07-01T07:30:10Z",
        "'*/15 * * * * ?',       UTC,              2026-03-01T10:00:07Z,     2026-03-01T10:00:15Z",
        "'*/15 * * * * ?',       UTC,              2026-03-01T10:00:15Z,     2026-03-01T10:00:30Z",
        "'*/15 * * * * ?',       UTC,              2026-03-01T10:00:14.999Z, 2026-03-01T10:00:15Z",
        "'* * * * * ?',          UTC,              2026-03-01T10:00:00.500Z, 2026-03-01T10:00:01Z",
        "'0 0 12 ? * MON-FRI',   Asia/Tokyo,       2026-01-16T03:00:00Z,     2026-01-19T03:00:00Z",
        // Quartz with a year
        "'0 0 12 1 1 ? 2027',    Europe/Berlin,    2026-03-01T00:00:00Z,     2027-01-01T11:00:00Z",
        // Unix, minute precision; New York is UTC-5 in January, Kolkata UTC+5:30
        "'*/5 * * * *',          America/New_York, 2026-01-15T14:02:00Z,     2026-01-15T14:05:00Z",
        "'0 9 * * 1-5',          America/New_York, 2026-01-17T00:00:00Z,     2026-01-19T14:00:00Z",
        "'0 0 * * *',            Asia/Kolkata,     2026-05-10T00:00:00Z,     2026-05-10T18:30:00Z",
        "'30 23 31 12 *',        UTC,              2026-12-31T23:30:00Z,     2027-12-31T23:30:00Z",
    })
    void cron_fires_at_the_next_match_in_the_job_zone(String cron, String zone, String after, String expected) {
        assertThat(nextAfter(ScheduleKind.CRON, cron, zone, ANCHOR.toString(), after)).contains(Instant.parse(expected));
    }

    @Test
    void cron_with_a_past_final_year_has_no_next_fire() {
        assertThat(nextAfter(ScheduleKind.CRON, "0 0 12 1 1 ? 2027", "UTC", ANCHOR.toString(), "2027-06-01T00:00:00Z"))
                .isEmpty();
    }

    @Test
    void next_lists_successive_fires() {
        assertThat(calculator.next(spec(ScheduleKind.EVERY, "5s", null), ANCHOR, ANCHOR.plusSeconds(7), 3))
                .containsExactly(ANCHOR.plusSeconds(10), ANCHOR.plusSeconds(15), ANCHOR.plusSeconds(20));
        assertThat(calculator.next(spec(ScheduleKind.CRON, "0 30 9 * * ?", "Europe/Berlin"), ANCHOR,
                Instant.parse("2026-03-28T12:00:00Z"), 3))
                .containsExactly(Instant.parse("2026-03-29T07:30:00Z"), Instant.parse("2026-03-30T07:30:00Z"),
                        Instant.parse("2026-03-31T07:30:00Z"));
    }

    @Test
    void next_of_an_at_job_has_at_most_one_fire() {
        JobSpec at = spec(ScheduleKind.AT, "2026-03-01T12:00:00Z", null);
        assertThat(calculator.next(at, ANCHOR, ANCHOR, 5)).containsExactly(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(calculator.next(at, ANCHOR, Instant.parse("2026-03-01T12:00:00Z"), 5)).isEmpty();
        assertThat(calculator.next(at, ANCHOR, ANCHOR, 0)).isEmpty();
    }

    @Test
    void invalid_schedules_are_refused_with_the_field() {
        assertThatThrownBy(() -> calculator.nextAfter(spec(ScheduleKind.CRON, "61 * * * *", "UTC"), ANCHOR, ANCHOR))
                .isInstanceOf(InvalidFieldException.class).extracting("field").isEqualTo("schedule");
        assertThatThrownBy(() -> calculator.nextAfter(spec(ScheduleKind.CRON, "0 * * * *", "Mars/Base"), ANCHOR, ANCHOR))
                .isInstanceOf(InvalidFieldException.class).extracting("field").isEqualTo("timeZone");
        assertThatThrownBy(() -> calculator.nextAfter(spec(ScheduleKind.EVERY, "0s", null), ANCHOR, ANCHOR))
                .isInstanceOf(InvalidFieldException.class).extracting("field").isEqualTo("schedule");
        assertThatThrownBy(() -> calculator.nextAfter(spec(ScheduleKind.CRON, "0 0 30 2 *", "UTC"), ANCHOR, ANCHOR))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("never fires");
    }

    @Test
    void instants_at_the_ends_of_time_give_no_fire_or_the_first_one_never_an_error() {
        for (JobSpec spec : List.of(spec(ScheduleKind.CRON, "0 0 * * * ?", "Europe/Berlin"), spec(ScheduleKind.CRON, "0 * * * *", "UTC"),
                spec(ScheduleKind.EVERY, "1d", null), spec(ScheduleKind.AT, "2026-03-01T12:00:00Z", null))) {
            assertThat(calculator.nextAfter(spec, ANCHOR, Instant.MAX)).as(spec.schedule()).isEmpty();
            assertThat(calculator.nextAfter(spec, ANCHOR, Instant.MIN)).as(spec.schedule()).isPresent();
        }
        // Quartz years end in 2099; Unix cron goes on
        assertThat(nextAfter(ScheduleKind.CRON, "0 0 0 1 1 ?", "UTC", ANCHOR.toString(), "2099-06-01T00:00:00Z")).isEmpty();
        assertThat(nextAfter(ScheduleKind.CRON, "0 0 1 1 *", "UTC", ANCHOR.toString(), "2099-06-01T00:00:00Z"))
                .contains(Instant.parse("2100-01-01T00:00:00Z"));
    }

    @Test
    void a_small_cache_still_computes_every_schedule() {
        ScheduleCalculator tiny = new ScheduleCalculator(1);
        List<String> intervals = List.of("5s", "7s", "5s", "11s");
        for (String interval : intervals) {
            long seconds = Long.parseLong(interval.substring(0, interval.length() - 1));
            assertThat(tiny.nextAfter(spec(ScheduleKind.EVERY, interval, null), ANCHOR, ANCHOR))
                    .contains(ANCHOR.plusSeconds(seconds));
        }
    }
}
