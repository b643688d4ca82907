package dev.firelane.worker.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.protocol.Fire;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

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
     * When the run must be finished: the fire's time plus the job's {@code timeout}, if it has one. The worker
     * enforces it: at the deadline it interrupts the run's thread and reports the run {@code timeout}; a
     * handler that ignores the interrupt is given up on (its thread is left to finish alone, its result is
     * discarded) and reported {@code timeout} all the same. A handler that calls out should bound its own
     * waits by {@link #timeLeft()}.
     *
     * @return the deadline, or empty when the job has none
     */
    Optional<Instant> deadline();

    /**
     * The time left until {@link #deadline()} by {@link #clock()}, never negative.
     *
     * @return the time left, or empty when the job has no deadline
     */
    default Optional<Duration> timeLeft() {
        return deadline().map(d -> {
            Duration left = Duration.between(clock().instant(), d);
            return left.isNegative() ? Duration.ZERO : left;
        });
    }

    /**
     * The job's payload, as the job was created with it.
     *
     * @return the payload; a {@code NullNode} when the job has none, never null
     */
    JsonNode payload();

    /**
     * Whether the run has been asked to stop: an operator's cancel ({@code firelane job cancel ID --fire F}),
     * the deadline, or a worker shutting down past its drain timeout. Long-running handlers should check it
     * regularly and return {@link HandlerResult#cancelled(String)} when it is true. A cancelled run that is
     * still going after the worker's {@code cancelGrace} is interrupted; one that ignores the interrupt too is
     * given up on and reported {@code cancelled}.
     *
     * @return true once a stop was requested
     */
    boolean isCancelled();

    /**
     * The worker's clock: use it instead of the system time so tests can drive time.
     *
     * @return the clock of the worker running this fire
     */
    Clock clock();

    /**
     * The context the worker gives a handler for {@code fire}: what a test kit or a tool that runs handlers
     * itself uses, so a handler sees the same values there as in a worker.
     *
     * @param fire      the fire being run
     * @param cancelled answers {@link #isCancelled()}
     * @param clock     answers {@link #clock()}
     * @return the context of that fire
     */
    static RunContext of(Fire fire, BooleanSupplier cancelled, Clock clock) {
        return new FireRunContext(fire, cancelled, clock);
    }
}
