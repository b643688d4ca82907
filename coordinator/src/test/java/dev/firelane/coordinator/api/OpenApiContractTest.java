package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.coordinator.api.auth.ApiAuth;
import dev.firelane.coordinator.api.auth.ApiToken;
import dev.firelane.coordinator.api.auth.Role;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.JobSpec;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document against the running API: the router's routes and the document's operations are the same,
 * with the same access; every operation answers each of its request examples with a documented status and a body
 * valid by the documented schema; bad requests answer with the documented error shape. The status stream is faked
 * just enough: a published command is recorded as applied, and a {@code Create} writes the job's row.
 */
class OpenApiContractTest {
    private static final String OPERATOR = "operator-secret-0123456789";
    private static final String VIEWER = "viewer-secret-0123456789";

    private final AtomicBoolean kafkaUp = new AtomicBoolean(true);
    private final AtomicBoolean streamDied = new AtomicBoolean(false);
    private final OpenApiDocument doc = OpenApiDocument.load();
    private final JsonSchemaCheck schemas = new JsonSchemaCheck(doc);
    private final ApiTestServer api = new ApiTestServer(ApiConfig.builder().auth(ApiAuth.tokens(List.of(
            new ApiToken("alice", Role.OPERATOR, OPERATOR), new ApiToken("grafana", Role.VIEWER, VIEWER)))),
            List.of(() -> kafkaUp.get() ? ComponentHealth.up("kafka", "1 broker")
                            : ComponentHealth.down("kafka", "unreachable"),
                    () -> streamDied.get() ? ComponentHealth.fatal("fireStream", "ERROR")
                            : ComponentHealth.up("fireStream", "RUNNING")));

    /** One request an operation is tried with: its path with the documented parameter examples, and a body example. */
    private record Call(String label, String method, String path, String contentType, String body) {
    }

    @BeforeEach
    void fakeStatusStream() {
        api.onPublish(this::apply);
    }

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void every_route_of_the_router_is_documented_with_its_access_and_nothing_else_is() {
        Map<String, Access> documented = new TreeMap<>();
        doc.operations().forEach(op -> documented.put(op.key(), op.access()));
        assertThat(documented).isEqualTo(new TreeMap<>(api.server.accessByRoute()));
    }

    @Test
    void every_operation_answers_each_of_its_examples_with_a_documented_success() {
        int calls = 0;
        for (OpenApiDocument.Operation op : doc.operations()) {
            for (Call call : calls(op)) {
                fixture();
                api.published.clear();
                ApiTestServer.Reply reply = send(call, OPERATOR);
                assertThat(reply.status()).as(call.label() + " answered " + reply.raw().body()).isBetween(200, 299);
                assertDocumented(op, call.label(), reply);
                if (call.body() != null) {
                    assertThat(api.published).as(call.label() + " sent its command").isNotEmpty();
                }
                calls++;
            }
        }
        assertThat(calls).isGreaterThanOrEqualTo(doc.operations().size());
    }

    @Test
    void the_create_and_bulk_examples_create_the_jobs_they_describe() {
        OpenApiDocument.Operation create = doc.operation("POST", "/api/jobs").orElseThrow();
        for (Call call : calls(create)) {
            fixture();
            api.published.clear();
            JsonNode example = json(call.body());
            assertThat(send(call, OPERATOR).status()).as(call.label()).isEqualTo(201);
            assertThat(api.published).singleElement().isInstanceOfSatisfying(ControlCommand.Create.class, command -> {
                JobSpec spec = command.spec();
                assertThat(spec.id()).isEqualTo(example.path("id").asText());
                assertThat(spec.schedule()).isEqualTo(example.path("schedule").asText());
                assertThat(spec.handler()).isEqualTo(example.path("handler").asText());
                assertThat(command.paused()).isEqualTo(example.path("paused").asBoolean(false));
            });
            assertThat(send(new Call("show", "GET", "/api/jobs/" + example.path("id").asText(), null, null), VIEWER)
                    .status()).as(call.label() + ": the job is there").isEqualTo(200);
        }
        OpenApiDocument.Operation bulk = doc.operation("POST", "/api/jobs/bulk").orElseThrow();
        for (Call call : calls(bulk)) {
            fixture();
            ApiTestServer.Reply reply = send(call, OPERATOR);
            assertThat(reply.status()).as(call.label()).isEqualTo(200);
            assertThat(reply.json().path("failed").asInt()).as(call.label()).isZero();
            assertThat(reply.json().path("created").asInt()).as(call.label()).isEqualTo(2);
        }
    }

