package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.protocol.ControlCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/jobs/bulk} without a broker: the test's publisher records the commands and, where a test says
 * so, writes their audit rows as the status stream would.
 */
class ApiBulkTest {
    private static final String NDJSON = "application/x-ndjson";

    private final ApiTestServer api = new ApiTestServer(ApiConfig.builder().knownHandlers(Set.of("noop", "sleep"))
            .commandTimeout(Duration.ofSeconds(5)).maxBulkItems(3000), List.of());

    @AfterEach
    void close() {
        api.close();
    }

    /** A job object as {@code POST /api/jobs} takes it; {@code more} is added to its fields. */
    private static String job(String id, String more) {
        return "{\"id\":\"" + id + "\",\"scheduleKind\":\"every\",\"schedule\":\"10m\",\"handler\":\"noop\""
                + (more.isEmpty() ? "" : "," + more) + "}";
    }

    private static String array(String... items) {
        return "[" + String.join(",", items) + "]";
    }

    /** The status stream applies every command (or rejects those of {@code rejectedJobs}) as it is published. */
    private void applyOnPublish(String... rejectedJobs) {
        Set<String> rejected = Set.of(rejectedJobs);
        api.onPublish(command -> api.insertCommand(command.commandId(), command.jobId(), command.kind(),
                rejected.contains(command.jobId()) ? "rejected" : "applied",
                rejected.contains(command.jobId()) ? "job " + command.jobId() + " already exists" : null));
    }

    private static JsonNode item(ApiTestServer.Reply reply, int index) {
        JsonNode item = reply.json().path("items").get(index);
        assertThat(item.path("index").asInt()).isEqualTo(index);
        return item;
    }

    @Test
    void mixed_items_each_get_their_own_result_and_the_valid_ones_apply() {
        applyOnPublish();
        String badCron = "{\"id\":\"bad-cron\",\"scheduleKind\":\"cron\",\"schedule\":\"0 61 * * * ?\",\"handler\":\"noop\"}";
        String misspelt = job("misspelt", "\"pasued\":true");
        String unknownHandler = "{\"id\":\"mailer\",\"scheduleKind\":\"every\",\"schedule\":\"5s\",\"handler\":\"mail\"}";

        var reply = api.post("/api/jobs/bulk", array(job("a", ""), badCron, misspelt, job("b", "\"paused\":true"),
                unknownHandler, "42"));

        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(207);
        assertThat(reply.json().path("total").asInt()).isEqualTo(6);
        assertThat(reply.json().path("created").asInt()).isEqualTo(2);
        assertThat(reply.json().path("invalid").asInt()).isEqualTo(4);
        assertThat(reply.json().path("failed").asInt()).isEqualTo(4);
        assertThat(reply.json().path("items").findValuesAsText("result"))
                .containsExactly("created", "invalid", "invalid", "created", "invalid", "invalid");
        assertThat(api.published).extracting(ControlCommand::jobId).containsExactly("a", "b");
        assertThat(api.published.get(1)).isInstanceOfSatisfying(ControlCommand.Create.class,
                create -> assertThat(create.paused()).isTrue());
        JsonNode created = item(reply, 0);
        assertThat(created.path("id").asText()).isEqualTo("a");
        assertThat(created.path("kind").asText()).isEqualTo("Create");
        assertThat(created.path("commandId").asText()).isEqualTo(api.published.get(0).commandId());
        assertThat(created.path("error").isNull()).isTrue();
        assertThat(item(reply, 5).path("message").asText()).isEqualTo("must be a JSON object; got number 42");
        assertThat(item(reply, 5).path("id").isNull()).isTrue();

        // each invalid item names its field exactly as POST /api/jobs does for the same body
        Map<Integer, String> invalidBodies = Map.of(1, badCron, 2, misspelt, 4, unknownHandler);
        for (int index : invalidBodies.keySet()) {
            var single = api.post("/api/jobs", invalidBodies.get(index));
            JsonNode bulkItem = item(reply, index);
            assertThat(single.status()).isEqualTo(400);
            assertThat(bulkItem.path("error").asText()).isEqualTo(single.json().path("error").asText());
            assertThat(bulkItem.path("field").asText()).isEqualTo(single.json().path("field").asText());
            assertThat(bulkItem.path("message").asText()).isEqualTo(single.json().path("message").asText());
        }
        assertThat(item(reply, 1).path("field").asText()).isEqualTo("schedule");
        assertThat(item(reply, 2).path("field").asText()).isEqualTo("pasued");
        assertThat(item(reply, 4).path("field").asText()).isEqualTo("handler");
    }

