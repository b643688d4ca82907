package dev.firelane.worker.spi;

/**
 * Runs one kind of job. Implementations are found with {@link java.util.ServiceLoader} (see the
 * {@linkplain dev.firelane.worker.spi package documentation} for how to register one) or added to a
 * {@code HandlerRegistry} in code.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Thread safety.</b> One instance serves every fire of every job that names it, and a worker
 *       runs up to {@code maxConcurrentRuns} fires at once, so {@link #run} is called concurrently.</li>
 *   <li><b>At least once.</b> A fire can be delivered more than once (a worker restart, a rebalance while
 *       it ran). Use {@link RunContext#fireId()} as the idempotency key of any effect the handler has.</li>
 *   <li><b>Outcomes are values.</b> Return {@link HandlerResult#ok()} or {@link HandlerResult#error(String)};
 *       a thrown exception is also recorded as an error ({@code "ExceptionClass: message"}) and never
 *       stops the worker.</li>
 *   <li><b>Stopping.</b> Check {@link RunContext#isCancelled()} in long loops and react to thread
 *       interruption (let {@link InterruptedException} propagate, or return promptly). The worker interrupts
 *       a run at its {@linkplain RunContext#deadline() deadline} (reported {@code timeout}), a cancelled run
 *       that did not stop within the cancel grace (reported {@code cancelled}), and runs that outlive a
 *       shutdown's drain timeout (their fires are redelivered). A handler that ignores the interrupt is
 *       abandoned on its thread: the worker reports it and frees its slot, and whatever the handler returns
 *       later is discarded.</li>
 *   <li><b>Not every fire is run.</b> A fire cancelled or past its deadline before it starts, or whose job
 *       was paused after it was emitted (reported {@code skipped}), is settled without calling the
 *       handler.</li>
 *   <li><b>Context.</b> The run's thread has {@code jobId} and {@code fireId} in the SLF4J MDC.</li>
 * </ul>
 */
public interface JobHandler {
    /**
     * The name jobs use to select this handler, e.g. {@code "sleep"}. Must be non-blank, constant for the
     * life of the instance, and unique among the handlers of a worker.
     *
     * @return the handler name
     */
    String name();

    /**
     * Runs one fire of a job.
     *
     * @param context the fire being run: ids, payload, deadline, cancellation
     * @return how the run ended; never null (a null result is recorded as an error)
     * @throws Exception any failure; recorded as an error outcome for this fire
     */
    HandlerResult run(RunContext context) throws Exception;
}
