package dev.firelane.coordinator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.ScheduleKind;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code notBefore} / {@code notAfter}: both inclusive, both optional, filtering the schedule. */
class ScheduleWindowTest {
    private static final Instant ANCHOR = Instant.parse("2026-03-01T10:00:00Z");

    private final ScheduleCalculator calculator = new ScheduleCalculator();

    static JobSpec windowed(ScheduleKind kind, String schedule, String zone, String notBefore, String notAfter) {
        return new JobSpec("job-1", kind, schedule, zone, "noop", null, 0, null, null,
                notBefore == null ? null : Instant.parse(notBefore), notAfter == null ? null : Instant.parse(notAfter),
                null, null, null);
    }

    @ParameterizedTest(name = "every 5s in [{0}, {1}] after {2} -> {3}")
    @CsvSource({
        // notBefore: the first grid point at or after it (the grid stays on the anchor)
        "2026-03-01T10:01:02Z,        ,                     2026-03-01T10:00:00Z, 2026-03-01T10:01:05Z",
        "2026-03-01T10:01:00Z,        ,                     2026-03-01T10:00:00Z, 2026-03-01T10:01:00Z",
        "2026-03-01T10:00:05.000001Z, ,                     2026-03-01T10:00:00Z, 2026-03-01T10:00:10Z",
        "2026-03-01T10:00:00Z,        ,                     2026-03-01T10:00:07Z, 2026-03-01T10:00:10Z",
        // notAfter: inclusive, then nothing
        ",                     2026-03-01T10:00:20Z,        2026-03-01T10:00:15Z, 2026-03-01T10:00:20Z",
        ",                     2026-03-01T10:00:20Z,        2026-03-01T10:00:20Z, ",
        ",                     2026-03-01T10:00:19.999Z,    2026-03-01T10:00:15Z, ",
        ",                     2026-03-01T10:00:20Z,        2026-03-02T00:00:00Z, ",
        "2026-03-01T10:00:30Z, 2026-03-01T10:00:40Z,        2026-03-01T10:00:00Z, 2026-03-01T10:00:30Z",
        "2026-03-01T10:00:31Z, 2026-03-01T10:00:34Z,        2026-03-01T10:00:00Z, ",
    })
    void every_never_fires_outside_its_window(String notBefore, String notAfter, String after, String expected) {
        Optional<Instant> next = calculator.nextAfter(windowed(ScheduleKind.EVERY, "5s", null, notBefore, notAfter),
                ANCHOR, Instant.parse(after));
        if (expected == null) {
            assertThat(next).isEmpty();
        } else {
            assertThat(next).contains(Instant.parse(expected));
        }
    }

    @Test
    void next_stops_when_the_window_closes() {
        JobSpec spec = windowed(ScheduleKind.EVERY, "5s", null, "2026-03-01T10:00:10Z", "2026-03-01T10:00:20Z");
        assertThat(calculator.next(spec, ANCHOR, ANCHOR, 10)).containsExactly(Instant.parse("2026-03-01T10:00:10Z"),
                Instant.parse("2026-03-01T10:00:15Z"), Instant.parse("2026-03-01T10:00:20Z"));
    }

    @Test
    void cron_in_a_zone_fires_only_inside_its_window() {
        JobSpec spec = windowed(ScheduleKind.CRON, "0 0 9 * * ?", "Europe/Berlin",
                "2026-03-10T00:00:00Z", "2026-03-12T08:00:00Z");
        assertThat(calculator.next(spec, ANCHOR, ANCHOR, 10)).containsExactly(Instant.parse("2026-03-10T08:00:00Z"),
                Instant.parse("2026-03-11T08:00:00Z"), Instant.parse("2026-03-12T08:00:00Z"));
    }

    @ParameterizedTest(name = "at 12:00 in [{0}, {1}] -> {2}")
    @CsvSource({
        ",                     ,                     2026-03-01T12:00:00Z",
        "2026-03-01T12:00:00Z, 2026-03-01T12:00:00.001Z, 2026-03-01T12:00:00Z",
        "2026-03-01T12:00:00.001Z, ,                 ",
        ",                     2026-03-01T11:59:59.999Z, ",
    })
    void at_fires_only_inside_its_window(String notBefore, String notAfter, String expected) {
        JobSpec spec = windowed(ScheduleKind.AT, "2026-03-01T12:00:00Z", null, notBefore, notAfter);
        Optional<Instant> next = calculator.nextAfter(spec, ANCHOR, ANCHOR);
        if (expected == null) {
            assertThat(next).isEmpty();
        } else {
            assertThat(next).contains(Instant.parse(expected));
        }
    }

    @Test
    void between_lists_the_fires_in_a_half_open_range() {
        JobSpec spec = windowed(ScheduleKind.EVERY, "5s", null, null, "2026-03-01T10:00:30Z");
        assertThat(calculator.between(spec, ANCHOR, Instant.parse("2026-03-01T10:00:05Z"),
                Instant.parse("2026-03-01T10:00:20Z"), 100)).containsExactly(Instant.parse("2026-03-01T10:00:10Z"),
                Instant.parse("2026-03-01T10:00:15Z"), Instant.parse("2026-03-01T10:00:20Z"));
        assertThat(calculator.between(spec, ANCHOR, ANCHOR, Instant.parse("2026-03-01T10:01:00Z"), 100))
                .hasSize(6).last().isEqualTo(Instant.parse("2026-03-01T10:00:30Z"));
        assertThat(calculator.between(spec, ANCHOR, ANCHOR, null, 2)).hasSize(2);
    }
}
