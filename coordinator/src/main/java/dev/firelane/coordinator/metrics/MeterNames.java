package dev.firelane.coordinator.metrics;

/**
 * The names of Firelane's meters: what {@code /metrics} shows, in Micrometer's dotted form (Prometheus
 * turns {@code firelane.fires.emitted} into {@code firelane_fires_emitted_total}, timers get
 * {@code _seconds}). Dashboards and alerts depend on them; change them like an API.
 */
public final class MeterNames {
    /** Timer of REST API requests; tags {@code method}, {@code route} (the template), {@code status}. */
    public static final String API_REQUESTS = "firelane.api.requests";
    /** Counter of fires the coordinator emitted (scheduled, catch-up, triggered, retries). */
    public static final String FIRES_EMITTED = "firelane.fires.emitted";
    /** Timer (histogram) of {@code firedAt - scheduledAt} of every emitted fire. */
    public static final String FIRE_LATENESS = "firelane.fire.lateness";
    /** Scheduled fires emitted more than the misfire threshold late while the coordinator was up (busy, not down). */
    public static final String FIRES_LATE = "firelane.fires.late";
    /**
     * Times (scheduled, catch-up or triggered) that {@code overlap=skip} dropped because a run of the job was in flight
     * as the fire topology knew it.
     */
    public static final String FIRES_OVERLAP_SKIPPED = "firelane.fires.overlap.skipped";
    /** Gauge of the due-index entries (active jobs waiting for their next time) in this coordinator's tasks. */
    public static final String DUE_SET_SIZE = "firelane.due.set.size";
    /** Counter of events the status stream applied (committed); tag {@code type} (Pause, Fire, Completed…). */
    public static final String STATUS_EVENTS_APPLIED = "firelane.status.events.applied";
    /** Timer of one status-stream apply: the transaction that writes a batch of events, with its commit. */
    public static final String STATUS_APPLY_LATENCY = "firelane.status.apply.latency";
    /** Distribution of the number of events per status-stream batch (per transaction). */
    public static final String STATUS_BATCH_EVENTS = "firelane.status.batch.events";
    /** Timer of how long a control command waited from its request to its apply (commit) by the status stream. */
    public static final String STATUS_COMMAND_DELAY = "firelane.status.command.delay";
    /** Gauge of the records on the status stream's input partitions not applied yet (read ahead or not read). */
    public static final String STATUS_LAG = "firelane.status.lag";
    /** Counter of records the status stream sent to the dlq; tag {@code topic}. */
    public static final String STATUS_DEAD_LETTERS = "firelane.status.dead.letters";
    /** Counter of batches not applied for a failure and tried again; tag {@code cause} (batch, loop). */
    public static final String STATUS_RETRIES = "firelane.status.retries";
    /** Counter of completions applied to a paused job: the pause survived a run that was in flight. */
    public static final String STATUS_PAUSES_PRESERVED = "firelane.status.pauses.preserved";

    /**
     * Counter of run completions the status stream applied, by {@code outcome} (ok, error, timeout, cancelled,
     * abandoned, skipped): the outcomes of the whole fleet as this coordinator applies them.
     */
    public static final String STATUS_RUNS_COMPLETED = "firelane.status.runs.completed";

    /** A worker's gauge of the fires on the broker it has not read yet; tag {@code worker}. Read here only when a
     * worker shares this process's registry (dev mode). */
    public static final String WORKER_CONSUMER_LAG = "firelane.worker.consumer.lag";
    /** A worker's gauge of the runs holding one of its slots; tag {@code worker}. Read here only when a worker
     * shares this process's registry (dev mode). */
    public static final String WORKER_RUNS_IN_FLIGHT = "firelane.worker.runs.in.flight";

    /** Counter of finished runs the retention policy deleted from the run history. */
    public static final String RUNS_PRUNED = "firelane.runs.pruned";

    private MeterNames() {
    }
}
