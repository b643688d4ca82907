package dev.firelane.worker;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.worker.spi.HandlerResult;
import java.time.Instant;
import java.util.Optional;

/**
 * How a worker turns what happened to a run into the outcome it reports: a fire cancelled or late before it
 * starts, a handler's result, a thrown exception, a run stopped at its deadline or by a cancel, a handler that
 * ignored its interrupt. The worker's run loop and {@code firelane-testkit} both use these rules, so that a
 * handler tested with the kit is reported as a worker would report it. Handlers need not call them.
 *
 * <p>Stateless and thread-safe.
 */
public final class OutcomeRules {
    /** The width of the {@code error} columns the status stream writes; longer messages are clipped. */
    public static final int MAX_ERROR_CHARS = 1024;

    /** Why a run was asked to stop; the first reason wins. */
    public enum Stop {
        /** The fire's deadline passed while the run went on. */
        TIMEOUT,
        /** An operator cancelled the fire. */
        CANCEL,
        /** The worker stopped waiting for the run (shutdown): no outcome is published, the fire is redelivered. */
        SHUTDOWN
    }

    private OutcomeRules() {
    }

    /**
     * The outcome of a fire cancelled before its handler was called; the handler is never called.
     *
     * @return a {@code cancelled} result
     */
    public static HandlerResult cancelledBeforeStart() {
        return HandlerResult.cancelled("cancelled before it started");
    }

    /**
     * The outcome of a fire whose deadline has passed when its run would start; the handler is then never called.
     *
     * @param fire the fire about to run
     * @param now  the worker's clock when the run would start
     * @return a {@code timeout} result when {@code now} is at or past the fire's deadline, else empty
     */
    public static Optional<HandlerResult> lateBeforeStart(Fire fire, Instant now) {
        if (fire.deadline() != null && !now.isBefore(fire.deadline())) {
            return Optional.of(HandlerResult.timeout("deadline " + fire.deadline() + " passed before the run started", null));
        }
        return Optional.empty();
    }

    /**
     * The outcome of a fire naming a handler the worker does not have.
     *
     * @param handlerName the name the fire carries
     * @return an {@code error} result
     */
    public static HandlerResult unknownHandler(String handlerName) {
        return HandlerResult.error("unknown handler " + handlerName);
    }

    /**
     * What a handler returned, as a result: a null result is an error.
     *
     * @param handlerName the handler's name, for the message
     * @param result      what {@code JobHandler.run} returned; may be null
     * @return {@code result}, or an {@code error} result when it is null
     */
    public static HandlerResult returned(String handlerName, HandlerResult result) {
        return result != null ? result : HandlerResult.error("handler " + handlerName + " returned no result");
    }

    /**
     * What a handler threw, as a result: an {@code error} with the exception's class and message.
     *
     * @param thrown anything the handler threw, an {@link Error} included
     * @return an {@code error} result, e.g. {@code "IOException: connection reset"}
     */
    public static HandlerResult thrown(Throwable thrown) {
        return HandlerResult.error(describe(thrown));
    }

    /**
     * The handler's result read in the light of why its run was asked to stop: a run stopped at its deadline is a
     * {@code timeout} whatever it returned (its delivery status kept); a cancelled run that ended with an error
     * (typically the interrupt surfacing as an exception) is {@code cancelled}; otherwise the result stands.
     *
     * @param why    why the run was asked to stop, or null when it was not
     * @param fire   the fire that ran
     * @param result the handler's result (after {@link #returned} or {@link #thrown})
     * @return the result to report
     */
    public static HandlerResult afterStop(Stop why, Fire fire, HandlerResult result) {
        if (why == Stop.TIMEOUT) {
            return HandlerResult.timeout("ran past its deadline " + fire.deadline(), result.deliveryStatus());
        }
        if (why == Stop.CANCEL && !result.isOk() && result.outcome() != RunOutcome.CANCELLED) {
            return HandlerResult.cancelled("cancelled (" + result.error() + ")");
        }
        return result;
    }

    /**
     * The outcome of a run that went past its deadline and did not return within the interrupt grace after being
     * interrupted: the worker gives up on it and frees its slot; whatever it returns later is discarded.
     *
     * @param fire the fire that ran
     * @return a {@code timeout} result
     */
    public static HandlerResult ignoredDeadline(Fire fire) {
        return HandlerResult.timeout("ran past its deadline " + fire.deadline()
                + " and ignored the interrupt; abandoned on its thread", null);
    }

    /**
     * The outcome of a cancelled run that neither stopped within the cancel grace nor returned within the
     * interrupt grace after being interrupted.
     *
     * @return a {@code cancelled} result
     */
    public static HandlerResult ignoredCancel() {
        return HandlerResult.cancelled(
                "cancelled; the handler ignored the cancel and the interrupt and was abandoned on its thread");
    }

    /**
     * The {@code Completed} run event a worker publishes for {@code result}, its error message clipped to
     * {@link #MAX_ERROR_CHARS}.
     *
     * @param fire       the fire that ran
     * @param workerId   the worker that ran it
     * @param result     the outcome to report
     * @param startedAt  when the run started (or was settled, for a fire whose handler was never called)
     * @param finishedAt when it was settled
     * @return the run event
     */
    public static RunEvent.Completed completed(Fire fire, String workerId, HandlerResult result, Instant startedAt,
                                               Instant finishedAt) {
        return RunEvent.Completed.of(fire, workerId, startedAt, finishedAt, result.outcome(), clip(result.error()),
                result.deliveryStatus());
    }

    /**
     * An exception as a short message: its simple class name (the full name for an anonymous class) and message.
     *
     * @param e the exception
     * @return e.g. {@code "IllegalStateException: boom"}, or {@code "NullPointerException"} without a message
     */
    public static String describe(Throwable e) {
        String type = e.getClass().getSimpleName().isEmpty() ? e.getClass().getName() : e.getClass().getSimpleName();
        return e.getMessage() == null || e.getMessage().isBlank() ? type : type + ": " + e.getMessage();
    }

    /**
     * An error message cut to {@link #MAX_ERROR_CHARS}, ending with an ellipsis when cut.
     *
     * @param error the message, or null
     * @return the message as published
     */
    public static String clip(String error) {
        return error == null || error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS - 1) + "…";
    }
}
