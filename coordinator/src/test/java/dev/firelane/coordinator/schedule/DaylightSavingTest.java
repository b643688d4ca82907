package dev.firelane.coordinator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.ScheduleKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DST rules, on the 2026 transitions of Berlin (clocks forward 29 March at 01:00Z, 02:00 → 03:00;
 * back 25 October at 01:00Z, 03:00 → 02:00) and New York (forward 8 March at 07:00Z, 02:00 → 03:00;
 * back 1 November at 06:00Z, 02:00 → 01:00).
 */
class DaylightSavingTest {
    private static final Instant ANCHOR = Instant.parse("2026-01-01T00:00:00Z");

    private final ScheduleCalculator calculator = new ScheduleCalculator();

    @ParameterizedTest(name = "''{0}'' in {1} after {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
        # a skipped wall-clock time fires once, at the end of the gap (03:00 CEST = 01:00Z)
        0 30 2 * * ?  | Europe/Berlin | 2026-03-28T12:00:00Z     | 2026-03-29T01:00:00Z 2026-03-30T00:30:00Z
        30 2 * * *    | Europe/Berlin | 2026-03-28T12:00:00Z     | 2026-03-29T01:00:00Z 2026-03-30T00:30:00Z
        0 0 2 * * ?   | Europe/Berlin | 2026-03-28T12:00:00Z     | 2026-03-29T01:00:00Z 2026-03-30T00:00:00Z
        0 59 2 * * ?  | Europe/Berlin | 2026-03-28T12:00:00Z     | 2026-03-29T01:00:00Z 2026-03-30T00:59:00Z
        0 0 3 * * ?   | Europe/Berlin | 2026-03-28T12:00:00Z     | 2026-03-29T01:00:00Z 2026-03-30T01:00:00Z
        0 30 2 * * ?  | Europe/Berlin | 2026-03-29T00:59:59.999Z | 2026-03-29T01:00:00Z 2026-03-30T00:30:00Z
        0 30 2 * * ?  | Europe/Berlin | 2026-03-29T01:00:00Z     | 2026-03-30T00:30:00Z 2026-03-31T00:30:00Z
        # hourly: 02:30 is skipped and fires at 03:00; 03:30 still fires
        0 30 * * * ?  | Europe/Berlin | 2026-03-28T23:45:00Z     | 2026-03-29T00:30:00Z 2026-03-29T01:00:00Z 2026-03-29T01:30:00Z 2026-03-29T02:30:00Z
        # 02:00, 02:20, 02:40 and 03:00 fire once, together
        */20 * * * *  | Europe/Berlin | 2026-03-29T00:30:00Z     | 2026-03-29T00:40:00Z 2026-03-29T01:00:00Z 2026-03-29T01:20:00Z
        0 30 2 * * ?  | America/New_York | 2026-03-07T12:00:00Z  | 2026-03-08T07:00:00Z 2026-03-09T06:30:00Z
        0 2 * * *     | America/New_York | 2026-03-07T12:00:00Z  | 2026-03-08T07:00:00Z 2026-03-09T06:00:00Z
        59 2 * * *    | America/New_York | 2026-03-07T12:00:00Z  | 2026-03-08T07:00:00Z 2026-03-09T06:59:00Z
        15 * * * *    | America/New_York | 2026-03-08T06:00:00Z  | 2026-03-08T06:15:00Z 2026-03-08T07:00:00Z 2026-03-08T07:15:00Z
        """)
    void a_skipped_time_fires_once_at_the_end_of_the_gap(String cron, String zone, String after, String expected) {
        assertNext(cron, zone, after, expected);
    }

    @ParameterizedTest(name = "''{0}'' in {1} after {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
        # 02:30 occurs at 00:30Z (CEST) and 01:30Z (CET): only the first fires
        0 30 2 * * ?  | Europe/Berlin | 2026-10-24T12:00:00Z | 2026-10-25T00:30:00Z 2026-10-26T01:30:00Z
        30 2 * * *    | Europe/Berlin | 2026-10-24T12:00:00Z | 2026-10-25T00:30:00Z 2026-10-26T01:30:00Z
        0 30 2 * * ?  | Europe/Berlin | 2026-10-25T00:30:00Z | 2026-10-26T01:30:00Z 2026-10-27T01:30:00Z
        0 0 3 * * ?   | Europe/Berlin | 2026-10-24T12:00:00Z | 2026-10-25T02:00:00Z 2026-10-26T02:00:00Z
        # hourly: the repeated hour fires nothing, so 02:30 CEST and 03:30 CET are two hours apart
        0 30 * * * ?  | Europe/Berlin | 2026-10-24T23:00:00Z | 2026-10-24T23:30:00Z 2026-10-25T00:30:00Z 2026-10-25T02:30:00Z 2026-10-25T03:30:00Z
        0 30 * * * ?  | Europe/Berlin | 2026-10-25T01:00:00Z | 2026-10-25T02:30:00Z 2026-10-25T03:30:00Z
        0 */20 * * * ? | Europe/Berlin | 2026-10-24T23:30:00Z | 2026-10-24T23:40:00Z 2026-10-25T00:00:00Z 2026-10-25T00:20:00Z 2026-10-25T00:40:00Z 2026-10-25T02:00:00Z 2026-10-25T02:20:00Z
        # 01:30 occurs at 05:30Z (EDT) and 06:30Z (EST)
        0 30 1 * * ?  | America/New_York | 2026-10-31T12:00:00Z | 2026-11-01T05:30:00Z 2026-11-02T06:30:00Z
        30 1 * * *    | America/New_York | 2026-10-31T12:00:00Z | 2026-11-01T05:30:00Z 2026-11-02T06:30:00Z
        30 1 * * *    | America/New_York | 2026-11-01T06:15:00Z | 2026-11-02T06:30:00Z
        0 0 1 * * ?   | America/New_York | 2026-10-31T12:00:00Z | 2026-11-01T05:00:00Z 2026-11-02T06:00:00Z
        0 0 2 * * ?   | America/New_York | 2026-10-31T12:00:00Z | 2026-11-01T07:00:00Z 2026-11-02T07:00:00Z
        0 0 * * * ?   | America/New_York | 2026-11-01T04:30:00Z | 2026-11-01T05:00:00Z 2026-11-01T07:00:00Z 2026-11-01T08:00:00Z
        """)
    void a_repeated_time_fires_once_at_its_first_occurrence(String cron, String zone, String after, String expected) {
        assertNext(cron, zone, after, expected);
    }

