package dev.firelane.coordinator.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code GET /metrics}: the process's meters in the Prometheus text format, without a token (scrapers). */
final class MetricsResource {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    MetricsResource(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    void register(Router router) {
        router.add("GET", MonitoringPaths.METRICS, Access.PUBLIC, request -> ApiResponse.raw(200, CONTENT_TYPE,
                registry.scrape().getBytes(StandardCharsets.UTF_8), Map.of("Cache-Control", "no-store")));
    }
}
