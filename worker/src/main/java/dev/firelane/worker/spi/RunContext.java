package dev.firelane.worker.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link JobHandler} knows about the fire it runs. An instance is valid for one run only; its
 * methods are cheap and may be called from any thread.
 */
public interface RunContext {
    /**
     * The fire id: the idempotency key of this run. The same fire delivered twice carries the same id.
     *
     * @return {@code jobId@scheduledAtEpochMillis[#attempt]}
     */
    String fireId();

    /**
     * The job this fire belongs to.
     *
     * @return the job id
     */
    String jobId();

    /**
     * Which attempt of its scheduled time this fire is.
     *
     * @return 1 for the first attempt, more for retries
     */
    int attempt();

    /**
     * The schedule time this fire stands for (not when it started running).
     *
     * @return the scheduled instant
     */
    Instant scheduledAt();

    /**
     * When the run should be finished, if the job has a deadline. The worker does not yet enforce it; a
     * handler that calls out should bound its own waits by it.
     *
     * @return the deadline, or empty when the job has none
     */
    Optional<Instant> deadline();

    /**
     * The job's payload, as the job was created with it.
     *
     * @return the payload; a {@code NullNode} when the job has none, never null
     */
    JsonNode payload();

    /**
     * Whether the run has been asked to stop. Long-running handlers should check it regularly and
     * return {@link HandlerResult#cancelled(String)} when it is true.
     *
     * @return true once a cancellation was requested
     */
    boolean isCancelled();

    /**
     * The worker's clock: use it instead of the system time so tests can drive time.
     *
     * @return the clock of the worker running this fire
     */
    Clock clock();
}
