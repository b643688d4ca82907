package dev.firelane.deploy.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.deploy.CliRun;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code firelane job next}: a job's times from the server, or a schedule's computed locally. */
class JobNextCommandTest {
    private final FakeApi api;

    JobNextCommandTest() throws IOException {
        api = new FakeApi();
    }

    @AfterEach
    void close() {
        api.close();
    }

    private CliRun next(String... args) {
        List<String> all = new ArrayList<>(List.of("job", "next"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", api.url()));
        return CliRun.run(all.toArray(String[]::new));
    }

    private static List<String> lines(CliRun cli) {
        return List.of(cli.out().split("\\R"));
    }

    private static List<String> json(CliRun cli) throws IOException {
        List<String> out = new ArrayList<>();
        JsonNode array = JobClient.MAPPER.readTree(cli.out());
        assertThat(array.isArray()).as(cli.out()).isTrue();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    // ---- computed locally ----

    @Test
    void berlin_spring_forward_fires_the_missing_time_once_after_the_gap() {
        CliRun cli = next("--cron", "30 2 * * *", "--tz", "Europe/Berlin", "--from", "2026-03-28T00:00:00Z",
                "--count", "3");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(lines(cli)).containsExactly(
                "LOCAL (Europe/Berlin)      UTC",
                "2026-03-28T02:30:00+01:00  2026-03-28T01:30:00Z",
                "2026-03-29T03:00:00+02:00  2026-03-29T01:00:00Z",
                "2026-03-30T02:30:00+02:00  2026-03-30T00:30:00Z");
        assertThat(api.received).as("no server is needed").isEmpty();
    }

    @Test
    void json_is_an_array_of_utc_instants() throws IOException {
        CliRun cli = next("--cron", "30 2 * * *", "--tz", "Europe/Berlin", "--from", "2026-03-28T00:00:00Z",
                "--count", "3", "--json");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(json(cli)).containsExactly("2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z");
    }

    @Test
    void new_york_fall_back_fires_the_repeated_time_once_at_its_first_occurrence() throws IOException {
        CliRun cli = next("--cron", "30 1 * * *", "--tz", "America/New_York", "--from", "2026-10-31T12:00:00Z",
                "--count", "2", "--json");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        // 01:30 EDT (-04:00) on 1 November, not again at 01:30 EST an hour later
        assertThat(json(cli)).containsExactly("2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z");
    }

    @Test
    void quartz_cron_with_seconds_is_read_in_utc_by_default() throws IOException {
        CliRun cli = next("--cron", "15 0/20 * * * ?", "--from", "2026-01-01T00:00:00Z", "--count", "3", "--json");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(json(cli)).containsExactly("2026-01-01T00:00:15Z", "2026-01-01T00:20:15Z", "2026-01-01T00:40:15Z");
    }

    @Test
    void local_every_counts_from_the_from_instant() {
        CliRun cli = next("--every", "90s", "--from", "2026-01-01T00:00:00Z", "--count", "2");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(lines(cli)).containsExactly(
                "LOCAL (UTC)           UTC",
                "2026-01-01T00:01:30Z  2026-01-01T00:01:30Z",
                "2026-01-01T00:03:00Z  2026-01-01T00:03:00Z");
    }

    @Test
    void at_gives_one_time_or_none_once_it_passed() throws IOException {
        CliRun future = next("--at", "2026-06-01T09:00:00+02:00", "--from", "2026-01-01T00:00:00Z", "--json");
        CliRun past = next("--at", "2025-06-01T09:00:00Z", "--from", "2026-01-01T00:00:00Z");

        assertThat(json(future)).containsExactly("2026-06-01T07:00:00Z");
        assertThat(past.exitCode()).isZero();
        assertThat(past.out()).isEqualTo("no fire times after 2026-01-01T00:00:00Z" + System.lineSeparator());
    }

    @Test
    void without_from_the_times_follow_now() throws IOException {
        Instant before = Instant.now();

        CliRun cli = next("--every", "1h", "--json", "--count", "1");

        Instant first = Instant.parse(json(cli).get(0));
        assertThat(first).isAfter(before).isBefore(Instant.now().plus(Duration.ofHours(1)).plusSeconds(1));
    }

    @Test
    void bad_cron_or_zone_exits_4_naming_the_field() {
        CliRun impossible = next("--cron", "0 0 30 2 *");
        assertThat(impossible.exitCode()).as(impossible.err()).isEqualTo(4);
        assertThat(impossible.err()).startsWith("error: schedule:").contains("0 0 30 2 *");

        CliRun malformed = next("--cron", "61 * * * *");
        assertThat(malformed.exitCode()).isEqualTo(4);
        assertThat(malformed.err()).startsWith("error: schedule:");

        CliRun zone = next("--cron", "0 6 * * *", "--tz", "Europe/Atlantis");
        assertThat(zone.exitCode()).isEqualTo(4);
        assertThat(zone.err()).startsWith("error: timeZone:").contains("Europe/Atlantis");

        CliRun zero = next("--every", "0s");
        assertThat(zero.exitCode()).isEqualTo(4);
        assertThat(zero.err()).startsWith("error: schedule:");
        assertThat(api.received).isEmpty();
    }

    @Test
    void usage_errors_exit_2_without_calling_the_api() {
        assertThat(next().exitCode()).as("neither id nor schedule").isEqualTo(2);
        assertThat(next("nightly", "--every", "5s").exitCode()).as("both").isEqualTo(2);
        assertThat(next("--every", "5s", "--cron", "* * * * *").exitCode()).as("two schedules").isEqualTo(2);
        assertThat(next("--every", "5s", "--tz", "UTC").exitCode()).as("--tz without --cron").isEqualTo(2);
        assertThat(next("nightly", "--tz", "UTC").exitCode()).as("--tz with a job").isEqualTo(2);
        assertThat(next("--every", "5s", "--count", "0").exitCode()).as("count 0").isEqualTo(2);
        assertThat(next("--every", "5s", "--count", "1001").exitCode()).as("count too big").isEqualTo(2);
        assertThat(next("--every", "5s", "--count", "many").exitCode()).as("count not a number").isEqualTo(2);
        CliRun badFrom = next("--every", "5s", "--from", "yesterday");
        assertThat(badFrom.exitCode()).isEqualTo(2);
        assertThat(badFrom.err()).contains("--from 'yesterday'");
        assertThat(api.received).isEmpty();
    }

    // ---- a job's times, from the server ----

    private static final String NIGHTLY_NEXT = "{\"jobId\":\"nightly\",\"timeZone\":\"Europe/Berlin\","
            + "\"from\":\"2026-03-28T00:00:00Z\",\"times\":["
            + "{\"utc\":\"2026-03-28T01:30:00Z\",\"local\":\"2026-03-28T02:30:00+01:00\"},"
            + "{\"utc\":\"2026-03-29T01:00:00Z\",\"local\":\"2026-03-29T03:00:00+02:00\"}]}";

    @Test
    void job_times_come_from_the_server_in_the_jobs_zone() {
        api.answer("GET /api/jobs/nightly/next?count=2&from=2026-03-28T00%3A00%3A00Z", 200, NIGHTLY_NEXT);

        CliRun cli = next("nightly", "--count", "2", "--from", "2026-03-28T00:00:00Z");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(lines(cli)).containsExactly(
                "LOCAL (Europe/Berlin)      UTC",
                "2026-03-28T02:30:00+01:00  2026-03-28T01:30:00Z",
                "2026-03-29T03:00:00+02:00  2026-03-29T01:00:00Z");
    }

    @Test
    void job_times_as_json_are_the_utc_instants() throws IOException {
        api.answer("GET /api/jobs/nightly/next?count=5", 200, NIGHTLY_NEXT);

        CliRun cli = next("nightly", "--json");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(json(cli)).containsExactly("2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z");
        assertThat(api.received).singleElement().satisfies(r -> assertThat(r.uri()).doesNotContain("from="));
    }

    @Test
    void unknown_job_exits_3() {
        api.answer("GET /api/jobs/ghost/next?count=5", 404, "{\"error\":\"not_found\",\"message\":\"no job 'ghost'\"}");

        CliRun cli = next("ghost");

        assertThat(cli.exitCode()).isEqualTo(3);
        assertThat(cli.err()).contains("no job 'ghost'");
    }
}
