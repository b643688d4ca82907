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

/** {@code firelane job apply} against a fake API that answers the dry run, the bulk request and the deletes. */
class JobApplyCommandTest {
    private static final String NL = System.lineSeparator();
    private static final String DRY_RUN = "POST /api/jobs/bulk?dryRun=true";
    private static final String APPLY = "POST /api/jobs/bulk";
    private static final String LIST = "GET /api/jobs?limit=10000";

    /** Four jobs: one new, one changed, one as on the server, one the server refuses. Items start on lines 2, 8, 15, 19. */
    private static final String JOBS = """
            # the team's jobs
            - id: report-hourly
              cron: "0 0 * * * ?"
              timeZone: Europe/Berlin
              handler: sleep
              payload:
                ms: 100
            - id: nightly
              every: 10m
              handler: noop
              payload: '{"ms": 5}'
              maxAttempts: 3
              timeout: 30s
              misfire: all
            - id: cleanup
              at: 2026-12-01T09:00:00Z
              handler: noop
              paused: true
            - id: broken
              cron: "0 61 * * * ?"
              handler: noop
            """;

    private final FakeApi api;

    @TempDir
    Path dir;

    JobApplyCommandTest() throws IOException {
        api = new FakeApi();
    }

    @AfterEach
    void close() {
        api.close();
    }