    @Test
    void the_documented_query_parameters_answer_as_documented() {
        String job = doc.parameterExample(doc.pointer("#/components/parameters/JobId"));
        String bulk = calls(doc.operation("POST", "/api/jobs/bulk").orElseThrow()).get(0).body();
        assertAnswer(new Call("no wait", "POST", "/api/jobs/" + job + "/pause?wait=false", null, null), 202);
        assertAnswer(new Call("bulk, no wait", "POST", "/api/jobs/bulk?wait=false", "application/json", bulk), 202);
        assertAnswer(new Call("bulk, dry run", "POST", "/api/jobs/bulk?dryRun=true", "application/json", bulk), 200);
        assertAnswer(new Call("next, from", "GET", "/api/jobs/" + job + "/next?count=2&from=2026-03-01T10:00:00Z", null,
                null), 200);
        assertAnswer(new Call("runs, paged", "GET", "/api/jobs/" + job + "/runs?limit=1&offset=0", null, null), 200);
        assertAnswer(new Call("audit, paged", "GET", "/api/jobs/" + job + "/audit?limit=1&offset=0", null, null), 200);
        ApiTestServer.Reply page = assertAnswer(new Call("jobs, a full page", "GET", "/api/jobs?status=active&limit=1",
                null, null), 200);
        assertThat(page.raw().headers().firstValue("Link")).as("the documented Link header")
                .hasValue("</api/jobs?limit=1&offset=1&status=active>; rel=\"next\"");
    }

    private ApiTestServer.Reply assertAnswer(Call call, int status) {
        fixture();
        ApiTestServer.Reply reply = send(call, OPERATOR);
        assertThat(reply.status()).as(call.label() + ": " + reply.raw().body()).isEqualTo(status);
        assertDocumented(doc.operation(call.method(), call.path()).orElseThrow(), call.label(), reply);
        return reply;
    }

    @Test
    void bad_requests_answer_with_the_documented_error_shape() {
        String job = doc.parameterExample(doc.pointer("#/components/parameters/JobId"));
        String valid = "{\"id\":\"%s\",\"scheduleKind\":\"every\",\"schedule\":\"30s\",\"handler\":\"noop\"%s}";
        assertError(new Call("no token", "GET", "/api/jobs", null, null), null, 401, "unauthorized");
        assertError(new Call("unknown token", "GET", "/api/jobs/" + job, null, null), "nope", 401, "unauthorized");
        assertError(new Call("viewer pauses", "POST", "/api/jobs/" + job + "/pause", null, null), VIEWER, 403, "forbidden");
        assertError(new Call("unknown job", "GET", "/api/jobs/ghost", null, null), VIEWER, 404, "not_found");
        assertError(new Call("unknown path", "GET", "/api/nothing", null, null), VIEWER, 404, "not_found");
        assertError(new Call("wrong method", "PATCH", "/api/jobs", "application/json", "{}"), OPERATOR, 405,
                "method_not_allowed");
        assertError(new Call("not JSON", "POST", "/api/jobs", "application/json", "{"), OPERATOR, 400, "invalid");
        assertError(new Call("misspelt field", "POST", "/api/jobs", "application/json",
                String.format(valid, "x", ",\"pasued\":true")), OPERATOR, 400, "invalid");
        assertError(new Call("bad limit", "GET", "/api/jobs?limit=0", null, null), VIEWER, 400, "invalid");
        assertError(new Call("bad from", "GET", "/api/jobs/" + job + "/next?from=yesterday", null, null), VIEWER, 400,
                "invalid");
        assertError(new Call("bulk of an object", "POST", "/api/jobs/bulk", "application/json", "{}"), OPERATOR, 400,
                "invalid");
        assertError(new Call("existing id", "POST", "/api/jobs", "application/json", String.format(valid, job, "")),
                OPERATOR, 409, "exists");
        assertError(new Call("too large", "POST", "/api/jobs", "application/json",
                "x".repeat(ApiConfig.DEFAULT_MAX_BODY_BYTES + 1)), OPERATOR, 413, "too_large");
        assertError(new Call("unknown asset", "GET", "/assets/nope.js", null, null), null, 404, "not_found");
        kafkaUp.set(false);
        assertError(new Call("not ready", "GET", "/health/ready", null, null), null, 503, "unavailable");
        streamDied.set(true);
        assertError(new Call("dead", "GET", "/health/live", null, null), null, 503, "fatal");
    }

    @Test
    void every_operation_asks_a_running_server_for_the_documented_role() {
        for (OpenApiDocument.Operation op : doc.operations()) {
            fixture();
            Call call = calls(op).get(0);
            switch (op.access()) {
                case PUBLIC -> assertThat(send(call, null).status()).as(op.key() + " without a token").isBetween(200, 299);
                case READ -> {
                    assertDocumented(op, op.key() + " without a token", expect(send(call, null), 401));
                    assertThat(send(call, VIEWER).status()).as(op.key() + " as a viewer").isBetween(200, 299);
                }
                case OPERATE -> {
                    assertDocumented(op, op.key() + " without a token", expect(send(call, null), 401));
                    assertDocumented(op, op.key() + " as a viewer", expect(send(call, VIEWER), 403));
                }
            }
        }
        assertThat(api.published).as("no refused call sent a command").isEmpty();
    }

