package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiHealthTest {
    private final AtomicBoolean kafkaUp = new AtomicBoolean(true);
    private final AtomicBoolean streamDied = new AtomicBoolean(false);
    private final ApiTestServer api = new ApiTestServer(ApiConfig.builder(), List.of(
            () -> kafkaUp.get() ? ComponentHealth.up("kafka", "1 broker") : ComponentHealth.down("kafka", "unreachable"),
            () -> streamDied.get() ? ComponentHealth.fatal("fireStream", "ERROR") : ComponentHealth.up("fireStream", "RUNNING"),
            () -> ComponentHealth.up("statusStream", "RUNNING")));

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void health_is_200_with_every_component_when_all_are_up() {
        var reply = api.get("/health");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("status").asText()).isEqualTo("up");
        assertThat(reply.json().path("components").path("statusStream").path("detail").asText()).isEqualTo("RUNNING");
        assertThat(reply.json().path("components").path("kafka").path("up").asBoolean()).isTrue();
        assertThat(reply.json().has("error")).as("no error fields on a 200").isFalse();
    }

    @Test
    void health_is_503_when_any_component_is_down() {
        kafkaUp.set(false);
        var reply = api.get("/health");
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().path("status").asText()).isEqualTo("down");
        assertThat(reply.json().path("components").path("kafka").path("detail").asText()).isEqualTo("unreachable");
        assertThat(reply.json().path("components").path("statusStream").path("up").asBoolean()).isTrue();
    }

    @Test
    void a_failing_probe_answers_with_the_error_fields_of_every_4xx_and_5xx_body() {
        kafkaUp.set(false);
        var ready = api.get("/health/ready").json();
        assertThat(ready.path("error").asText()).isEqualTo("unavailable");
        assertThat(ready.has("field")).isTrue();
        assertThat(ready.path("message").asText()).isEqualTo("not ready: kafka (unreachable)");
        streamDied.set(true);
        var live = api.get("/health/live").json();
        assertThat(live.path("error").asText()).isEqualTo("fatal");
        assertThat(live.path("message").asText()).isEqualTo("down for good, only a restart helps: fireStream (ERROR)");
    }

    @Test
    void ready_is_health_and_live_stays_200_while_a_component_is_only_down() {
        kafkaUp.set(false);
        assertThat(api.get("/health/ready").status()).isEqualTo(503);
        var live = api.get("/health/live");
        assertThat(live.status()).as("an unreachable broker is no reason to restart the coordinator").isEqualTo(200);
        assertThat(live.json().path("status").asText()).isEqualTo("alive");
        kafkaUp.set(true);
        assertThat(api.get("/health/ready").status()).isEqualTo(200);
    }

    @Test
    void live_is_503_naming_the_component_that_died() {
        streamDied.set(true);
        var live = api.get("/health/live");
        assertThat(live.status()).isEqualTo(503);
        assertThat(live.json().path("status").asText()).isEqualTo("fatal");
        assertThat(live.json().path("components").path("fireStream").path("fatal").asBoolean()).isTrue();
        assertThat(live.json().path("components").path("kafka").has("fatal")).isFalse();
        assertThat(api.get("/health").status()).isEqualTo(503);
    }

    @Test
    void a_component_cannot_be_up_and_fatal() {
        assertThatThrownBy(() -> new ComponentHealth("x", true, "?", true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
