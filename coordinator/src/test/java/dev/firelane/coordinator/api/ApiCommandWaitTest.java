package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.ControlCommand;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The waiting half of state-changing calls, without a broker: the happy paths run end to end on a real
 * broker and status stream elsewhere; here a test writes (or withholds) the audit row itself.
 */
class ApiCommandWaitTest {
    private final ApiTestServer api = new ApiTestServer(ApiConfig.builder().knownHandlers(Set.of("noop"))
            .commandTimeout(Duration.ofMillis(300)), List.of());

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void command_never_applied_times_out_with_504_naming_the_command() {
        api.insertJob("slow", "active", "{}");
        var reply = api.post("/api/jobs/slow/pause", "{\"reason\":\"maintenance\"}");
        assertThat(reply.status()).isEqualTo(504);
        assertThat(reply.json().path("error").asText()).isEqualTo("timeout");
        String commandId = api.published.get(0).commandId();
        assertThat(reply.json().path("message").asText())
                .isEqualTo("command " + commandId + " was published but not applied within 300 ms; it may still apply"
                        + " — check the job's audit");
    }

    @Test
    void a_pause_returns_once_the_coordinator_stopped_firing_the_job() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        api.firing(command -> command instanceof ControlCommand.Pause && asked.incrementAndGet() >= 3);
        api.onPublish(command -> api.insertCommand(command.commandId(), command.jobId(), command.kind(), "applied", null));
        api.insertJob("hot", "active", "{}");

        var reply = api.post("/api/jobs/hot/pause", "{}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("firingStopped").asBoolean()).isTrue();
        assertThat(asked.get()).as("asked until it said so").isEqualTo(3);
    }

    @Test
    void a_pause_applied_whose_firing_did_not_stop_in_time_says_so() {
        api.firing(command -> false);
        api.onPublish(command -> api.insertCommand(command.commandId(), command.jobId(), command.kind(), "applied", null));
        api.insertJob("hot", "active", "{}");

        var reply = api.post("/api/jobs/hot/pause", "{}");

        assertThat(reply.status()).as("the pause is in the database").isEqualTo(200);
        assertThat(reply.json().path("firingStopped").asBoolean(true)).isFalse();
    }

    @Test
    void only_pause_and_delete_wait_for_the_firing_to_stop() {
        api.firing(command -> false);
        api.onPublish(command -> api.insertCommand(command.commandId(), command.jobId(), command.kind(), "applied", null));
        api.insertJob("j", "paused", "{}");

        var reply = api.post("/api/jobs/j/resume", "{}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().has("firingStopped")).isFalse();
    }

    @Test
    void published_command_carries_user_reason_and_clock_time() {
        api.insertJob("j", "active", "{}");
        api.send(java.net.http.HttpRequest.newBuilder(api.uri("/api/jobs/j/trigger"))
                .header("X-Firelane-User", "bob")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"reason\":\"backfill\"}")));
        assertThat(api.published).singleElement().satisfies(command -> {
            assertThat(command).isInstanceOf(ControlCommand.Trigger.class);
            assertThat(command.jobId()).isEqualTo("j");
            assertThat(command.requestedBy()).isEqualTo("bob");
            assertThat(command.reason()).isEqualTo("backfill");
            assertThat(command.requestedAt()).isEqualTo(ApiTestServer.CLOCK.instant());
            assertThat(command.commandId()).matches("[0-9a-f-]{36}");
        });
    }

    @Test
    void rejected_command_is_a_409_with_the_status_streams_reason() {
        api.onPublish(command -> api.insertCommand(command.commandId(), command.jobId(), command.kind(), "rejected",
                "cannot resume a completed job"));
        api.insertJob("done", "completed", "{}");
        var reply = api.post("/api/jobs/done/resume", "");
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().path("error").asText()).isEqualTo("rejected");
        assertThat(reply.json().path("message").asText()).isEqualTo("cannot resume a completed job");
    }

    @Test
    void create_publishes_the_validated_spec_with_defaults_filled() {
        api.post("/api/jobs", "{\"id\":\"nightly\",\"scheduleKind\":\"every\",\"schedule\":\"10m\","
                + "\"handler\":\"noop\",\"paused\":true}");
        assertThat(api.published).singleElement().isInstanceOfSatisfying(ControlCommand.Create.class, create -> {
            assertThat(create.paused()).isTrue();
            assertThat(create.requestedBy()).isEqualTo("api");
            assertThat(create.spec().timeZone()).isEqualTo("UTC");
            assertThat(create.spec().payload().isObject()).isTrue();
            assertThat(create.spec().schedule()).isEqualTo("10m");
        });
    }

    @Test
    void broker_failure_is_a_503() {
        api.onPublish(command -> {
            throw new CommandPublisher.CommandPublishException("broker down", null);
        });
        api.insertJob("j", "active", "{}");
        var reply = api.post("/api/jobs/j/pause", "");
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().path("message").asText()).isEqualTo("broker down");
    }

    @Test
    void wait_false_answers_202_with_the_command_and_where_to_follow_it() {
        api.insertJob("j", "active", "{}");
        var reply = api.post("/api/jobs/j/pause?wait=false", "{\"reason\":\"later\"}");
        assertThat(reply.status()).isEqualTo(202);
        String commandId = api.published.get(0).commandId();
        assertThat(reply.json().path("commandId").asText()).isEqualTo(commandId);
        assertThat(reply.json().path("jobId").asText()).isEqualTo("j");
        assertThat(reply.json().path("kind").asText()).isEqualTo("Pause");
        assertThat(reply.json().path("requestedBy").asText()).isEqualTo("api");
        assertThat(reply.raw().headers().firstValue("Location")).hasValue("/api/commands/" + commandId);

        var before = api.get("/api/commands/" + commandId);
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.json().path("message").asText()).contains("not applied yet");
        api.insertCommand(commandId, "j", "Pause", "applied", null);
        var after = api.get("/api/commands/" + commandId);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().path("result").asText()).isEqualTo("applied");
        assertThat(after.json().path("appliedAt").isTextual()).isTrue();
    }

    @Test
    void wait_false_still_refuses_an_unknown_job_before_publishing() {
        assertThat(api.post("/api/jobs/ghost/pause?wait=false", "").status()).isEqualTo(404);
        assertThat(api.published).isEmpty();
    }

    @Test
    void wait_must_be_true_or_false() {
        api.insertJob("j", "active", "{}");
        var reply = api.post("/api/jobs/j/pause?wait=soon", "");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("field").asText()).isEqualTo("wait");
        assertThat(api.published).isEmpty();
    }

    @Test
    void an_applied_command_returns_the_job_the_time_it_took_and_the_audit_row() {
        api.insertJob("j", "active", "{}");
        api.onPublish(command -> api.insertCommand(command.commandId(), command.jobId(), command.kind(), "applied",
                "already paused"));
        var reply = api.post("/api/jobs/j/pause", "{\"reason\":\"x\"}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("id").asText()).isEqualTo("j");
        assertThat(reply.json().path("appliedInMs").isNumber()).isTrue();
        assertThat(reply.json().path("command").path("kind").asText()).isEqualTo("Pause");
        assertThat(reply.json().path("command").path("resultReason").asText()).isEqualTo("already paused");
    }
}