    @Test
    void the_served_document_is_the_one_in_the_jar_for_any_token() {
        ApiTestServer.Reply reply = send(new Call("document", "GET", OpenApiResource.PATH, null, null), VIEWER);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("Content-Type")).hasValue(OpenApiResource.CONTENT_TYPE);
        assertThat(reply.json()).isEqualTo(doc.root);
    }

    private void assertError(Call call, String token, int status, String error) {
        fixture();
        ApiTestServer.Reply reply = send(call, token);
        assertThat(reply.status()).as(call.label() + ": " + reply.raw().body()).isEqualTo(status);
        assertThat(reply.json().path("error").asText()).as(call.label()).isEqualTo(error);
        assertThat(schemas.errors(reply.json(), doc.pointer("#/components/schemas/Error"))).as(call.label()).isEmpty();
        doc.operation(call.method(), call.path()).ifPresent(op -> assertDocumented(op, call.label(), reply));
    }

    /** The status is documented for the operation, and so are the content type and (JSON) body. */
    private void assertDocumented(OpenApiDocument.Operation op, String label, ApiTestServer.Reply reply) {
        JsonNode response = doc.response(op, reply.status());
        assertThat(response).as(label + ": status " + reply.status() + " is documented for " + op.key()).isNotNull();
        String type = reply.raw().headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        JsonNode media = response.path("content").get(type);
        assertThat(media).as(label + ": content type " + type + " is documented").isNotNull();
        if (reply.json() != null) {
            assertThat(schemas.errors(reply.json(), media.get("schema"))).as(label + ": " + reply.raw().body()).isEmpty();
        }
    }

    private static ApiTestServer.Reply expect(ApiTestServer.Reply reply, int status) {
        assertThat(reply.status()).as(reply.raw().request().method() + " " + reply.raw().uri().getPath() + ": "
                + reply.raw().body()).isEqualTo(status);
        return reply;
    }

    /** The requests to try an operation with: each body example of each media type, or one call without a body. */
    private List<Call> calls(OpenApiDocument.Operation op) {
        String path = op.path();
        for (JsonNode p : op.parameters()) {
            if (p.path("in").asText().equals("path")) {
                String value = URLEncoder.encode(doc.parameterExample(p), StandardCharsets.UTF_8).replace("+", "%20");
                path = path.replace("{" + p.path("name").asText() + "}", value);
            }
        }
        List<Call> out = new ArrayList<>();
        String resolved = path;
        doc.requestContent(op).forEach((type, media) -> doc.examples(media).forEach((name, value) ->
                out.add(new Call(op.key() + " example '" + name + "' (" + type + ")", op.method(), resolved, type,
                        value.isTextual() ? value.textValue() : value.toString()))));
        if (out.isEmpty()) {
            out.add(new Call(op.key(), op.method(), resolved, null, null));
        }
        return out;
    }

    private ApiTestServer.Reply send(Call call, String token) {
        api.token(token);
        HttpRequest.BodyPublisher body = call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(call.path())).method(call.method(), body);
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        return api.send(request);
    }

    /** The documented example ids exist: a job, one of its runs and one command of its audit. */
    private void fixture() {
        api.sql("DELETE FROM job_commands");
        api.sql("DELETE FROM job_runs");
        api.sql("DELETE FROM jobs");
        String job = doc.parameterExample(doc.pointer("#/components/parameters/JobId"));
        api.insertJob(job, "active", "{\"method\":\"POST\",\"url\":\"https://reports.example.com/nightly\"}");
        api.insertRun(doc.parameterExample(doc.pointer("#/components/parameters/FireId")), job,
                Instant.parse("2026-03-01T01:00:00Z"), Instant.parse("2026-03-01T01:00:00.020Z"),
                Instant.parse("2026-03-01T01:00:03.120Z"), "ok");
        api.insertCommand(doc.parameterExample(doc.pointer("#/components/parameters/CommandId")), job, "Pause",
                "applied", null);
    }

    /** The status stream, just enough: the command is recorded as applied; a create writes the job's row first. */
    private void apply(ControlCommand command) {
        if (command instanceof ControlCommand.Create create) {
            JobSpec spec = create.spec();
            api.insertJob(create.jobId(), create.paused() ? "paused" : "active", spec.payload().toString(),
                    spec.scheduleKind().wire(), spec.schedule(), spec.timeZone(), ApiTestServer.CLOCK.instant());
        }
        api.insertCommand(command.commandId(), command.jobId(), command.kind(), "applied", null);
    }

    private static JsonNode json(String text) {
        try {
            return ApiJson.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
