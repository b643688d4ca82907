package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.ControlCommand;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/jobs/{id}/runs/{fireId}/cancel}: a Cancel command naming the fire, like every command. */
class ApiCancelTest {
    private final ApiTestServer api = new ApiTestServer(ApiConfig.builder().knownHandlers(Set.of("noop"))
            .commandTimeout(Duration.ofMillis(500)), List.of());

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void cancel_publishes_the_fire_id_and_reason_and_returns_the_applied_job() {
        api.insertJob("j", "active", "{}");
        api.onPublish(command -> api.insertCommand(command.commandId(), command.jobId(), command.kind(), "applied", null));
        var reply = api.post("/api/jobs/j/runs/j%401772359200000/cancel", "{\"reason\":\"stuck\"}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("id").asText()).isEqualTo("j");
        assertThat(api.published).singleElement().isInstanceOfSatisfying(ControlCommand.Cancel.class, cancel -> {
            assertThat(cancel.fireId()).isEqualTo("j@1772359200000");
            assertThat(cancel.reason()).isEqualTo("stuck");
        });
    }

    @Test
    void cancel_of_a_finished_fire_is_a_409_with_the_reason() {
        api.insertJob("j", "active", "{}");
        api.onPublish(command -> api.insertCommand(command.commandId(), command.jobId(), command.kind(), "rejected",
                "fire j@1 already finished (ok)"));
        var reply = api.post("/api/jobs/j/runs/j@1/cancel", "");
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().path("message").asText()).isEqualTo("fire j@1 already finished (ok)");
    }

    @Test
    void cancel_for_an_unknown_job_is_404_and_a_bad_reason_400_before_anything_is_sent() {
        assertThat(api.post("/api/jobs/ghost/runs/ghost@1/cancel", "").status()).isEqualTo(404);
        api.insertJob("j", "active", "{}");
        var reply = api.post("/api/jobs/j/runs/j@1/cancel", "{\"reason\":42}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("field").asText()).isEqualTo("reason");
        assertThat(api.published).isEmpty();
    }
}
