/**
 * Unit tests for job handlers, without a broker: build a fire ({@link dev.firelane.testkit.FireBuilder}), run a
 * handler on it ({@link dev.firelane.testkit.HandlerTester}, {@link dev.firelane.testkit.ManualRun}) while the
 * test moves the clock ({@link dev.firelane.testkit.SettableClock}) or cancels, and assert the outcome a worker
 * would report ({@link dev.firelane.testkit.RunReport}). The outcome rules are the worker's own
 * ({@code dev.firelane.worker.OutcomeRules}), not a copy. Depend on {@code dev.firelane:firelane-testkit} with
 * test scope; see {@code docs/handlers.md}.
 */
package dev.firelane.testkit;
