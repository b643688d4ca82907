package dev.firelane.coordinator.api;

/**
 * The paths of the REST API that probes and scrapers call without a token. Deployment manifests name them
 * (deploy/kubernetes), and a test checks those against these.
 */
public final class MonitoringPaths {
    /** Readiness, as {@link #HEALTH_READY}. */
    public static final String HEALTH = "/health";
    /** 200 when every component is up (the coordinator fires), else 503: a readiness probe. */
    public static final String HEALTH_READY = "/health/ready";
    /** 503 only when a component is down for good, so that only a restart helps: a liveness probe. */
    public static final String HEALTH_LIVE = "/health/live";
    /** The process's meters in the Prometheus text format. */
    public static final String METRICS = "/metrics";

    private MonitoringPaths() {
    }
}