    @ParameterizedTest(name = "''{0}'' in {1} after {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
        # all 3,600 skipped seconds and 03:00:00 itself fire once, at the gap's end
        * * * * * ?    | Europe/Berlin    | 2026-03-29T00:59:58.500Z | 2026-03-29T00:59:59Z 2026-03-29T01:00:00Z 2026-03-29T01:00:01Z
        # in the repeated hour every wall-clock time has fired already: silence until 03:00 CET
        */5 * * * * ?  | Europe/Berlin    | 2026-10-25T00:59:50Z     | 2026-10-25T00:59:55Z 2026-10-25T02:00:00Z 2026-10-25T02:00:05Z
        */5 * * * * ?  | Europe/Berlin    | 2026-10-25T01:30:00Z     | 2026-10-25T02:00:00Z 2026-10-25T02:00:05Z
        * * * * *      | America/New_York | 2026-11-01T06:00:00Z     | 2026-11-01T07:00:00Z 2026-11-01T07:01:00Z
        """)
    void crons_more_frequent_than_hourly_follow_the_same_wall_clock_rule(String cron, String zone, String after, String expected) {
        assertNext(cron, zone, after, expected);
    }

    @Test
    void every_is_a_fixed_rate_of_instants_across_both_transitions() {
        JobSpec hourlyInBerlin = ScheduleCalculatorTest.spec(ScheduleKind.EVERY, "1h", "Europe/Berlin");
        // Berlin's local 25 October has 25 hours, 29 March 23; the fires stay an hour apart
        assertThat(spacing(firesOnLocalDate(hourlyInBerlin, LocalDate.parse("2026-10-25"), ZoneId.of("Europe/Berlin"), 25)))
                .hasSize(24).containsOnly(Duration.ofHours(1));
        assertThat(spacing(firesOnLocalDate(hourlyInBerlin, LocalDate.parse("2026-03-29"), ZoneId.of("Europe/Berlin"), 23)))
                .hasSize(22).containsOnly(Duration.ofHours(1));

        JobSpec daily = ScheduleCalculatorTest.spec(ScheduleKind.EVERY, "1d", "America/New_York");
        Instant anchor = Instant.parse("2026-03-07T15:00:00Z");
        assertThat(calculator.next(daily, anchor, anchor, 2))
                .containsExactly(Instant.parse("2026-03-08T15:00:00Z"), Instant.parse("2026-03-09T15:00:00Z"));
    }

    private List<Instant> firesOnLocalDate(JobSpec spec, LocalDate date, ZoneId zone, int expectedCount) {
        Instant start = date.atStartOfDay(zone).toInstant();
        Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Instant> fires = calculator.between(spec, ANCHOR, start.minusMillis(1), end.minusMillis(1), 100);
        assertThat(fires).as("fires on " + date + " in " + zone).hasSize(expectedCount);
        return fires;
    }

    private static List<Duration> spacing(List<Instant> fires) {
        return IntStream.range(1, fires.size()).mapToObj(i -> Duration.between(fires.get(i - 1), fires.get(i))).toList();
    }

    private void assertNext(String cron, String zone, String after, String expected) {
        List<Instant> want = Arrays.stream(expected.trim().split("\\s+")).map(Instant::parse).toList();
        JobSpec spec = ScheduleCalculatorTest.spec(ScheduleKind.CRON, cron.trim(), zone.trim());
        assertThat(calculator.next(spec, ANCHOR, Instant.parse(after.trim()), want.size())).containsExactlyElementsOf(want);
    }
}
