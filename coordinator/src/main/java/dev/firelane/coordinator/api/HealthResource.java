package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /health} (and {@code /health/ready}): each component's state, 200 when all are up (the coordinator
 * fires), else 503 — a readiness probe. {@code GET /health/live}: 503 only when a component is down for good, so
 * that only a restart helps (a liveness probe; an unreachable broker or database is not such a state). A 503 also
 * carries the API's error fields ({@code error}, {@code field}, {@code message}), as every 4xx/5xx body does.
 */
final class HealthResource {
    private final List<HealthProbe> probes;

    HealthResource(List<HealthProbe> probes) {
        this.probes = List.copyOf(probes);
    }

    void register(Router router) {
        router.add("GET", MonitoringPaths.HEALTH, Access.PUBLIC, request -> ready());
        router.add("GET", MonitoringPaths.HEALTH_READY, Access.PUBLIC, request -> ready());
        router.add("GET", MonitoringPaths.HEALTH_LIVE, Access.PUBLIC, request -> live());
    }

    private ApiResponse ready() {
        List<ComponentHealth> all = checkAll();
        boolean allUp = all.stream().allMatch(ComponentHealth::up);
        ObjectNode body = body(allUp ? "up" : "down", all);
        if (!allUp) {
            addError(body, "unavailable", "not ready: " + describe(all.stream().filter(c -> !c.up()).toList()));
        }
        return new ApiResponse(allUp ? 200 : 503, body);
    }

    private ApiResponse live() {
        List<ComponentHealth> all = checkAll();
        boolean alive = all.stream().noneMatch(ComponentHealth::fatal);
        ObjectNode body = body(alive ? "alive" : "fatal", all);
        if (!alive) {
            addError(body, "fatal", "down for good, only a restart helps: "
                    + describe(all.stream().filter(ComponentHealth::fatal).toList()));
        }
        return new ApiResponse(alive ? 200 : 503, body);
    }

    private static void addError(ObjectNode body, String error, String message) {
        ObjectNode fields = ApiJson.error(error, null, message);
        body.setAll(fields);
    }

    /** {@code kafka (unreachable), fireStream (ERROR)}. */
    private static String describe(List<ComponentHealth> components) {
        return String.join(", ", components.stream().map(c -> c.name() + " (" + c.detail() + ")").toList());
    }

    private static ObjectNode body(String status, List<ComponentHealth> all) {
        ObjectNode components = ApiJson.MAPPER.createObjectNode();
        for (ComponentHealth health : all) {
            ObjectNode c = components.putObject(health.name());
            c.put("up", health.up());
            c.put("detail", health.detail());
            if (health.fatal()) {
                c.put("fatal", true);
            }
        }
        ObjectNode body = ApiJson.MAPPER.createObjectNode();
        body.put("status", status);
        body.set("components", components);
        return body;
    }

    private List<ComponentHealth> checkAll() {
        List<ComponentHealth> out = new ArrayList<>(probes.size());
        for (HealthProbe probe : probes) {
            out.add(safeCheck(probe));
        }
        return out;
    }

    private static ComponentHealth safeCheck(HealthProbe probe) {
        try {
            return probe.check();
        } catch (RuntimeException e) {
            return ComponentHealth.down(probe.getClass().getSimpleName(), "check failed: " + e.getMessage());
        }
    }
}
