package dev.firelane.worker.spi;

import dev.firelane.protocol.RunOutcome;

/**
 * How a run ended: a value returned by {@link JobHandler#run}, not an exception. The worker publishes it
 * as the outcome of the fire's {@code Completed} run event.
 *
 * @param outcome        {@link RunOutcome#OK}, {@link RunOutcome#ERROR}, {@link RunOutcome#TIMEOUT} (a wait of
 *                       the handler's own, such as an HTTP request timeout, ran out) or {@link RunOutcome#CANCELLED};
 *                       {@link RunOutcome#ABANDONED} (a worker that stopped reporting) and {@link RunOutcome#SKIPPED}
 *                       (a fire not started because its job was paused meanwhile) are Firelane's to decide
 * @param error          a short, human-readable message for non-ok outcomes (clipped to 1024 characters
 *                       when published); null for ok
 * @param deliveryStatus a handler-defined status such as an HTTP code, or null
 */
public record HandlerResult(RunOutcome outcome, String error, Integer deliveryStatus) {
    private static final HandlerResult OK = new HandlerResult(RunOutcome.OK, null, null);

    /**
     * Checks the combination.
     *
     * @param outcome        how the run ended
     * @param error          the message of a non-ok outcome
     * @param deliveryStatus a handler-defined status, or null
     * @throws IllegalArgumentException for a missing outcome, an outcome a handler cannot report, an ok
     *                                  result with a message, or a non-ok result without one
     */
    public HandlerResult {
        if (outcome == null) {
            throw new IllegalArgumentException("outcome is required");
        }
        if (outcome == RunOutcome.ABANDONED || outcome == RunOutcome.SKIPPED) {
            throw new IllegalArgumentException("a handler cannot report outcome " + outcome.wire());
        }
        if (outcome == RunOutcome.OK && error != null) {
            throw new IllegalArgumentException("an ok result has no error message");
        }
        if (outcome != RunOutcome.OK && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a " + outcome.wire() + " result needs a message");
        }
    }

    /**
     * The run succeeded.
     *
     * @return an ok result without a delivery status
     */
    public static HandlerResult ok() {
        return OK;
    }

    /**
     * The run succeeded with a delivery status.
     *
     * @param deliveryStatus recorded with the run, e.g. the HTTP status code a webhook answered
     * @return an ok result
     */
    public static HandlerResult ok(int deliveryStatus) {
        return new HandlerResult(RunOutcome.OK, null, deliveryStatus);
    }

    /**
     * The run failed; counts toward the job's consecutive errors.
     *
     * @param message why, for operators; not blank
     * @return an error result
     */
    public static HandlerResult error(String message) {
        return new HandlerResult(RunOutcome.ERROR, message, null);
    }

    /**
     * The run failed with a delivery status; counts toward the job's consecutive errors.
     *
     * @param message        why, for operators; not blank
     * @param deliveryStatus e.g. the HTTP 503 a webhook answered; may be null
     * @return an error result
     */
    public static HandlerResult error(String message, Integer deliveryStatus) {
        return new HandlerResult(RunOutcome.ERROR, message, deliveryStatus);
    }

    /**
     * A wait of the handler's own ran out (e.g. its HTTP request timeout). Counts as a failure, like an error,
     * and is retried under the job's retry policy. The worker reports runs that pass the fire's deadline as
     * {@code timeout} by itself; a handler need not.
     *
     * @param message what timed out; not blank
     * @param deliveryStatus a handler-defined status, or null
     * @return a timeout result
     */
    public static HandlerResult timeout(String message, Integer deliveryStatus) {
        return new HandlerResult(RunOutcome.TIMEOUT, message, deliveryStatus);
    }

    /**
     * The run stopped early because {@link RunContext#isCancelled()} turned true.
     *
     * @param message what was left undone; not blank
     * @return a cancelled result
     */
    public static HandlerResult cancelled(String message) {
        return new HandlerResult(RunOutcome.CANCELLED, message, null);
    }

    /**
     * Whether the run succeeded.
     *
     * @return true for an ok outcome
     */
    public boolean isOk() {
        return outcome == RunOutcome.OK;
    }
}