    @Test
    void all_items_through_is_a_200_with_the_time_it_took() {
        applyOnPublish();
        var reply = api.post("/api/jobs/bulk", array(job("a", ""), job("b", "")));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("failed").asInt()).isZero();
        assertThat(reply.json().path("appliedInMs").isNumber()).isTrue();
        assertThat(reply.json().path("dryRun").asBoolean()).isFalse();
    }

    @Test
    void ndjson_takes_one_job_per_line_and_a_bad_line_fails_only_itself() {
        applyOnPublish();
        String body = job("a", "") + "\n\n{\"id\": \"broken\",\n" + job("b", "\"payload\":{\"x\":1}") + "\r\n";
        var reply = api.post("/api/jobs/bulk", NDJSON + "; charset=utf-8", body);

        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(207);
        assertThat(reply.json().path("items").findValuesAsText("result")).containsExactly("created", "invalid", "created");
        assertThat(item(reply, 1).path("message").asText()).startsWith("line 3: not valid JSON");
        assertThat(api.published).extracting(ControlCommand::jobId).containsExactly("a", "b");
    }

    @Test
    void a_body_that_is_not_an_array_is_a_400_naming_the_body() {
        var reply = api.post("/api/jobs/bulk", job("a", ""));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isEqualTo("invalid");
        assertThat(reply.json().path("field").asText()).isEqualTo("body");
        assertThat(reply.json().path("message").asText()).contains("JSON array").contains("application/x-ndjson");
        assertThat(api.post("/api/jobs/bulk", "[{\"id\":").status()).isEqualTo(400);
        assertThat(api.post("/api/jobs/bulk", NDJSON, "\n \n").status()).isEqualTo(400);
        assertThat(api.published).isEmpty();
    }

    @Test
    void a_job_given_twice_is_refused_at_each_occurrence_and_the_others_apply() {
        applyOnPublish();
        var reply = api.post("/api/jobs/bulk", array(job("twice", ""), job("once", ""),
                job("twice", "\"handler\":\"sleep\"")));
        assertThat(reply.status()).isEqualTo(207);
        assertThat(reply.json().path("items").findValuesAsText("result")).containsExactly("invalid", "created", "invalid");
        for (int index : new int[] {0, 2}) {
            assertThat(item(reply, index).path("field").asText()).isEqualTo("id");
            assertThat(item(reply, index).path("message").asText())
                    .isEqualTo("job 'twice' appears more than once in this request (items 0, 2); give each job once");
        }
        assertThat(api.published).extracting(ControlCommand::jobId).containsExactly("once");
    }

    @Test
    void more_items_than_the_cap_is_a_413_that_says_so_and_publishes_nothing() {
        String items = IntStream.range(0, 3001).mapToObj(i -> job("j" + i, "")).collect(Collectors.joining(","));
        var reply = api.post("/api/jobs/bulk", "[" + items + "]");
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().path("error").asText()).isEqualTo("too_large");
        assertThat(reply.json().path("message").asText())
                .isEqualTo("the request has 3001 jobs; the limit is 3000 per request — split it into several requests");
        var ndjson = api.post("/api/jobs/bulk", NDJSON, items.replace("},{", "}\n{"));
        assertThat(ndjson.status()).isEqualTo(413);
        assertThat(api.published).isEmpty();
        assertThat(api.statements.all()).as("refused before any lookup").isEmpty();
    }

    @Test
    void a_body_over_the_bulk_limit_is_a_413_and_the_bulk_limit_is_its_own() {
        try (ApiTestServer small = new ApiTestServer(ApiConfig.builder().maxBodyBytes(70_000).maxBulkBodyBytes(100_000),
                List.of())) {
            String big = "x".repeat(50_000);
            String twoBig = array(job("a", "\"payload\":{\"b\":\"" + big + "\"}"), job("b", "\"payload\":{\"b\":\""
                    + big + "\"}"));
            var tooLarge = small.post("/api/jobs/bulk", twoBig);
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.json().path("field").asText()).isEqualTo("body");
            assertThat(tooLarge.json().path("message").asText()).isEqualTo("the request body is larger than 100000 bytes");

            String oneAndAHalf = array(job("a", "\"payload\":{\"b\":\"" + big + "\"}"), job("b", "\"payload\":{\"b\":\""
                    + big.substring(25_000) + "\"}"));
            assertThat(oneAndAHalf.length()).as("over the single-job limit, under the bulk one").isBetween(70_001, 99_999);
            assertThat(small.post("/api/jobs/bulk?wait=false", oneAndAHalf).status()).isEqualTo(202);
        }
    }

    @Test
    void an_item_equal_to_the_stored_job_is_unchanged_and_publishes_nothing() {
        api.insertJob("same", "active", "{\"a\": 1,  \"b\": [true]}");
        String stored = "{\"id\":\"same\",\"scheduleKind\":\"cron\",\"schedule\":\"0 * * * * ?\","
                + "\"timeZone\":\"Europe/Berlin\",\"handler\":\"noop\",\"payload\":{\"b\":[true],\"a\":1},\"maxErrors\":3,"
                + "\"overlap\":\"skip\",\"misfire\":\"once\",\"maxAttempts\":1,\"misfireLimit\":100,"
                + "\"reason\":\"a reason is not part of the definition\"}";

        var reply = api.post("/api/jobs/bulk", array(stored));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("unchanged").asInt()).isEqualTo(1);
        JsonNode unchanged = item(reply, 0);
        assertThat(unchanged.path("result").asText()).isEqualTo("unchanged");
        assertThat(unchanged.path("commandId").isNull()).isTrue();
        assertThat(unchanged.path("changes").isEmpty()).isTrue();
        assertThat(api.published).isEmpty();
        assertThat(api.publishedBatches).as("nothing to publish: no broker call at all").isEmpty();
    }

    @Test
    void an_item_that_differs_is_an_update_naming_the_fields_it_changes() {
        applyOnPublish();
        api.insertJob("differs", "paused", "{}");
        String wanted = "{\"id\":\"differs\",\"scheduleKind\":\"cron\",\"schedule\":\"0 0 * * * ?\","
                + "\"timeZone\":\"Europe/Berlin\",\"handler\":\"noop\",\"payload\":{\"v\":2},\"maxErrors\":3,"
                + "\"overlap\":\"skip\",\"misfire\":\"once\",\"timeout\":\"30s\",\"paused\":false}";

        var reply = api.post("/api/jobs/bulk", array(wanted));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode updated = item(reply, 0);
        assertThat(updated.path("result").asText()).isEqualTo("updated");
        assertThat(updated.path("kind").asText()).isEqualTo("Update");
        assertThat(updated.path("changes")).extracting(JsonNode::asText).containsExactly("schedule", "payload", "timeout");
        assertThat(api.published).singleElement().isInstanceOfSatisfying(ControlCommand.Update.class,
                update -> assertThat(update.spec().schedule()).isEqualTo("0 0 * * * ?"));
    }

    @Test
    void a_deleted_job_is_created_again() {
        applyOnPublish();
        api.insertJob("gone", "deleted", "{}");
        var reply = api.post("/api/jobs/bulk", array(job("gone", "")));
        assertThat(item(reply, 0).path("result").asText()).isEqualTo("created");
        assertThat(api.published).singleElement().isInstanceOf(ControlCommand.Create.class);
    }

    @Test
    void a_command_the_status_stream_refuses_is_rejected_with_its_reason() {
        applyOnPublish("raced");
        var reply = api.post("/api/jobs/bulk", array(job("ok", ""), job("raced", "")));
        assertThat(reply.status()).isEqualTo(207);
        JsonNode rejected = item(reply, 1);
        assertThat(rejected.path("result").asText()).isEqualTo("rejected");
        assertThat(rejected.path("error").asText()).isEqualTo("rejected");
        assertThat(rejected.path("message").asText()).isEqualTo("job raced already exists");
        assertThat(rejected.path("commandId").asText()).isEqualTo(api.published.get(1).commandId());
        assertThat(reply.json().path("rejected").asInt()).isEqualTo(1);
        assertThat(reply.json().path("failed").asInt()).isEqualTo(1);
    }

    @Test
    void items_not_applied_in_time_are_pending_and_the_rest_of_the_answer_stands() {
        try (ApiTestServer quick = new ApiTestServer(ApiConfig.builder().commandTimeout(Duration.ofMillis(300)),
                List.of())) {
            quick.onPublish(command -> {
                if (!command.jobId().equals("slow")) {
                    quick.insertCommand(command.commandId(), command.jobId(), command.kind(), "applied", null);
                }
            });
            var reply = quick.post("/api/jobs/bulk", array(job("fast", ""), job("slow", "")));
            assertThat(reply.status()).isEqualTo(207);
            assertThat(reply.json().path("items").findValuesAsText("result")).containsExactly("created", "pending");
            JsonNode pending = reply.json().path("items").get(1);
            String commandId = quick.published.get(1).commandId();
            assertThat(pending.path("error").asText()).isEqualTo("timeout");
            assertThat(pending.path("message").asText()).isEqualTo("published as command " + commandId
                    + " but not applied within 300 ms; it may still apply — check GET /api/commands/" + commandId);
            assertThat(reply.json().path("pending").asInt()).isEqualTo(1);
            assertThat(reply.json().path("failed").asInt()).as("pending is not failed: it may still apply").isZero();
        }
    }

    @Test
    void commands_applied_out_of_order_are_all_found_by_the_last_look_at_the_deadline() {
        try (ApiTestServer quick = new ApiTestServer(ApiConfig.builder().commandTimeout(Duration.ofMillis(300)),
                List.of())) {
            // the polls ask for the oldest 1000 commands; only the later ones are ever applied
            quick.onPublish(command -> {
                if (Integer.parseInt(command.jobId().substring(1)) >= 1000) {
                    quick.insertCommand(command.commandId(), command.jobId(), command.kind(), "applied", null);
                }
            });
            String items = IntStream.range(0, 1500).mapToObj(i -> job("j" + i, "")).collect(Collectors.joining(","));

            var reply = quick.post("/api/jobs/bulk", "[" + items + "]");

            assertThat(reply.status()).isEqualTo(207);
            assertThat(reply.json().path("pending").asInt()).isEqualTo(1000);
            assertThat(reply.json().path("created").asInt()).isEqualTo(500);
            assertThat(reply.json().path("items").get(999).path("result").asText()).isEqualTo("pending");
            assertThat(reply.json().path("items").get(1000).path("result").asText()).isEqualTo("created");
        }
    }

    @Test
    void wait_false_answers_202_at_once_with_the_command_ids() {
        api.insertJob("existing", "active", "{}");
        var reply = api.post("/api/jobs/bulk?wait=false", array(job("new", ""), job("existing", "")));
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().path("pending").asInt()).isEqualTo(2);
        assertThat(reply.json().path("items").findValuesAsText("result")).containsExactly("pending", "pending");
        assertThat(reply.json().path("items").findValuesAsText("kind")).containsExactly("Create", "Update");
        assertThat(reply.json().path("items").findValuesAsText("commandId"))
                .containsExactlyElementsOf(api.published.stream().map(ControlCommand::commandId).toList());
        assertThat(item(reply, 0).path("error").isNull()).isTrue();
        assertThat(api.statements.count("findCommands")).as("nothing was waited for").isZero();
    }

    @Test
    void wait_false_with_an_invalid_item_is_a_207() {
        var reply = api.post("/api/jobs/bulk?wait=false", array(job("new", ""), job("bad", "\"maxErrors\":-1")));
        assertThat(reply.status()).isEqualTo(207);
        assertThat(reply.json().path("items").findValuesAsText("result")).containsExactly("pending", "invalid");
    }

    @Test
    void dry_run_says_what_would_happen_and_publishes_nothing() {
        api.insertJob("existing", "active", "{}");
        var reply = api.post("/api/jobs/bulk?dryRun=true", array(job("new", ""), job("existing", ""),
                job("bad", "\"overlap\":\"sometimes\"")));
        assertThat(reply.status()).isEqualTo(207);
        assertThat(reply.json().path("dryRun").asBoolean()).isTrue();
        assertThat(reply.json().path("items").findValuesAsText("result")).containsExactly("created", "updated", "invalid");
        assertThat(item(reply, 1).path("changes")).extracting(JsonNode::asText)
                .containsExactly("scheduleKind", "schedule", "timeZone", "maxErrors");
        assertThat(item(reply, 2).path("field").asText()).isEqualTo("overlap");
        assertThat(api.published).isEmpty();
        assertThat(api.publishedBatches).isEmpty();
    }

    @Test
    void an_empty_array_changes_nothing() {
        var reply = api.post("/api/jobs/bulk", "[]");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("total").asInt()).isZero();
        assertThat(api.statements.all()).isEmpty();
    }

    @Test
    void the_cost_is_one_lookup_one_publish_and_one_poll_per_thousand_jobs_not_per_job() {
        applyOnPublish();
        for (int i = 0; i < 1200; i += 2) {
            api.insertJob("j" + i, "active", "{}");
        }
        api.statements.reset();
        String items = IntStream.range(0, 2500).mapToObj(i -> job("j" + i, "")).collect(Collectors.joining(","));

        var reply = api.post("/api/jobs/bulk", "[" + items + "]");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("created").asInt()).isEqualTo(1900);
        assertThat(reply.json().path("updated").asInt()).isEqualTo(600);
        assertThat(api.publishedBatches).as("one batch, flushed once").containsExactly(2500);
        assertThat(api.statements.all()).as("ceil(2500 / 1000) lookups and polls, whatever the number of jobs")
                .isEqualTo(Map.of("findJobs", 3, "findCommands", 3));
    }

    @Test
    void wait_and_dry_run_must_be_true_or_false() {
        assertThat(api.post("/api/jobs/bulk?dryRun=maybe", "[]").json().path("field").asText()).isEqualTo("dryRun");
        assertThat(api.post("/api/jobs/bulk?wait=soon", "[]").json().path("field").asText()).isEqualTo("wait");
    }
}
