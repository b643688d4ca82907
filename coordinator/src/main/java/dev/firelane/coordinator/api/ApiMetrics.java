package dev.firelane.coordinator.api;

import dev.firelane.coordinator.metrics.MeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Times every request by method, route template and status: bounded labels, whatever the client sends. */
final class ApiMetrics {
    /** The route label of a request that matched no route. */
    static final String UNMATCHED = "unmatched";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH");

    private final MeterRegistry registry;

    ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String method, String route, int status, long nanos) {
        Timer.builder(MeterNames.API_REQUESTS)
                .description("REST API requests by method, route template and status")
                .tags("method", METHODS.contains(method) ? method : "OTHER", "route", route,
                        "status", Integer.toString(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
