package dev.firelane.testkit;

import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;

/**
 * How a {@link ManualRun} ended, as a worker would report it.
 *
 * @param completed         the {@code Completed} run event a worker would publish: outcome, error (clipped as
 *                          published), delivery status, start and finish by the test's clock
 * @param handlerCalled     whether the handler was called at all (a fire already past its deadline is not run)
 * @param abandonedOnThread whether the handler ignored its interrupt and was given up on: the outcome was decided
 *                          without its result, and its thread may still be running
 */
public record RunReport(RunEvent.Completed completed, boolean handlerCalled, boolean abandonedOnThread) {
    /**
     * The outcome the worker would report.
     *
     * @return {@code ok}, {@code error}, {@code timeout} or {@code cancelled}
     */
    public RunOutcome outcome() {
        return completed.outcome();
    }

    /**
     * The message of a non-ok outcome, as published (at most {@code OutcomeRules.MAX_ERROR_CHARS} characters).
     *
     * @return the message, or null for ok
     */
    public String error() {
        return completed.error();
    }

    /**
     * The handler-defined status, such as an HTTP code.
     *
     * @return the delivery status, or null
     */
    public Integer deliveryStatus() {
        return completed.deliveryStatus();
    }

    /**
     * Whether the run succeeded.
     *
     * @return true for an ok outcome
     */
    public boolean isOk() {
        return completed.outcome() == RunOutcome.OK;
    }
}
