package dev.firelane.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "30s,      PT30S",
        "PT30S,    PT30S",
        "pt1m30s,  PT1M30S",
        "' 2h ',   PT2H",
        "1500ms,   PT1.5S",
        "1d,       PT24H",
        "0s,       PT0S",
    })
    void parseDuration_reads_the_every_grammar(String text, String expected) {
        assertThat(Schedules.parseDuration("timeout", text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"", " ", "soon", "30 s", "PT-5S", "-5s", "99999999999999999999d", "999999999999999999d"})
    void parseDuration_names_the_given_field(String text) {
        assertThatThrownBy(() -> Schedules.parseDuration("timeout", text))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("timeout"));
    }

    @Test
    void parseDuration_refuses_null_naming_the_field() {
        assertThatThrownBy(() -> Schedules.parseDuration("timeout", null))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("timeout"));
    }

    @ParameterizedTest(name = "every ''{0}'' is refused")
    @ValueSource(strings = {"0s", "999ms", "PT0.5S", "PT1.0005S", "99999999999999999999d", "999999999999999999d", "x"})
    void parseEvery_refuses_short_sub_millisecond_huge_or_malformed_intervals(String text) {
        assertThatThrownBy(() -> Schedules.parseEvery(text))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("schedule"));
    }

    @Test
    void parseEvery_keeps_accepting_what_it_accepted() {
        assertThat(Schedules.parseEvery("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Schedules.parseEvery("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Schedules.parseEvery("PT10M")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Schedules.parseEvery("13d")).isEqualTo(Duration.ofDays(13));
    }

    @ParameterizedTest(name = "''{0}'' after {1} -> {2}")
    @CsvSource({
        // wall-clock times, no zone: 02:30 exists on every date here
        "'0 30 2 * * ?',   2026-03-28T02:30:00,     2026-03-29T02:30",
        "'30 2 * * *',     2026-03-28T02:30:00,     2026-03-29T02:30",
        "'*/15 * * * * ?', 2026-03-01T10:00:14.999, 2026-03-01T10:00:15",
        "'0 0 12 LW * ?',  2026-05-01T00:00:00,     2026-05-29T12:00",
    })
    void nextMatch_finds_the_next_wall_clock_match(String cron, String after, String expected) {
        ExecutionTime execution = ExecutionTime.forCron(Schedules.parseCron(cron));
        assertThat(Schedules.nextMatch(execution, LocalDateTime.parse(after))).contains(LocalDateTime.parse(expected));
    }

    @ParameterizedTest(name = "''{0}'' after {1} -> {2}")
    @CsvSource({
        // cron-utils throws on a month without the day; parseCron refuses these, nextMatch skips the month
        "'0 0 12 31W * ?', 2026-03-31T13:00:00, 2026-05-31T12:00",
        "'0 0 12 31W * ?', 2026-04-15T00:00:00, 2026-05-31T12:00",
        "'0 0 12 30W * ?', 2026-01-31T00:00:00, 2026-03-30T12:00",
        "'0 0 0 31W * ?',  2026-04-30T23:59:59, 2026-05-31T00:00",
    })
    void nextMatch_skips_a_month_cron_utils_cannot_build(String cron, String after, String expected) {
        CronParser quartz = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
        ExecutionTime execution = ExecutionTime.forCron(quartz.parse(cron));
        assertThat(Schedules.nextMatch(execution, LocalDateTime.parse(after))).contains(LocalDateTime.parse(expected));
    }

    @Test
    void nextMatch_is_empty_after_the_last_year() {
        ExecutionTime execution = ExecutionTime.forCron(Schedules.parseCron("0 0 12 1 1 ? 2027"));
        assertThat(Schedules.nextMatch(execution, LocalDateTime.parse("2027-01-01T12:00:00"))).isEmpty();
    }
}
