package dev.firelane.deploy.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.deploy.CliRun;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The job definition options of issue 3 on {@code create}, and {@code update}. */
class JobCreateUpdateOptionsTest {
    static final String JOB = JobCommandsTest.JOB.replace("\"generation\"", "\"notBefore\":\"2026-04-01T00:00:00Z\","
            + "\"notAfter\":null,\"maxAttempts\":3,\"timeout\":\"90s\",\"misfireLimit\":100,\"generation\"");

    private final FakeApi api;

    JobCreateUpdateOptionsTest() throws IOException {
        api = new FakeApi();
    }

    @AfterEach
    void close() {
        api.close();
    }

    private CliRun job(String... args) {
        List<String> all = new ArrayList<>(List.of("job"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", api.url()));
        return CliRun.run(all.toArray(String[]::new));
    }

    private static JsonNode json(String text) throws IOException {
        return JobClient.MAPPER.readTree(text);
    }

    @Test
    void create_sends_window_retries_timeout_and_policies() throws IOException {
        api.answer("POST /api/jobs", 201, JOB);

        CliRun cli = job("create", "--id", "nightly", "--cron", "0 30 2 * * ?", "--tz", "Europe/Berlin", "--handler",
                "sleep", "--misfire", "all", "--overlap", "queue", "--max-attempts", "3", "--timeout", "30s",
                "--not-before", "2026-04-01T00:00:00Z", "--not-after", "2026-12-31T23:00:00+01:00",
                "--misfire-limit", "10");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(json(api.received.get(0).body())).isEqualTo(json("{\"id\":\"nightly\",\"scheduleKind\":\"cron\","
                + "\"schedule\":\"0 30 2 * * ?\",\"timeZone\":\"Europe/Berlin\",\"handler\":\"sleep\","
                + "\"misfire\":\"all\",\"overlap\":\"queue\",\"maxAttempts\":3,\"timeout\":\"30s\","
                + "\"notBefore\":\"2026-04-01T00:00:00Z\",\"notAfter\":\"2026-12-31T23:00:00+01:00\","
                + "\"misfireLimit\":10,\"paused\":false}"));
    }

    @Test
    void create_refusal_from_the_server_exits_4_naming_the_field() {
        api.answer("POST /api/jobs", 400, "{\"error\":\"invalid\",\"field\":\"timeout\","
                + "\"message\":\"must be between 1s and 24h; got PT0S\"}");

        CliRun cli = job("create", "--id", "a", "--every", "5s", "--handler", "noop", "--timeout", "0s");

        assertThat(cli.exitCode()).isEqualTo(4);
        assertThat(cli.err()).contains("timeout: must be between 1s and 24h");
    }

    @Test
    void create_with_a_non_numeric_count_option_is_a_usage_error() {
        assertThat(job("create", "--id", "a", "--every", "5s", "--handler", "noop", "--max-attempts", "x").exitCode())
                .isEqualTo(2);
        assertThat(job("create", "--id", "a", "--every", "5s", "--handler", "noop", "--misfire-limit", "1.5").exitCode())
                .isEqualTo(2);
        assertThat(api.received).isEmpty();
    }

    @Test
    void show_prints_the_new_fields() {
        api.answer("GET /api/jobs/nightly", 200, JOB);

        CliRun cli = job("show", "nightly");

        assertThat(cli.out()).contains("notBefore:          2026-04-01T00:00:00Z")
                .contains("notAfter:           -")
                .contains("maxAttempts:        3")
                .contains("timeout:            90s")
                .contains("misfireLimit:       100");
    }

    @Test
    void update_keeps_what_is_not_given_and_sends_the_whole_definition() throws IOException {
        api.answer("GET /api/jobs/nightly", 200, JOB);
        api.answer("PUT /api/jobs/nightly", 200, JOB.replace("\"updatedAt\"", "\"appliedInMs\":9,\"updatedAt\""));

        CliRun cli = job("update", "nightly", "--max-attempts", "5", "--timeout", "none", "--reason", "flaky upstream");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("job nightly updated, status paused (applied in 9 ms)");
        assertThat(api.received).extracting(FakeApi.Received::method).containsExactly("GET", "PUT");
        assertThat(json(api.received.get(1).body())).isEqualTo(json("{\"scheduleKind\":\"cron\","
                + "\"schedule\":\"0 0 2 * * ?\",\"timeZone\":\"Europe/Berlin\",\"handler\":\"sleep\","
                + "\"payload\":{\"ms\":100},\"maxErrors\":3,\"overlap\":\"skip\",\"misfire\":\"once\","
                + "\"notBefore\":\"2026-04-01T00:00:00Z\",\"maxAttempts\":5,\"timeout\":null,\"misfireLimit\":100,"
                + "\"reason\":\"flaky upstream\"}"));
    }

    @Test
    void update_can_replace_the_schedule() throws IOException {
        api.answer("GET /api/jobs/nightly", 200, JOB);
        api.answer("PUT /api/jobs/nightly", 200, JOB);

        CliRun cli = job("update", "nightly", "--cron", "0 0 3 * * ?", "--tz", "America/New_York");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode sent = json(api.received.get(1).body());
        assertThat(sent.path("schedule").asText()).isEqualTo("0 0 3 * * ?");
        assertThat(sent.path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(sent.path("handler").asText()).isEqualTo("sleep");
    }

    @Test
    void update_with_nothing_to_change_is_a_usage_error_without_calls() {
        CliRun cli = job("update", "nightly", "--reason", "just because");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("nothing to change");
        assertThat(api.received).isEmpty();
    }

    @Test
    void update_with_a_zone_for_an_every_job_is_a_usage_error_and_sends_nothing() {
        api.answer("GET /api/jobs/tick", 200, "{\"id\":\"tick\",\"scheduleKind\":\"every\",\"schedule\":\"5s\","
                + "\"timeZone\":\"UTC\",\"handler\":\"noop\"}");

        CliRun cli = job("update", "tick", "--tz", "Europe/Berlin");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(api.received).extracting(FakeApi.Received::method).containsExactly("GET");
    }

    @Test
    void update_of_an_unknown_job_exits_3() {
        api.answer("GET /api/jobs/ghost", 404, "{\"error\":\"not_found\",\"message\":\"no job 'ghost'\"}");

        CliRun cli = job("update", "ghost", "--every", "5m");

        assertThat(cli.exitCode()).isEqualTo(3);
        assertThat(cli.err()).contains("no job 'ghost'");
    }
}
