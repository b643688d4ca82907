package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiHealthTest {
    private final AtomicBoolean kafkaUp = new AtomicBoolean(true);
    private final ApiTestServer api = new ApiTestServer(ApiConfig.builder(), List.of(
            () -> kafkaUp.get() ? ComponentHealth.up("kafka", "1 broker") : ComponentHealth.down("kafka", "unreachable"),
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
}
