package dev.firelane.coordinator.api;

/** Checks one component for {@code GET /health}; must answer within a couple of seconds and not throw. */
@FunctionalInterface
public interface HealthProbe {
    ComponentHealth check();
}
