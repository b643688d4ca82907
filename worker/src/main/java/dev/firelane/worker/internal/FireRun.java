package dev.firelane.worker.internal;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunEvent;
import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** One fire on a run thread: Started, the handler, then Completed (which settles the fire's offset). */
final class FireRun implements Runnable {
    /** The width of the {@code error} columns the status stream writes. */
    static final int MAX_ERROR_CHARS = 1024;
    private static final Logger log = LoggerFactory.getLogger(FireRun.class);

    private final Fire fire;
    private final PartitionProgress progress;
    private final long offset;
    private final Runs runs;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile boolean abandoned;

    FireRun(Fire fire, PartitionProgress progress, long offset, Runs runs) {
        this.fire = fire;
        this.progress = progress;
        this.offset = offset;
        this.runs = runs;
    }

    String fireId() {
        return fire.fireId();
    }

    void cancel() {
        cancelled.set(true);
    }

    /** The worker stopped waiting for this run: its outcome is not published and the fire is redelivered. */
    void abandon() {
        abandoned = true;
        cancelled.set(true);
    }

    @Override
    public void run() {
        MDC.put("jobId", fire.jobId());
        MDC.put("fireId", fire.fireId());
        try {
            Instant startedAt = runs.clock().instant();
            runs.publisher().started(new RunEvent.Started(fire.fireId(), fire.jobId(), runs.workerId(), fire.attempt(),
                    fire.scheduledAt(), startedAt));
            runs.counters().runStarted();
            HandlerResult result = invoke();
            Instant finishedAt = runs.clock().instant();
            if (abandoned) {
                log.warn("{} {} finished after the worker stopped waiting; left for redelivery", fire.jobId(), fire.fireId());
                return;
            }
            RunEvent.Completed completed = new RunEvent.Completed(fire.fireId(), fire.jobId(), runs.workerId(),
                    fire.attempt(), fire.scheduledAt(), startedAt, finishedAt, result.outcome(), clip(result.error()),
                    result.deliveryStatus());
            runs.publisher().completed(completed, progress, offset);
            runs.counters().runCompleted(result.outcome());
            log.debug("{} {} completed {}", fire.jobId(), fire.fireId(), result.outcome().wire());
        } catch (RuntimeException e) {
            runs.counters().loopError();
            log.error("{} {} run failed outside its handler; the fire stays uncommitted", fire.jobId(), fire.fireId(), e);
        } finally {
            runs.finished(this);
            MDC.remove("jobId");
            MDC.remove("fireId");
        }
    }

    private HandlerResult invoke() {
        Optional<JobHandler> handler = runs.registry().find(fire.handler());
        if (handler.isEmpty()) {
            log.warn("{} {} unknown handler '{}' (this worker has {})", fire.jobId(), fire.fireId(), fire.handler(),
                    runs.registry().names());
            return HandlerResult.error("unknown handler " + fire.handler());
        }
        try {
            HandlerResult result = handler.get().run(new FireRunContext(fire, cancelled, runs.clock()));
            return result != null ? result : HandlerResult.error("handler " + fire.handler() + " returned no result");
        } catch (Throwable e) { // a handler's failure, whatever its kind, is its run's outcome, never the worker's
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!abandoned) {
                log.warn("{} {} handler {} threw", fire.jobId(), fire.fireId(), fire.handler(), e);
            }
            return HandlerResult.error(describe(e));
        }
    }

    static String describe(Throwable e) {
        String type = e.getClass().getSimpleName().isEmpty() ? e.getClass().getName() : e.getClass().getSimpleName();
        return e.getMessage() == null || e.getMessage().isBlank() ? type : type + ": " + e.getMessage();
    }

    static String clip(String error) {
        return error == null || error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS - 1) + "…";
    }
}
