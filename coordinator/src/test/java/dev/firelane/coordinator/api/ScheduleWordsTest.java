package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleWordsTest {
    @ParameterizedTest(name = "every {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "5s      | every 5 s",
            "1s      | every second",
            "90s     | every 90 s",
            "1500ms  | every 1500 ms",
            "10m     | every 10 min",
            "PT1M    | every minute",
            "2h      | every 2 h",
            "1d      | every day",
            "PT48H   | every 2 d",
    })
    void intervals_read_in_the_largest_exact_unit(String schedule, String words) {
        assertThat(ScheduleWords.describe("every", schedule, "UTC")).isEqualTo(words);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0 0 9 * * ?             | at 09:00 every day (Europe/Berlin)",
            "0 30 9 ? * MON-FRI      | at 09:30 on Monday to Friday (Europe/Berlin)",
            "0 0 6 ? * MON           | at 06:00 every Monday (Europe/Berlin)",
            "0 0 6 ? * 2,4,6         | at 06:00 on Monday, Wednesday and Friday (Europe/Berlin)",
            "15 45 23 * * ?          | at 23:45:15 every day (Europe/Berlin)",
            "0 0 9,17 * * ?          | at 09:00 and 17:00 every day (Europe/Berlin)",
            "0 0 2 1 * ?             | at 02:00 on day 1 of every month (Europe/Berlin)",
            "0 0 0 L * ?             | at 00:00 on the last day of every month (Europe/Berlin)",
            "0 */5 * * * ?           | every 5 min (Europe/Berlin)",
            "0 0/15 * * * ?          | every 15 min (Europe/Berlin)",
            "*/10 * * * * ?          | every 10 s (Europe/Berlin)",
            "* * * * * ?             | every second (Europe/Berlin)",
            "0 * * * * ?             | every minute (Europe/Berlin)",
            "0 0 * * * ?             | every hour (Europe/Berlin)",
            "0 20 * * * ?            | at minute 20 of every hour (Europe/Berlin)",
            "0 0 */6 * * ?           | every 6 h (Europe/Berlin)",
            "0 */5 * ? * MON-FRI     | every 5 min on Monday to Friday (Europe/Berlin)",
            "0 0 12 * * ? *          | at 12:00 every day (Europe/Berlin)",
    })
    void common_quartz_shapes_read_as_words_with_the_zone(String cron, String words) {
        assertThat(ScheduleWords.describe("cron", cron, "Europe/Berlin")).isEqualTo(words);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "*/5 * * * *     | every 5 min (UTC)",
            "0 9 * * 1-5     | at 09:00 on Monday to Friday (UTC)",
            "30 6 * * 0      | at 06:30 every Sunday (UTC)",
            "30 6 * * 7      | at 06:30 every Sunday (UTC)",
            "0 0 1 * *       | at 00:00 on day 1 of every month (UTC)",
    })
    void unix_cron_numbers_days_of_the_week_from_sunday_zero(String cron, String words) {
        assertThat(ScheduleWords.describe("cron", cron, "UTC")).isEqualTo(words);
    }

    @ParameterizedTest(name = "{0} stays raw")
    @CsvSource(delimiter = '|', value = {
            "0 */7 * * * ?          | cron 0 */7 * * * ? (UTC)",
            "0 0 12 ? * 6#3         | cron 0 0 12 ? * 6#3 (UTC)",
            "0 0 12 1 1 ?           | cron 0 0 12 1 1 ? (UTC)",
            "0 0 12 * * ? 2027      | cron 0 0 12 * * ? 2027 (UTC)",
            "0 0-30 9 * * ?         | cron 0 0-30 9 * * ? (UTC)",
            "0 0 12 15W * ?         | cron 0 0 12 15W * ? (UTC)",
            "0 0 1,2,3,4,5 * * ?    | cron 0 0 1,2,3,4,5 * * ? (UTC)",
    })
    void shapes_it_does_not_know_are_shown_raw_rather_than_guessed(String cron, String words) {
        assertThat(ScheduleWords.describe("cron", cron, "UTC")).isEqualTo(words);
    }

    @ParameterizedTest(name = "at {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "2026-12-01T09:00:00Z        | once at 2026-12-01 09:00 UTC",
            "2026-12-01T09:00:30Z        | once at 2026-12-01 09:00:30 UTC",
            "2026-12-01T10:00:00+01:00   | once at 2026-12-01 09:00 UTC",
    })
    void at_instants_read_in_utc(String schedule, String words) {
        assertThat(ScheduleWords.describe("at", schedule, "UTC")).isEqualTo(words);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "every | soon       | every soon",
            "at    | yesterday  | at yesterday",
    })
    void unreadable_stored_schedules_fall_back_to_kind_and_text(String kind, String schedule, String words) {
        assertThat(ScheduleWords.describe(kind, schedule, "UTC")).isEqualTo(words);
    }
}
