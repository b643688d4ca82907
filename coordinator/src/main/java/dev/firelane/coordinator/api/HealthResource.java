package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code GET /health}: each component's state; 200 when all are up, else 503. */
final class HealthResource {
    private final List<HealthProbe> probes;

    HealthResource(List<HealthProbe> probes) {
        this.probes = List.copyOf(probes);
    }

    void register(Router router) {
        router.add("GET", "/health", Access.PUBLIC, request -> check());
    }

    private ApiResponse check() {
        ObjectNode components = ApiJson.MAPPER.createObjectNode();
        boolean allUp = true;
        for (HealthProbe probe : probes) {
            ComponentHealth health = safeCheck(probe);
            ObjectNode c = components.putObject(health.name());
            c.put("up", health.up());
            c.put("detail", health.detail());
            allUp &= health.up();
        }
        ObjectNode body = ApiJson.MAPPER.createObjectNode();
        body.put("status", allUp ? "up" : "down");
        body.set("components", components);
        return new ApiResponse(allUp ? 200 : 503, body);
    }

    private static ComponentHealth safeCheck(HealthProbe probe) {
        try {
            return probe.check();
        } catch (RuntimeException e) {
            return ComponentHealth.down(probe.getClass().getSimpleName(), "check failed: " + e.getMessage());
        }
    }
}