    private CliRun apply(String yaml, String... args) {
        try {
            Path file = dir.resolve("jobs.yaml");
            Files.writeString(file, yaml);
            List<String> all = new ArrayList<>(List.of("job", "apply", "-f", file.toString()));
            all.addAll(List.of(args));
            all.addAll(List.of("--server", api.url(), "--token-file", dir.resolve("no-token-file").toString()));
            return CliRun.run(all.toArray(String[]::new));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One item of a bulk answer. */
    private static String item(int index, String id, String result, String changes, String field, String message) {
        return "{\"index\":" + index + ",\"id\":\"" + id + "\",\"result\":\"" + result + "\",\"kind\":"
                + (result.equals("created") ? "\"Create\"" : result.equals("updated") ? "\"Update\"" : "null")
                + ",\"commandId\":" + (result.equals("unchanged") || result.equals("invalid") ? "null" : "\"c-" + id + "\"")
                + ",\"changes\":" + changes + ",\"error\":" + (field == null && message == null ? "null" : "\"" + result + "\"")
                + ",\"field\":" + (field == null ? "null" : "\"" + field + "\"")
                + ",\"message\":" + (message == null ? "null" : "\"" + message + "\"") + "}";
    }

    private static String answer(String... items) {
        return "{\"dryRun\":false,\"items\":[" + String.join(",", items) + "]}";
    }

    private static final String PLANNED = answer(
            item(0, "report-hourly", "created", "null", null, null),
            item(1, "nightly", "updated", "[\"scheduleKind\",\"schedule\",\"payload\",\"timeout\"]", null, null),
            item(2, "cleanup", "unchanged", "[]", null, null),
            item(3, "broken", "invalid", "null", "schedule", "invalid cron '0 61 * * * ?': value 61 out of range"));

    private List<FakeApi.Received> received(String methodAndUri) {
        return api.received.stream().filter(r -> (r.method() + " " + r.uri()).equals(methodAndUri)).toList();
    }

    private static JsonNode json(String text) {
        try {
            return JobClient.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void prints_the_plan_then_applies_only_the_changes_and_an_invalid_job_exits_4() throws Exception {
        api.answer(DRY_RUN, 207, PLANNED).answer(APPLY, 200, answer(
                item(0, "report-hourly", "created", "null", null, null),
                item(1, "nightly", "updated", "[\"schedule\",\"payload\",\"timeout\"]", null, null)));

        CliRun cli = apply(JOBS, "--reason", "release 42");

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(4);
        assertThat(cli.out()).isEqualTo(""
                + "+ create report-hourly" + NL
                + "~ update nightly (every, payload, timeout)" + NL
                + "= unchanged cleanup" + NL
                + "! invalid broken (line 19): cron: invalid cron '0 61 * * * ?': value 61 out of range" + NL
                + "Plan: 1 to create, 1 to update, 1 unchanged, 0 to delete, 1 invalid." + NL
                + "created report-hourly" + NL
                + "updated nightly (every, payload, timeout)" + NL
                + "Applied: 1 created, 1 updated, 0 deleted; 0 failed, 0 not applied in time." + NL);
        assertThat(cli.err()).contains("1 job of").contains("invalid (see the plan); the others were applied");

        JsonNode planned = json(received(DRY_RUN).get(0).body());
        assertThat(planned).hasSize(4);
        assertThat(planned.get(0)).isEqualTo(json("{\"id\":\"report-hourly\",\"scheduleKind\":\"cron\","
                + "\"schedule\":\"0 0 * * * ?\",\"timeZone\":\"Europe/Berlin\",\"handler\":\"sleep\",\"payload\":{\"ms\":100},"
                + "\"reason\":\"release 42\"}"));
        assertThat(planned.get(1)).isEqualTo(json("{\"id\":\"nightly\",\"scheduleKind\":\"every\",\"schedule\":\"10m\","
                + "\"handler\":\"noop\",\"misfire\":\"all\",\"timeout\":\"30s\",\"payload\":{\"ms\":5},\"maxAttempts\":3,"
                + "\"reason\":\"release 42\"}"));
        assertThat(planned.get(2)).isEqualTo(json("{\"id\":\"cleanup\",\"scheduleKind\":\"at\","
                + "\"schedule\":\"2026-12-01T09:00:00Z\",\"handler\":\"noop\",\"paused\":true,\"reason\":\"release 42\"}"));
        JsonNode applied = json(received(APPLY).get(0).body());
        assertThat(applied.findValuesAsText("id")).as("only what the plan changes").containsExactly("report-hourly", "nightly");
        assertThat(api.received).extracting(r -> r.method() + " " + r.uri()).containsExactly(DRY_RUN, APPLY);
    }

    @Test
    void dry_run_prints_the_plan_and_publishes_nothing() {
        api.answer(DRY_RUN, 207, PLANNED);

        CliRun cli = apply(JOBS, "--dry-run");

        assertThat(cli.out()).contains("+ create report-hourly" + NL).contains("~ update nightly (every, payload, timeout)")
                .endsWith("Plan: 1 to create, 1 to update, 1 unchanged, 0 to delete, 1 invalid." + NL
                        + "Dry run: nothing was changed." + NL);
        assertThat(cli.exitCode()).as("the plan has an invalid job").isEqualTo(4);
        assertThat(api.received).extracting(r -> r.method() + " " + r.uri()).containsExactly(DRY_RUN);
    }

    @Test
    void a_file_the_server_already_matches_changes_nothing_and_exits_0() {
        api.answer(DRY_RUN, 200, answer(item(0, "solo", "unchanged", "[]", null, null)));
        CliRun cli = apply("- id: solo\n  every: 5s\n  handler: noop\n");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo("= unchanged solo" + NL
                + "Plan: 0 to create, 0 to update, 1 unchanged, 0 to delete, 0 invalid." + NL + "Nothing to change." + NL);
        assertThat(api.received).hasSize(1);
    }

    @Test
    void prune_deletes_the_jobs_the_file_does_not_name_and_says_so_loudly() throws Exception {
        String yaml = "- id: keep\n  every: 5s\n  handler: noop\n";
        api.answer(DRY_RUN, 200, answer(item(0, "keep", "unchanged", "[]", null, null)))
                .answer(LIST, 200, "[{\"id\":\"keep\"},{\"id\":\"old-a\"},{\"id\":\"old-b\"}]")
                .answer("DELETE /api/jobs/old-a", 200, "{\"id\":\"old-a\",\"status\":\"deleted\",\"commandId\":\"c1\"}")
                .answer("DELETE /api/jobs/old-b", 404, "{\"error\":\"not_found\",\"message\":\"no job 'old-b'\"}");

        CliRun cli = apply(yaml, "--prune", "--reason", "tidy");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo("= unchanged keep" + NL + "- delete old-a" + NL + "- delete old-b" + NL
                + "Plan: 0 to create, 0 to update, 1 unchanged, 2 to delete, 0 invalid." + NL
                + "WARNING: --prune will DELETE 2 jobs that are not in jobs.yaml: old-a, old-b" + NL
                + "deleted old-a" + NL + "deleted old-b (it was already gone)" + NL
                + "Applied: 0 created, 0 updated, 1 deleted; 0 failed, 0 not applied in time." + NL);
        assertThat(api.received).extracting(r -> r.method() + " " + r.uri())
                .containsExactly(DRY_RUN, LIST, "DELETE /api/jobs/old-a", "DELETE /api/jobs/old-b");
        assertThat(json(received("DELETE /api/jobs/old-a").get(0).body()).path("reason").asText()).isEqualTo("tidy");
    }

    @Test
    void prune_with_dry_run_deletes_nothing() {
        api.answer(DRY_RUN, 200, answer(item(0, "keep", "created", "null", null, null)))
                .answer(LIST, 200, "[{\"id\":\"old\"}]");
        CliRun cli = apply("- id: keep\n  every: 5s\n  handler: noop\n", "--prune", "--dry-run");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("- delete old" + NL)
                .contains("WARNING: --prune will DELETE 1 job that is not in jobs.yaml: old" + NL)
                .endsWith("Dry run: nothing was changed." + NL);
        assertThat(api.received).extracting(r -> r.method() + " " + r.uri()).containsExactly(DRY_RUN, LIST);
    }

    @Test
    void prune_of_a_file_without_jobs_is_refused() {
        CliRun cli = apply("[]\n", "--prune");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("lists no jobs, and --prune would delete every job");
        assertThat(api.received).isEmpty();
    }

    @Test
    void a_rejected_job_exits_4_and_one_not_applied_in_time_exits_5() {
        api.answer(DRY_RUN, 200, answer(item(0, "a", "created", "null", null, null)))
                .answer(APPLY, 207, answer(item(0, "a", "rejected", "null", null, "job a already exists")));
        CliRun rejected = apply("- id: a\n  every: 5s\n  handler: noop\n");
        assertThat(rejected.exitCode()).isEqualTo(4);
        assertThat(rejected.out()).contains("rejected a: job a already exists" + NL)
                .contains("Applied: 0 created, 0 updated, 0 deleted; 1 failed, 0 not applied in time.");

        api.answer(APPLY, 207, answer(item(0, "a", "pending", "null", null, "published as command c-a but not applied")));
        CliRun late = apply("- id: a\n  every: 5s\n  handler: noop\n");
        assertThat(late.exitCode()).isEqualTo(5);
        assertThat(late.out()).contains("pending a: published as command c-a but not applied" + NL);
    }

    @Test
    void no_wait_sends_wait_false_and_prints_the_command_ids() {
        api.answer(DRY_RUN, 200, answer(item(0, "a", "created", "null", null, null)))
                .answer("POST /api/jobs/bulk?wait=false", 202, answer(item(0, "a", "pending", "null", null, null)
                        .replace("\"kind\":null", "\"kind\":\"Create\"")));
        CliRun cli = apply("- id: a\n  every: 5s\n  handler: noop\n", "--no-wait");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("sent a as command c-a (Create)" + NL)
                .contains("Sent: 1 command, not waiting for them to apply");
    }

    @Test
    void json_prints_the_plan_and_the_results_as_one_document() throws Exception {
        String applied = answer(item(0, "a", "created", "null", null, null));
        api.answer(DRY_RUN, 200, answer(item(0, "a", "created", "null", null, null))).answer(APPLY, 200, applied);
        CliRun cli = apply("- id: a\n  every: 5s\n  handler: noop\n", "--json");
        assertThat(cli.exitCode()).isZero();
        JsonNode out = json(cli.out());
        assertThat(out.path("plan").path("items").get(0).path("result").asText()).isEqualTo("created");
        assertThat(out.path("applied")).isEqualTo(json(applied));
        assertThat(out.path("delete").isEmpty()).isTrue();
    }

    @Test
    void a_file_larger_than_a_batch_is_sent_in_several_requests() throws Exception {
        String yaml = "- id: a\n  every: 5s\n  handler: noop\n- id: b\n  every: 5s\n  handler: noop\n"
                + "- id: c\n  every: 5s\n  handler: noop\n";
        api.answerInTurn(DRY_RUN, 200, answer(item(0, "a", "created", "null", null, null),
                        item(1, "b", "unchanged", "[]", null, null)),
                answer(item(0, "c", "created", "null", null, null)))
                .answer(APPLY, 200, answer(item(0, "a", "created", "null", null, null),
                        item(1, "c", "created", "null", null, null)));

        CliRun cli = apply(yaml, "--batch-size", "2");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("+ create a" + NL + "= unchanged b" + NL + "+ create c" + NL
                + "Plan: 2 to create, 0 to update, 1 unchanged, 0 to delete, 0 invalid." + NL);
        assertThat(received(DRY_RUN)).extracting(r -> json(r.body()).findValuesAsText("id"))
                .containsExactly(List.of("a", "b"), List.of("c"));
        assertThat(received(APPLY)).singleElement().extracting(r -> json(r.body()).findValuesAsText("id"))
                .isEqualTo(List.of("a", "c"));
        assertThat(apply(yaml, "--batch-size", "0").exitCode()).isEqualTo(2);
    }

    @Test
    void bad_yaml_exits_2_naming_the_line_and_sends_nothing() {
        CliRun cli = apply("- id: a\n  every: 5s\n  handler: [noop\n");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("jobs.yaml: line ").contains("not valid YAML").contains("nothing was applied");
        assertThat(api.received).isEmpty();
    }

    @Test
    void the_file_must_be_a_list_of_maps() {
        assertThat(apply("id: a\nevery: 5s\n").err()).contains("line 1: the file must be a YAML list of jobs");
        assertThat(apply("- a\n").err()).contains("item 1 (line 1): a job must be a map of fields");
        assertThat(apply("- id: a\n  every: 5s\n  handler: noop\n---\n- id: b\n").err())
                .contains("only one YAML document");
        assertThat(api.received).isEmpty();
    }

    @Test
    void an_unknown_field_exits_2_naming_it_the_item_and_the_line() {
        CliRun cli = apply("- id: a\n  every: 5s\n  handler: noop\n- id: b\n  every: 5s\n  handelr: noop\n");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("item 2 (line 4), line 6: unknown field 'handelr'; known fields: id, cron, every,"
                + " at, timeZone, handler, overlap, misfire, timeout, notBefore, notAfter, payload, maxErrors,"
                + " maxAttempts, misfireLimit, paused");
        assertThat(api.received).isEmpty();
    }

    @Test
    void a_job_given_twice_exits_2_naming_both_items() {
        CliRun cli = apply("- id: a\n  every: 5s\n  handler: noop\n- id: a\n  every: 1m\n  handler: noop\n");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("item 2 (line 4): job 'a' is already defined by item 1 (line 1); give each job once");
        assertThat(api.received).isEmpty();
    }

    @Test
    void each_job_needs_an_id_and_exactly_one_schedule() {
        assertThat(apply("- every: 5s\n  handler: noop\n").err()).contains("item 1 (line 1): 'id' is required");
        assertThat(apply("- id: a\n  handler: noop\n").err()).contains("(a): give exactly one of cron, every or at");
        assertThat(apply("- id: a\n  every: 5s\n  at: 2026-01-01T00:00:00Z\n  handler: noop\n").err())
                .contains("it has every and at");
        assertThat(apply("- id: a\n  every: 5s\n  every: 6s\n").err()).contains("line 3: 'every' is given twice");
        assertThat(api.received).isEmpty();
    }

    @Test
    void a_payload_string_must_be_json() {
        CliRun cli = apply("- id: a\n  every: 5s\n  handler: noop\n  payload: '{ms: 5}'\n");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("item 1 (line 1) (a): payload is a string, so it must be JSON text");
        assertThat(api.received).isEmpty();
    }

    @Test
    void a_missing_file_exits_2() {
        CliRun cli = CliRun.run("job", "apply", "-f", dir.resolve("nope.yaml").toString(), "--server", api.url());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("nope.yaml: cannot read it");
    }
}
