package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.MisfirePolicy;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.ScheduleKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The job fields of issue 3 (window, retries, timeout, misfire limit) on create, show and update. */
class ApiJobPoliciesTest {
    private final ApiTestServer api = new ApiTestServer(ApiConfig.builder().knownHandlers(Set.of("noop"))
            .commandTimeout(Duration.ofSeconds(5)), List.of());

    @AfterEach
    void close() {
        api.close();
    }

    private void applyEveryCommand() {
        api.onPublish(command -> api.insertCommand(command.commandId(), command.jobId(), command.kind(), "applied", null));
    }

    @Test
    void create_carries_window_retries_timeout_and_policies_into_the_command() {
        applyEveryCommand();
        var reply = api.post("/api/jobs", "{\"id\":\"nightly\",\"scheduleKind\":\"cron\",\"schedule\":\"0 30 2 * * ?\","
                + "\"timeZone\":\"Europe/Berlin\",\"handler\":\"noop\",\"notBefore\":\"2026-04-01T00:00:00Z\","
                + "\"notAfter\":\"2026-05-01T00:00:00+02:00\",\"maxAttempts\":3,\"timeout\":\"30s\","
                + "\"misfireLimit\":10,\"misfire\":\"all\",\"overlap\":\"queue\"}");

        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        assertThat(api.published).singleElement().isInstanceOfSatisfying(ControlCommand.Create.class, create -> {
            assertThat(create.spec().notBefore()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
            assertThat(create.spec().notAfter()).isEqualTo(Instant.parse("2026-04-30T22:00:00Z"));
            assertThat(create.spec().maxAttempts()).isEqualTo(3);
            assertThat(create.spec().timeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(create.spec().misfireLimit()).isEqualTo(10);
            assertThat(create.spec().misfire()).isEqualTo(MisfirePolicy.ALL);
            assertThat(create.spec().overlap()).isEqualTo(OverlapPolicy.QUEUE);
        });
    }

    @Test
    void timeout_takes_iso_8601_too() {
        applyEveryCommand();
        api.post("/api/jobs", "{\"id\":\"a\",\"scheduleKind\":\"every\",\"schedule\":\"1m\",\"handler\":\"noop\","
                + "\"timeout\":\"PT1M30S\"}");

        assertThat(api.published).singleElement().isInstanceOfSatisfying(ControlCommand.Create.class,
                create -> assertThat(create.spec().timeout()).isEqualTo(Duration.ofSeconds(90)));
    }

    @Test
    void create_without_the_new_fields_gets_their_defaults() {
        applyEveryCommand();
        api.post("/api/jobs", "{\"id\":\"a\",\"scheduleKind\":\"every\",\"schedule\":\"1m\",\"handler\":\"noop\"}");

        assertThat(api.published).singleElement().isInstanceOfSatisfying(ControlCommand.Create.class, create -> {
            assertThat(create.spec().notBefore()).isNull();
            assertThat(create.spec().notAfter()).isNull();
            assertThat(create.spec().maxAttempts()).isEqualTo(1);
            assertThat(create.spec().timeout()).isNull();
            assertThat(create.spec().misfireLimit()).isEqualTo(100);
        });
    }

    @Test
    void show_exposes_the_new_fields_with_timeout_in_short_form() {
        api.insertJob("report", "active", "{}");
        api.setPolicies("report", Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-05-01T00:00:00.250Z"),
                4, 90_000L, 12);

        JsonNode job = api.get("/api/jobs/report").json();

        assertThat(job.path("notBefore").asText()).isEqualTo("2026-04-01T00:00:00Z");
        assertThat(job.path("notAfter").asText()).isEqualTo("2026-05-01T00:00:00.250Z");
        assertThat(job.path("maxAttempts").asInt()).isEqualTo(4);
        assertThat(job.path("timeout").asText()).isEqualTo("90s");
        assertThat(job.path("misfireLimit").asInt()).isEqualTo(12);
    }

    @Test
    void show_of_a_job_without_them_has_nulls_and_defaults() {
        api.insertJob("report", "active", "{}");

        JsonNode job = api.get("/api/jobs/report").json();

        assertThat(job.has("notBefore")).isTrue();
        assertThat(job.get("notBefore").isNull()).isTrue();
        assertThat(job.get("notAfter").isNull()).isTrue();
        assertThat(job.get("timeout").isNull()).isTrue();
        assertThat(job.path("maxAttempts").asInt()).isEqualTo(1);
        assertThat(job.path("misfireLimit").asInt()).isEqualTo(100);
    }

    @Test
    void put_publishes_an_update_with_the_whole_new_definition() {
        applyEveryCommand();
        api.insertJob("j", "paused", "{}");

        var reply = api.put("/api/jobs/j", "{\"scheduleKind\":\"every\",\"schedule\":\"5m\",\"handler\":\"noop\","
                + "\"maxAttempts\":2,\"timeout\":\"2m\",\"reason\":\"slower\"}");

        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        assertThat(reply.json().path("id").asText()).isEqualTo("j");
        assertThat(reply.json().path("commandId").asText()).isEqualTo(api.published.get(0).commandId());
        assertThat(api.published).singleElement().isInstanceOfSatisfying(ControlCommand.Update.class, update -> {
            assertThat(update.jobId()).isEqualTo("j");
            assertThat(update.reason()).isEqualTo("slower");
            assertThat(update.spec().id()).isEqualTo("j");
            assertThat(update.spec().scheduleKind()).isEqualTo(ScheduleKind.EVERY);
            assertThat(update.spec().schedule()).isEqualTo("5m");
            assertThat(update.spec().maxAttempts()).isEqualTo(2);
            assertThat(update.spec().timeout()).isEqualTo(Duration.ofMinutes(2));
            assertThat(update.spec().timeZone()).isEqualTo("UTC");
        });
    }

    @Test
    void put_accepts_the_same_id_in_the_body_and_refuses_another() {
        applyEveryCommand();
        api.insertJob("j", "active", "{}");
        String body = "{\"id\":\"%s\",\"scheduleKind\":\"every\",\"schedule\":\"5m\",\"handler\":\"noop\"}";

        assertThat(api.put("/api/jobs/j", body.formatted("j")).status()).isEqualTo(200);
        var other = api.put("/api/jobs/j", body.formatted("k"));

        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().path("field").asText()).isEqualTo("id");
        assertThat(other.json().path("message").asText()).contains("'k'").contains("'j'");
        assertThat(api.published).hasSize(1);
    }

    @Test
    void put_refuses_paused_since_an_update_never_changes_the_status() {
        api.insertJob("j", "active", "{}");

        var reply = api.put("/api/jobs/j", "{\"scheduleKind\":\"every\",\"schedule\":\"5m\",\"handler\":\"noop\","
                + "\"paused\":true}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("field").asText()).isEqualTo("paused");
        assertThat(api.published).isEmpty();
    }

    @Test
    void put_of_an_unknown_or_deleted_job_is_404() {
        api.insertJob("gone", "deleted", "{}");
        String body = "{\"scheduleKind\":\"every\",\"schedule\":\"5m\",\"handler\":\"noop\"}";

        assertThat(api.put("/api/jobs/ghost", body).status()).isEqualTo(404);
        assertThat(api.put("/api/jobs/gone", body).status()).isEqualTo(404);
        assertThat(api.published).isEmpty();
    }

    @Test
    void put_rejected_by_the_status_stream_is_a_409_with_its_reason() {
        api.onPublish(command -> api.insertCommand(command.commandId(), command.jobId(), command.kind(), "rejected",
                "job j does not exist"));
        api.insertJob("j", "active", "{}");

        var reply = api.put("/api/jobs/j", "{\"scheduleKind\":\"every\",\"schedule\":\"5m\",\"handler\":\"noop\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().path("message").asText()).isEqualTo("job j does not exist");
    }
}
