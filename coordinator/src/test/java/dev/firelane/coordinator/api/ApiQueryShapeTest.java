package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiQueryShapeTest {
    private final ApiTestServer api = ApiTestServer.withHandlers("noop");

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void show_returns_every_job_field_in_camel_case_with_iso_instants() {
        api.insertJob("report", "paused", "{\"to\":\"ops@example.com\",\"n\":3}");
        var reply = api.get("/api/jobs/report");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode job = reply.json();
        assertThat(job.path("id").asText()).isEqualTo("report");
        assertThat(job.path("status").asText()).isEqualTo("paused");
        assertThat(job.path("scheduleKind").asText()).isEqualTo("cron");
        assertThat(job.path("schedule").asText()).isEqualTo("0 * * * * ?");
        assertThat(job.path("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(job.path("handler").asText()).isEqualTo("noop");
        assertThat(job.path("payload").path("to").asText()).isEqualTo("ops@example.com");
        assertThat(job.path("payload").path("n").asInt()).isEqualTo(3);
        assertThat(job.path("maxErrors").asInt()).isEqualTo(3);
        assertThat(job.path("overlap").asText()).isEqualTo("skip");
        assertThat(job.path("misfire").asText()).isEqualTo("once");
        assertThat(job.path("generation").asLong()).isEqualTo(2);
        assertThat(job.path("runCount").asLong()).isEqualTo(7);
        assertThat(job.path("lastRunAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(job.path("lastRunStatus").asText()).isEqualTo("error");
        assertThat(job.path("consecutiveErrors").asInt()).isEqualTo(1);
        assertThat(job.path("lastDeliveryStatus").asInt()).isEqualTo(500);
        assertThat(job.path("lastError").asText()).isEqualTo("boom");
        assertThat(job.path("nextFireAt").asText()).isEqualTo("2026-03-01T10:01:00Z");
        assertThat(job.path("createdAt").asText()).isEqualTo("2026-02-01T00:00:00Z");
        assertThat(job.path("updatedAt").asText()).isEqualTo("2026-03-01T10:00:01Z");
        assertThat(reply.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void list_is_ordered_by_id_and_filters_by_status() {
        api.insertJob("b", "active", "{}");
        api.insertJob("a", "paused", "{}");
        api.insertJob("c", "paused", "{}");
        assertThat(api.get("/api/jobs").json().findValuesAsText("id")).containsExactly("a", "b", "c");
        assertThat(api.get("/api/jobs?status=paused").json().findValuesAsText("id")).containsExactly("a", "c");
        assertThat(api.get("/api/jobs?status=PAUSED&limit=1").json().findValuesAsText("id")).containsExactly("a");
    }

    @Test
    void runs_are_newest_first_with_running_shown_for_started_unfinished_runs() {
        api.insertJob("r", "active", "{}");
        Instant t0 = Instant.parse("2026-03-01T09:00:00Z");
        api.insertRun("r@1", "r", t0, t0.plusMillis(5), t0.plusMillis(30), "ok");
        api.insertRun("r@2", "r", t0.plusSeconds(60), t0.plusSeconds(60), null, null);
        api.insertRun("r@3", "r", t0.plusSeconds(120), null, null, null);
        JsonNode runs = api.get("/api/jobs/r/runs").json();
        assertThat(runs.findValuesAsText("fireId")).containsExactly("r@3", "r@2", "r@1");
        assertThat(runs.findValuesAsText("outcome")).containsExactly("pending", "running", "ok");
        JsonNode oldest = runs.get(2);
        assertThat(oldest.path("jobId").asText()).isEqualTo("r");
        assertThat(oldest.path("attempt").asInt()).isEqualTo(1);
        assertThat(oldest.path("scheduledAt").asText()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(oldest.path("firedAt").asText()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(oldest.path("startedAt").asText()).isEqualTo("2026-03-01T09:00:00.005Z");
        assertThat(oldest.path("finishedAt").asText()).isEqualTo("2026-03-01T09:00:00.030Z");
        assertThat(oldest.path("workerId").asText()).isEqualTo("w-1");
        assertThat(oldest.has("error")).isTrue();
        assertThat(oldest.has("deliveryStatus")).isTrue();
        assertThat(api.get("/api/jobs/r/runs?limit=2").json()).hasSize(2);
    }

    @Test
    void audit_lists_the_commands_of_a_job() {
        api.insertJob("j", "paused", "{}");
        api.insertCommand("c-1", "j", "Create", "applied", null);
        api.insertCommand("c-2", "j", "Resume", "rejected", "job is completed");
        JsonNode audit = api.get("/api/jobs/j/audit").json();
        assertThat(audit.findValuesAsText("commandId")).containsExactlyInAnyOrder("c-1", "c-2");
        JsonNode rejected = audit.findParents("commandId").stream()
                .filter(n -> n.path("commandId").asText().equals("c-2")).findFirst().orElseThrow();
        assertThat(rejected.path("kind").asText()).isEqualTo("Resume");
        assertThat(rejected.path("requestedBy").asText()).isEqualTo("alice");
        assertThat(rejected.path("requestedAt").asText()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(rejected.path("reason").asText()).isEqualTo("because");
        assertThat(rejected.path("appliedAt").asText()).isEqualTo("2026-03-01T09:00:00.040Z");
        assertThat(rejected.path("result").asText()).isEqualTo("rejected");
        assertThat(rejected.path("resultReason").asText()).isEqualTo("job is completed");
    }

    @Test
    void audit_of_a_refused_create_is_readable_though_the_job_never_existed() {
        api.insertCommand("c-9", "never", "Create", "rejected", "id was deleted");
        assertThat(api.get("/api/jobs/never/audit").json().findValuesAsText("result")).containsExactly("rejected");
    }

    @Test
    void a_job_says_its_schedule_in_words_and_whether_its_latest_fire_is_in_flight() {
        api.insertJob("idle", "active", "{}");
        JsonNode idle = api.get("/api/jobs/idle").json();
        assertThat(idle.path("scheduleText").asText()).isEqualTo("every minute (Europe/Berlin)");
        assertThat(idle.path("lastFireStatus").isNull()).as("no run row for its last fire yet").isTrue();
        assertThat(idle.path("inFlight").asBoolean()).isFalse();

        // insertJob sets lastFireId to <id>@1772359200000
        Instant scheduled = Instant.ofEpochMilli(1772359200000L);
        api.insertJob("busy", "paused", "{}");
        api.insertRun("busy@1772359200000", "busy", scheduled, scheduled.plusMillis(5), null, null);
        JsonNode busy = api.get("/api/jobs/busy").json();
        assertThat(busy.path("lastFireStatus").asText()).isEqualTo("running");
        assertThat(busy.path("inFlight").asBoolean()).isTrue();

        api.insertJob("fired", "active", "{}");
        api.insertRun("fired@1772359200000", "fired", scheduled, null, null, null);
        assertThat(api.get("/api/jobs/fired").json().path("lastFireStatus").asText()).isEqualTo("pending");
        assertThat(api.get("/api/jobs/fired").json().path("inFlight").asBoolean()).isTrue();

        api.insertJob("done", "active", "{}");
        api.insertRun("done@1772359200000", "done", scheduled, scheduled, scheduled.plusSeconds(1), "ok");
        assertThat(api.get("/api/jobs/done").json().path("lastFireStatus").asText()).isEqualTo("ok");
        assertThat(api.get("/api/jobs/done").json().path("inFlight").asBoolean()).isFalse();

        assertThat(api.get("/api/jobs").json().findValuesAsText("inFlight")).containsExactly("true", "false", "true", "false");
    }

    @Test
    void errors_always_carry_error_field_and_message() {
        JsonNode notFound = api.get("/api/jobs/ghost").json();
        assertThat(notFound.has("field")).isTrue();
        assertThat(notFound.path("field").isNull()).isTrue();
        assertThat(notFound.path("error").asText()).isEqualTo("not_found");
        assertThat(notFound.path("message").asText()).isEqualTo("no job 'ghost'");
    }
}
