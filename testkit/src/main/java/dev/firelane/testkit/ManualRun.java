package dev.firelane.testkit;

import dev.firelane.protocol.Fire;
import dev.firelane.worker.OutcomeRules;
import dev.firelane.worker.OutcomeRules.Stop;
import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.MDC;

/**
 * One fire running its handler on a thread of its own, started by {@link HandlerTester#start}, while the test
 * drives it: {@link #cancel()} as an operator would, the tester's {@link SettableClock} moved past the fire's
 * deadline, latches of the test's own released. {@link #awaitOutcome()} then gives the outcome a worker would
 * report.
 *
 * <p>Like a worker: a cancel turns {@code RunContext.isCancelled()} true, then interrupts the handler's thread
 * after the cancel grace; moving the clock to the deadline turns {@code isCancelled()} true and interrupts at
 * once; a handler still running the interrupt grace after its interrupt is given up on and reported
 * ({@link RunReport#abandonedOnThread()}), whatever it returns later discarded. The graces are real time (as in a
 * worker, whose supervisor times them); the deadline is the test's clock. Thread-safe.
 */
public final class ManualRun {
    private final Fire fire;
    private final JobHandler handler;
    private final SettableClock clock;
    private final HandlerTester.Settings settings;
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean deadlinePassed = new AtomicBoolean();
    private final AtomicBoolean settled = new AtomicBoolean();
    private final CompletableFuture<RunReport> report = new CompletableFuture<>();
    private final Runnable deadlineWatch = this::checkDeadline;
    private volatile boolean handlerCalled;
    private volatile Instant startedAt;
    private volatile Thread runner;

    ManualRun(Fire fire, JobHandler handler, SettableClock clock, HandlerTester.Settings settings) {
        this.fire = fire;
        this.handler = handler;
        this.clock = clock;
        this.settings = settings;
    }

    /** Settles a fire already late, or starts the handler's thread; before any call of the test can reach it. */
    ManualRun start() {
        Instant now = clock.instant();
        Optional<HandlerResult> late = OutcomeRules.lateBeforeStart(fire, now);
        if (late.isPresent()) {
            startedAt = now;
            settle(late.get(), now, false);
            return this;
        }
        startedAt = now;
        runner = new Thread(this::runHandler, "firelane-testkit-run-" + fire.fireId());
        runner.setDaemon(true);
        if (fire.deadline() != null) {
            clock.onChange(deadlineWatch);
        }
        runner.start();
        return this;
    }

    private void runHandler() {
        MDC.put("jobId", fire.jobId());
        MDC.put("fireId", fire.fireId());
        HandlerResult result;
        try {
            handlerCalled = true;
            result = OutcomeRules.returned(handler.name(),
                    handler.run(RunContext.of(fire, stopRequested::get, clock)));
        } catch (Throwable e) { // as in a worker: whatever a handler throws is its run's outcome
            result = OutcomeRules.thrown(e);
        } finally {
            MDC.remove("jobId");
            MDC.remove("fireId");
        }
        settle(OutcomeRules.afterStop(stop.get(), fire, result), clock.instant(), false);
    }

    /**
     * The fire this run runs.
     *
     * @return the fire
     */
    public Fire fire() {
        return fire;
    }

    /**
     * Cancels the run as {@code firelane job cancel ID --fire F} would: {@code RunContext.isCancelled()} turns true
     * at once; a run still going after the tester's cancel grace is interrupted, and one still going the interrupt
     * grace after that is reported {@code cancelled} without its result. Does nothing once the run is settled.
     *
     * @return this run
     */
    public ManualRun cancel() {
        if (settled.get()) {
            return this;
        }
        stop.compareAndSet(null, Stop.CANCEL);
        stopRequested.set(true);
        after(settings.cancelGrace(), () -> {
            if (!settled.get()) {
                interrupt();
                after(settings.interruptGrace(), () -> abandon(OutcomeRules.ignoredCancel()));
            }
        });
        return this;
    }

    /**
     * Whether the outcome is decided.
     *
     * @return true once the handler returned, or the run was settled without it
     */
    public boolean isSettled() {
        return report.isDone();
    }

    /**
     * Whether the handler has been called; a fire already past its deadline when started never is.
     *
     * @return true once the handler's thread called it
     */
    public boolean handlerCalled() {
        return handlerCalled;
    }

    /**
     * Waits for the outcome, at most the tester's await timeout (real time).
     *
     * @return the outcome as a worker would report it
     * @throws AssertionError if the run has not settled in time
     */
    public RunReport awaitOutcome() {
        return awaitOutcome(settings.awaitTimeout());
    }

    /**
     * Waits for the outcome, at most {@code timeout} (real time).
     *
     * @param timeout how long to wait
     * @return the outcome as a worker would report it
     * @throws AssertionError if the run has not settled in time: the handler still runs (a latch of the test not
     *                        released? the clock not moved past the deadline?)
     */
    public RunReport awaitOutcome(Duration timeout) {
        try {
            return report.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("handler " + handler.name() + " still runs fire " + fire.fireId() + " after "
                    + timeout + " (real time); release what it waits for, cancel() the run, or move the clock past"
                    + " its deadline " + (fire.deadline() == null ? "(it has none)" : fire.deadline()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the outcome of " + fire.fireId(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test kit failed to settle " + fire.fireId(), e.getCause());
        }
    }

    private void checkDeadline() {
        if (settled.get() || clock.instant().isBefore(fire.deadline()) || !deadlinePassed.compareAndSet(false, true)) {
            return;
        }
        stop.compareAndSet(null, Stop.TIMEOUT);
        stopRequested.set(true);
        interrupt();
        after(settings.interruptGrace(), () -> abandon(OutcomeRules.ignoredDeadline(fire)));
    }

    private void abandon(HandlerResult result) {
        settle(result, clock.instant(), true);
    }

    private void settle(HandlerResult result, Instant finishedAt, boolean abandoned) {
        if (!settled.compareAndSet(false, true)) {
            return; // a result after the run was given up on is discarded, as in a worker
        }
        clock.removeOnChange(deadlineWatch);
        report.complete(new RunReport(OutcomeRules.completed(fire, settings.workerId(), result, startedAt, finishedAt),
                handlerCalled, abandoned));
    }

    private void interrupt() {
        if (runner != null && !settled.get()) {
            runner.interrupt();
        }
    }

    private static void after(Duration delay, Runnable task) {
        CompletableFuture.runAsync(task, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public String toString() {
        return "ManualRun[" + fire.fireId() + (isSettled() ? ", settled" : ", running") + "]";
    }
}
