package dev.firelane.deploy.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.deploy.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobCommandsTest {
    static final String JOB = "{\"id\":\"nightly\",\"status\":\"paused\",\"scheduleKind\":\"cron\",\"schedule\":\"0 0 2 * * ?\","
            + "\"timeZone\":\"Europe/Berlin\",\"handler\":\"sleep\",\"payload\":{\"ms\":100},\"maxErrors\":3,"
            + "\"overlap\":\"skip\",\"misfire\":\"once\",\"generation\":4,\"runCount\":12,"
            + "\"lastRunAt\":\"2026-03-01T01:00:00Z\",\"lastRunStatus\":\"ok\",\"consecutiveErrors\":0,"
            + "\"lastDeliveryStatus\":null,\"lastError\":null,\"nextFireAt\":null,\"createdAt\":\"2026-02-01T00:00:00Z\","
            + "\"updatedAt\":\"2026-03-01T09:00:00Z\"}";

    private final FakeApi api;

    JobCommandsTest() throws IOException {
        api = new FakeApi();
    }

    @AfterEach
    void close() {
        api.close();
    }

    @TempDir
    Path dir;

    /** Runs {@code firelane job ARGS --server <fake>}, with no token file unless ARGS names one. */
    private CliRun job(String... args) {
        List<String> all = new ArrayList<>(List.of("job"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", api.url()));
        if (!all.contains("--token-file")) {
            all.addAll(List.of("--token-file", dir.resolve("no-token-file").toString()));
        }
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void show_prints_aligned_key_value_lines() {
        api.answer("GET /api/jobs/nightly", 200, JOB);
        CliRun cli = job("show", "nightly");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("id:                 nightly")
                .contains("status:             paused")
                .contains("payload:            {\"ms\":100}")
                .contains("lastError:          -")
                .contains("updatedAt:          2026-03-01T09:00:00Z");
    }

    @Test
    void list_prints_an_aligned_table() {
        api.answer("GET /api/jobs", 200, "[" + JOB + ",{\"id\":\"a-much-longer-job-id\",\"status\":\"active\","
                + "\"scheduleKind\":\"every\",\"schedule\":\"5s\",\"timeZone\":\"UTC\",\"handler\":\"noop\",\"runCount\":0}]");
        CliRun cli = job("list");
        assertThat(cli.exitCode()).isZero();
        String[] lines = cli.out().split("\\R");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("ID                    STATUS  SCHEDULE");
        assertThat(lines[1]).startsWith("nightly               paused  cron 0 0 2 * * ? (Europe/Berlin)  sleep");
        assertThat(lines[2]).startsWith("a-much-longer-job-id  active  every 5s");
        int handlerColumn = lines[0].indexOf("HANDLER");
        assertThat(lines[1].substring(handlerColumn)).startsWith("sleep");
        assertThat(lines[2].substring(handlerColumn)).startsWith("noop");
    }

    @Test
    void list_passes_the_status_filter() {
        api.answer("GET /api/jobs?status=paused", 200, "[]");
        CliRun cli = job("list", "--status", "paused");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).isEqualTo("no jobs" + System.lineSeparator());
    }

    @Test
    void runs_prints_a_table_with_duration_and_outcome() {
        api.answer("GET /api/jobs/nightly/runs?limit=5", 200, "[{\"fireId\":\"nightly@1000\",\"jobId\":\"nightly\","
                + "\"attempt\":1,\"scheduledAt\":\"2026-03-01T01:00:00Z\",\"firedAt\":\"2026-03-01T01:00:00Z\","
                + "\"startedAt\":\"2026-03-01T01:00:00.010Z\",\"finishedAt\":\"2026-03-01T01:00:00.130Z\","
                + "\"outcome\":\"ok\",\"workerId\":\"w-1\",\"error\":null,\"deliveryStatus\":null}]");
        CliRun cli = job("runs", "nightly", "--limit", "5");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out().split("\\R")[0]).startsWith("FIRE ID       ATTEMPT  SCHEDULED AT");
        assertThat(cli.out().split("\\R")[1]).contains("nightly@1000").contains("120 ms").contains("ok").contains("w-1");
    }

    @Test
    void audit_prints_results_with_their_reasons() {
        api.answer("GET /api/jobs/nightly/audit", 200, "[{\"commandId\":\"c1\",\"jobId\":\"nightly\",\"kind\":\"Resume\","
                + "\"requestedBy\":\"bob\",\"requestedAt\":\"2026-03-01T09:00:00Z\",\"reason\":null,"
                + "\"appliedAt\":\"2026-03-01T09:00:00.030Z\",\"result\":\"rejected\",\"resultReason\":\"job is completed\"}]");
        CliRun cli = job("audit", "nightly");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("Resume").contains("bob").contains("rejected: job is completed");
    }

    @Test
    void json_prints_the_api_json_pretty() throws Exception {
        api.answer("GET /api/jobs/nightly", 200, JOB);
        CliRun cli = job("show", "nightly", "--json");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("\n  \"id\" : \"nightly\"");
        JsonNode parsed = JobClient.MAPPER.readTree(cli.out());
        assertThat(parsed).isEqualTo(JobClient.MAPPER.readTree(JOB));
    }

    @Test
    void create_sends_the_job_and_the_user_and_prints_it() throws Exception {
        api.answer("POST /api/jobs", 201, JOB.replace("\"updatedAt\"", "\"appliedInMs\":42,\"updatedAt\""));
        CliRun cli = job("create", "--id", "nightly", "--cron", "0 0 2 * * ?", "--tz", "Europe/Berlin", "--handler", "sleep",
                "--payload", "{\"ms\":100}", "--max-errors", "3", "--overlap", "skip", "--paused", "--user", "carol");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("job nightly created, status paused (applied in 42 ms)");
        FakeApi.Received sent = api.received.get(0);
        assertThat(sent.user()).isEqualTo("carol");
        assertThat(JobClient.MAPPER.readTree(sent.body())).isEqualTo(JobClient.MAPPER.readTree(
                "{\"id\":\"nightly\",\"scheduleKind\":\"cron\",\"schedule\":\"0 0 2 * * ?\",\"timeZone\":\"Europe/Berlin\","
                        + "\"handler\":\"sleep\",\"payload\":{\"ms\":100},\"maxErrors\":3,\"overlap\":\"skip\",\"paused\":true}"));
    }

    @Test
    void pause_sends_the_reason_and_prints_one_line() throws Exception {
        api.answer("POST /api/jobs/nightly/pause", 200, JOB.replace("\"updatedAt\"", "\"appliedInMs\":7,\"updatedAt\""));
        CliRun cli = job("pause", "nightly", "--reason", "db maintenance");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).isEqualTo("job nightly paused (applied in 7 ms)" + System.lineSeparator());
        assertThat(JobClient.MAPPER.readTree(api.received.get(0).body()).path("reason").asText()).isEqualTo("db maintenance");
    }

    @Test
    void not_found_exits_3_with_the_api_message_on_stderr() {
        api.answer("POST /api/jobs/ghost/pause", 404, "{\"error\":\"not_found\",\"message\":\"no job 'ghost'\"}");
        CliRun cli = job("pause", "ghost");
        assertThat(cli.exitCode()).isEqualTo(3);
        assertThat(cli.err()).contains("no job 'ghost'");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void invalid_and_rejected_exit_4_naming_the_field() {
        api.answer("POST /api/jobs", 400, "{\"error\":\"invalid\",\"field\":\"schedule\",\"message\":\"invalid cron 'x'\"}");
        CliRun invalid = job("create", "--id", "a", "--cron", "x", "--handler", "noop");
        assertThat(invalid.exitCode()).isEqualTo(4);
        assertThat(invalid.err()).contains("schedule: invalid cron 'x'");

        api.answer("POST /api/jobs/done/resume", 409, "{\"error\":\"rejected\",\"message\":\"job is completed\"}");
        CliRun rejected = job("resume", "done");
        assertThat(rejected.exitCode()).isEqualTo(4);
        assertThat(rejected.err()).contains("job is completed");
    }

    @Test
    void timeout_exits_5() {
        api.answer("POST /api/jobs/slow/trigger", 504, "{\"error\":\"timeout\",\"message\":\"command c was published but"
                + " not applied within 10 s; it may still apply — check the job's audit\"}");
        CliRun cli = job("trigger", "slow");
        assertThat(cli.exitCode()).isEqualTo(5);
        assertThat(cli.err()).contains("not applied within 10 s");
    }

    @Test
    void unreachable_server_exits_1_naming_the_url() {
        CliRun cli = CliRun.run("job", "list", "--server", "http://127.0.0.1:1");
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("cannot reach Firelane at http://127.0.0.1:1");
    }

    @Test
    void usage_errors_exit_2_without_calling_the_api() {
        assertThat(job("create", "--id", "a", "--every", "5s").exitCode()).as("missing --handler").isEqualTo(2);
        assertThat(job("create", "--id", "a", "--every", "5s", "--cron", "* * * * *", "--handler", "noop").exitCode())
                .as("two schedules").isEqualTo(2);
        assertThat(job("create", "--id", "a", "--every", "5s", "--tz", "UTC", "--handler", "noop").exitCode())
                .as("--tz without --cron").isEqualTo(2);
        CliRun badPayload = job("create", "--id", "a", "--every", "5s", "--handler", "noop", "--payload", "{oops");
        assertThat(badPayload.exitCode()).isEqualTo(2);
        assertThat(badPayload.err()).contains("--payload is not valid JSON");
        assertThat(CliRun.run("job").exitCode()).as("no subcommand").isEqualTo(2);
        assertThat(api.received).isEmpty();
    }

    // ---- tokens, paging, no-wait ----

    @Test
    void the_token_is_sent_as_a_bearer_token_from_the_option_or_the_token_file() throws Exception {
        api.answer("GET /api/jobs", 200, "[]");
        assertThat(job("list", "--token", "tok-from-option").exitCode()).isZero();
        assertThat(api.received.get(0).authorization()).isEqualTo("Bearer tok-from-option");

        Path file = Files.writeString(dir.resolve("operator.token"), "tok-from-file\n");
        assertThat(job("list", "--token-file", file.toString()).exitCode()).isZero();
        assertThat(api.received.get(1).authorization()).isEqualTo("Bearer tok-from-file");

        assertThat(job("list", "--token", "wins", "--token-file", file.toString()).exitCode()).isZero();
        assertThat(api.received.get(2).authorization()).isEqualTo("Bearer wins");

        assertThat(job("list").exitCode()).isZero();
        assertThat(api.received.get(3).authorization()).as("no token, no header").isNull();
    }

    @Test
    void no_token_is_refused_with_exit_4_saying_how_to_pass_one() {
        api.answer("GET /api/jobs", 401, "{\"error\":\"unauthorized\",\"field\":null,"
                + "\"message\":\"this endpoint needs a bearer token: send 'Authorization: Bearer <token>'\"}");
        CliRun cli = job("list");
        assertThat(cli.exitCode()).isEqualTo(4);
        assertThat(cli.err()).startsWith("error: rejected (401 unauthorized): this endpoint needs a bearer token")
                .contains("--token or FIRELANE_TOKEN").contains("operator.token");
    }

    @Test
    void a_viewer_token_for_a_change_is_refused_with_exit_4_naming_the_role() {
        api.answer("POST /api/jobs/nightly/pause", 403, "{\"error\":\"forbidden\",\"field\":null,\"message\":"
                + "\"token 'grafana' has role viewer; POST /api/jobs/{id}/pause needs an operator token\"}");
        CliRun cli = job("pause", "nightly", "--token", "viewer-token");
        assertThat(cli.exitCode()).isEqualTo(4);
        assertThat(cli.err()).isEqualTo("error: rejected (403 forbidden): token 'grafana' has role viewer;"
                + " POST /api/jobs/{id}/pause needs an operator token" + System.lineSeparator());
    }

    @Test
    void list_runs_and_audit_pass_their_paging_options() {
        api.answer("GET /api/jobs?status=active&limit=10&offset=20", 200, "[]");
        api.answer("GET /api/jobs/nightly/runs?limit=5&offset=5", 200, "[]");
        api.answer("GET /api/jobs/nightly/audit?limit=3&offset=6", 200, "[]");
        assertThat(job("list", "--status", "active", "--limit", "10", "--offset", "20").exitCode()).isZero();
        assertThat(job("runs", "nightly", "--limit", "5", "--offset", "5").exitCode()).isZero();
        assertThat(job("audit", "nightly", "--limit", "3", "--offset", "6").exitCode()).isZero();
        assertThat(api.received).extracting(FakeApi.Received::uri).containsExactly(
                "/api/jobs?status=active&limit=10&offset=20", "/api/jobs/nightly/runs?limit=5&offset=5",
                "/api/jobs/nightly/audit?limit=3&offset=6");
    }

    @Test
    void no_wait_sends_wait_false_and_prints_the_command_id() {
        api.answer("POST /api/jobs/nightly/pause?wait=false", 202, "{\"commandId\":\"c-42\",\"jobId\":\"nightly\","
                + "\"kind\":\"Pause\",\"requestedBy\":\"alice\",\"requestedAt\":\"2026-03-01T09:00:00Z\","
                + "\"location\":\"/api/commands/c-42\"}");
        CliRun cli = job("pause", "nightly", "--reason", "later", "--no-wait");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo("Pause of job nightly sent as command c-42; not waiting for it to apply"
                + " (see: firelane job audit nightly)" + System.lineSeparator());
    }

    @Test
    void a_pause_of_a_paused_job_says_so() {
        api.answer("POST /api/jobs/nightly/pause", 200, JOB.replace("\"updatedAt\"", "\"appliedInMs\":5,"
                + "\"command\":{\"result\":\"applied\",\"resultReason\":\"already paused\"},\"updatedAt\""));
        CliRun cli = job("pause", "nightly");
        assertThat(cli.out()).isEqualTo("job nightly paused (already paused; applied in 5 ms)" + System.lineSeparator());
    }

    @Test
    void show_prints_the_schedule_in_words_and_the_latest_fire() {
        api.answer("GET /api/jobs/nightly", 200, JOB.replace("\"timeZone\"", "\"scheduleText\":\"at 02:00 every day"
                + " (Europe/Berlin)\",\"lastFireId\":\"nightly@1000\",\"lastFireStatus\":\"running\",\"timeZone\""));
        CliRun cli = job("show", "nightly");
        assertThat(cli.out()).contains("scheduleText:       at 02:00 every day (Europe/Berlin)")
                .contains("lastFireStatus:     running");
    }
}
