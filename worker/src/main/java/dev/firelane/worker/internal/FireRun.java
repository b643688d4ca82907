package dev.firelane.worker.internal;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.worker.OutcomeRules;
import dev.firelane.worker.OutcomeRules.Stop;
import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One fire on a run thread: the handler, then Completed (which settles the fire's offset and carries the start
 * time). A run still going after the worker's started delay is reported Started (by the supervisor's sweep, or
 * at once when the delay is zero), and from then on gets heartbeats; a Started never follows its Completed. A fire
 * cancelled, skipped (its job was paused after it was emitted) or past its deadline before it starts is
 * settled at once, without Started and without calling the handler. A run is
 * <em>settled</em> exactly once, by whoever comes first: the handler returning, or the supervisor giving up
 * on a handler that ignored its interrupt (at the deadline, or after a cancel). Settling publishes the
 * outcome and frees the run's slot; a result that comes after is discarded.
 */
final class FireRun implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(FireRun.class);

    private final Fire fire;
    private final PartitionProgress progress;
    private final long offset;
    private final Runs runs;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private final AtomicBoolean settled = new AtomicBoolean();
    private final List<Future<?>> timers = new CopyOnWriteArrayList<>();
    private volatile Instant startedAt;
    private volatile boolean reported;
    private final AtomicBoolean handedOver = new AtomicBoolean();
    private final Object reporting = new Object(); // orders a Started before its run's Completed
    private Thread runner; // guarded by this: interrupts reach this run's thread only while it runs this fire

    FireRun(Fire fire, PartitionProgress progress, long offset, Runs runs) {
        this.fire = fire;
        this.progress = progress;
        this.offset = offset;
        this.runs = runs;
    }

    String fireId() {
        return fire.fireId();
    }

    String jobId() {
        return fire.jobId();
    }

    PartitionProgress progress() {
        return progress;
    }

    long offset() {
        return offset;
    }

    /**
     * Whether this run, reported and still going since before {@code instant}, is handed over to the coordinator
     * now (true once): its offset stops holding back the partition's commits.
     */
    boolean handOverIfStartedBefore(Instant instant) {
        Instant started = startedAt;
        return reported && !settled.get() && started != null && started.isBefore(instant)
                && handedOver.compareAndSet(false, true);
    }

    /** Started and reported, not yet settled: what heartbeats are sent for. */
    boolean isReported() {
        return reported && !settled.get();
    }

    @Override
    public void run() {
        MDC.put("jobId", fire.jobId());
        MDC.put("fireId", fire.fireId());
        synchronized (this) {
            runner = Thread.currentThread();
        }
        try {
            if (!settled.get()) {
                runFire();
            }
        } catch (RuntimeException e) {
            // a fault of the worker's, not of the handler: still one outcome, so that the fire settles and the
            // partition's commit position moves on (the job's retry policy decides whether it runs again)
            runs.counters().loopError();
            log.error("{} {} run failed outside its handler; settled as an error", fire.jobId(), fire.fireId(), e);
            settleAfterFault(e);
        } finally {
            synchronized (this) {
                runner = null;
            }
            Thread.interrupted(); // an interrupt meant for this fire must not reach the next run of this thread
            MDC.remove("jobId");
            MDC.remove("fireId");
        }
    }

    private void runFire() {
        Instant now = runs.clock().instant();
        if (stop.get() == Stop.CANCEL || runs.cancels().isCancelled(fire.fireId())) {
            settle(OutcomeRules.cancelledBeforeStart(), now, now);
            return;
        }
        // before the deadline check: a fire of a paused job is not a failure, even when it would also be late
        OptionalLong pause = runs.jobStates().pausedSince(fire);
        if (pause.isPresent()) {
            skip(pause.getAsLong(), now);
            return;
        }
        Optional<HandlerResult> late = OutcomeRules.lateBeforeStart(fire, now);
        if (late.isPresent()) {
            settle(late.get(), now, now);
            return;
        }
        startedAt = now;
        runs.counters().runStarted();
        if (runs.startedDelay().isZero()) {
            reportStarted();
        }
        if (fire.deadline() != null) {
            timers.add(runs.schedule(Duration.between(now, fire.deadline()), this::onDeadline));
        }
        HandlerResult result = invoke();
        if (!settle(OutcomeRules.afterStop(stop.get(), fire, result), startedAt, runs.clock().instant())) {
            log.info("{} {} handler returned {} after the worker had given up on it; discarded", fire.jobId(),
                    fire.fireId(), result.outcome().wire());
        }
    }

    /** Reports the run Started if it started before {@code instant} and is neither reported nor settled yet. */
    void reportStartedIfBefore(Instant instant) {
        Instant started = startedAt;
        if (!reported && started != null && started.isBefore(instant)) {
            reportStarted();
        }
    }

    private void reportStarted() {
        synchronized (reporting) {
            if (reported || settled.get()) {
                return;
            }
            runs.publisher().started(new RunEvent.Started(fire.fireId(), fire.jobId(), runs.workerId(), fire.attempt(),
                    fire.scheduledAt(), startedAt));
            reported = true;
        }
    }

    /** Settles a fire whose job was paused after it was emitted; its handler is never called. */
    private void skip(long pauseGeneration, Instant now) {
        log.info("{} {} skipped: job paused (generation {}) after this fire (generation {}) and before its run started",
                fire.jobId(), fire.fireId(), pauseGeneration, fire.generation());
        settle(RunOutcome.SKIPPED, "skipped: job paused (generation " + pauseGeneration + ") before the run started", null,
                now, now);
    }

    private HandlerResult invoke() {
        Optional<JobHandler> handler = runs.registry().find(fire.handler());
        if (handler.isEmpty()) {
            log.warn("{} {} unknown handler '{}' (this worker has {})", fire.jobId(), fire.fireId(), fire.handler(),
                    runs.registry().names());
            return OutcomeRules.unknownHandler(fire.handler());
        }
        try {
            HandlerResult result = handler.get().run(RunContext.of(fire, stopRequested::get, runs.clock()));
            return OutcomeRules.returned(fire.handler(), result);
        } catch (Throwable e) { // a handler's failure, whatever its kind, is its run's outcome, never the worker's
            if (stop.get() == null) {
                log.warn("{} {} handler {} threw", fire.jobId(), fire.fireId(), fire.handler(), e);
            }
            return OutcomeRules.thrown(e);
        }
    }

    /** Called by the supervisor at the deadline. */
    void onDeadline() {
        if (settled.get()) {
            return;
        }
        stop.compareAndSet(null, Stop.TIMEOUT);
        stopRequested.set(true);
        log.info("{} {} past its deadline {}; interrupting", fire.jobId(), fire.fireId(), fire.deadline());
        interrupt();
        timers.add(runs.schedule(runs.interruptGrace(), () -> abandonThread(OutcomeRules.ignoredDeadline(fire))));
    }

    /** An operator's cancel: ask, then interrupt after the cancel grace, then give up after the interrupt grace. */
    void cancel() {
        if (settled.get()) {
            return;
        }
        stop.compareAndSet(null, Stop.CANCEL);
        stopRequested.set(true);
        timers.add(runs.schedule(runs.cancelGrace(), () -> {
            if (settled.get()) {
                return;
            }
            log.info("{} {} still running {} after its cancel; interrupting", fire.jobId(), fire.fireId(),
                    runs.cancelGrace());
            interrupt();
            timers.add(runs.schedule(runs.interruptGrace(), () -> abandonThread(OutcomeRules.ignoredCancel())));
        }));
    }

    /** The worker stopped waiting for this run (shutdown): nothing is published and the fire is redelivered. */
    void abandon() {
        stop.compareAndSet(null, Stop.SHUTDOWN);
        stopRequested.set(true);
        release();
        interrupt();
    }

    private void abandonThread(HandlerResult result) {
        Instant now = runs.clock().instant();
        if (settle(result, startedAt == null ? now : startedAt, now)) {
            runs.counters().threadAbandoned();
            log.warn("{} {} handler {} ignored its interrupt for {}; reported {} and left running on its thread",
                    fire.jobId(), fire.fireId(), fire.handler(), runs.interruptGrace(), result.outcome().wire());
        }
    }

    /** Publishes the outcome and frees the slot, unless the run was settled already. */
    private boolean settle(HandlerResult result, Instant started, Instant finishedAt) {
        return settle(result.outcome(), result.error(), result.deliveryStatus(), started, finishedAt);
    }

    /** Like {@link #settle(HandlerResult, Instant, Instant)}, for outcomes only the worker reports (skipped). */
    private boolean settle(RunOutcome outcome, String error, Integer deliveryStatus, Instant started, Instant finishedAt) {
        synchronized (reporting) { // a Started being sent goes first: one producer keeps the order per job
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
        }
        try {
            RunEvent.Completed completed = RunEvent.Completed.of(fire, runs.workerId(), started, finishedAt, outcome,
                    OutcomeRules.clip(error), deliveryStatus);
            runs.publisher().completed(completed, progress, offset);
            runs.counters().runCompleted(outcome, startedAt == null ? null : Duration.between(started, finishedAt));
            log.debug("{} {} completed {}", fire.jobId(), fire.fireId(), outcome.wire());
        } finally {
            stopTimers();
            runs.finished(this);
        }
        return true;
    }

    private void settleAfterFault(RuntimeException fault) {
        try {
            Instant now;
            try {
                now = runs.clock().instant();
            } catch (RuntimeException clockFailed) {
                now = Instant.now(); // the injected clock is what failed: the outcome still needs a time
            }
            settle(HandlerResult.error("worker fault outside the handler: " + OutcomeRules.describe(fault)),
                    startedAt == null ? now : startedAt, now);
        } catch (RuntimeException e) {
            log.error("{} {} its error outcome cannot be published either; given up: the coordinator marks it abandoned",
                    fire.jobId(), fire.fireId(), e);
            release();
            runs.givenUp(this, "a fault outside the handler, and its outcome could not be published: " + e);
        }
    }

    /** Frees the slot without an outcome: the fire's offset stays uncommitted. */
    private void release() {
        if (settled.compareAndSet(false, true)) {
            stopTimers();
            runs.finished(this);
        }
    }

    private synchronized void interrupt() {
        if (runner != null) {
            runner.interrupt();
        }
    }

    private void stopTimers() {
        timers.forEach(t -> t.cancel(false));
    }
}
