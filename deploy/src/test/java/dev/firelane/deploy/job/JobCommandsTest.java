package dev.firelane.deploy.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.deploy.CliRun;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

    private CliRun job(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "job";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--server";
        all[args.length + 2] = api.url();
        return CliRun.run(all);
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
}
