package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firelane.coordinator.metrics.MeterNames;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics}: Prometheus text, and every API request timed by method, route template and status. A
 * request is recorded once its answer is sent, so the client may see the answer a moment before the meter.
 */
class ApiMetricsTest {
    private final ApiTestServer api = ApiTestServer.withHandlers("noop");

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void requests_are_counted_by_route_template_not_by_raw_path() {
        api.insertJob("a", "active", "{}");
        api.insertJob("b", "active", "{}");
        api.get("/api/jobs/a");
        api.get("/api/jobs/b");
        api.get("/api/jobs/ghost");
        api.get("/api/anything/else");

        await().untilAsserted(() -> {
            assertThat(count("method", "GET", "route", "/api/jobs/{id}", "status", "200")).isEqualTo(2);
            assertThat(count("route", "/api/jobs/{id}", "status", "404")).isEqualTo(1);
            assertThat(count("route", ApiMetrics.UNMATCHED, "status", "404")).isEqualTo(1);
        });
    }

    @Test
    void odd_methods_are_one_label_so_clients_cannot_grow_the_series() {
        api.send(HttpRequest.newBuilder(api.uri("/api/jobs")).method("BREW", HttpRequest.BodyPublishers.noBody()));
        await().untilAsserted(() -> assertThat(count("method", "OTHER", "status", "405")).isEqualTo(1));
        assertThat(api.meters.find(MeterNames.API_REQUESTS).tag("method", "BREW").timers()).isEmpty();
    }

    private long count(String... tags) {
        var timers = api.meters.find(MeterNames.API_REQUESTS).tags(tags).timers();
        return timers.stream().mapToLong(io.micrometer.core.instrument.Timer::count).sum();
    }

    @Test
    void metrics_are_prometheus_text_with_the_api_and_jvm_meters() {
        api.get("/api/jobs");
        await().untilAsserted(() -> assertThat(count("route", "/api/jobs")).isEqualTo(1));
        var reply = api.get("/metrics");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("Content-Type")).hasValue(MetricsResource.CONTENT_TYPE);
        assertThat(reply.raw().body())
                .contains("firelane_api_requests_seconds_count{method=\"GET\",route=\"/api/jobs\",status=\"200\"} 1")
                .contains("jvm_memory_used_bytes");
    }
}
