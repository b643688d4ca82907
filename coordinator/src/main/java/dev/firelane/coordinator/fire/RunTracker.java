package dev.firelane.coordinator.fire;

import dev.firelane.protocol.RunEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows fires after they are emitted: run events from workers end them or schedule their retry, and
 * punctuations expire those whose completion never came and fire due retries.
 */
final class RunTracker {
    private static final Logger log = LoggerFactory.getLogger(RunTracker.class);

    private final FireTopologyConfig config;
    private final ScheduleBook book;
    private final InFlightBook inFlight;
    private final FireEmitter emitter;

    RunTracker(FireTopologyConfig config, ScheduleBook book, InFlightBook inFlight, FireEmitter emitter) {
        this.config = config;
        this.book = book;
        this.inFlight = inFlight;
        this.emitter = emitter;
    }

    /** Applies a run event; one about an attempt that is not the running one (stale, duplicate) is ignored. */
    void onRunEvent(RunEvent event, Instant now) {
        Optional<InFlight> running = inFlight.get(InFlight.keyOfFireId(event.fireId()))
                .filter(r -> r.phase() == InFlight.Phase.RUNNING)
                .filter(r -> r.fireId().equals(event.fireId()) && r.jobId().equals(event.jobId()));
        if (running.isEmpty()) {
            log.debug("fireId={} jobId={} {} ignored: not a running attempt", event.fireId(), event.jobId(),
                    event.getClass().getSimpleName());
            return;
        }
        if (event instanceof RunEvent.Started) {
            started(running.get(), now);
        } else if (event instanceof RunEvent.Completed completed) {
            completed(running.get(), completed, now);
        }
    }

    /** Expires a running attempt past its wake time, or fires a retry that is due. */
    void wake(InFlight record, Instant now) {
        if (record.phase() == InFlight.Phase.RUNNING) {
            inFlight.remove(record);
            log.warn("fireId={} jobId={} no completion by {} (deadline {}); no longer counted in flight",
                    record.fireId(), record.jobId(), record.wakeAt(), record.deadline());
            emitter.releaseQueued(record.jobId(), now);
            return;
        }
        var active = book.active(record.jobId());
        if (active.isEmpty()) {
            inFlight.remove(record);
            log.info("fireId={} jobId={} retry dropped: the job is no longer active", record.fireId(), record.jobId());
            return;
        }
        log.info("fireId={} jobId={} retrying scheduledAt={} attempt={}", record.fireId(), record.jobId(),
                record.scheduledAt(), record.attempt());
        emitter.emit(active.get().job(), record.scheduledAt(), record.attempt(), now);
    }

    /** A started run without a deadline counts as in flight for a full TTL from its start. */
    private void started(InFlight record, Instant now) {
        if (record.started()) {
            return;
        }
        Instant wakeAt = record.deadline() != null
                ? record.wakeAt()
                : ScheduleBook.latest(record.wakeAt(), now.plus(config.inFlightTtl()));
        inFlight.put(record.startedAndWakingAt(wakeAt));
    }

    private void completed(InFlight record, RunEvent.Completed completed, Instant now) {
        if (completed.outcome().isFailure()) {
            var active = book.active(record.jobId());
            int maxAttempts = active.map(e -> e.job().spec().maxAttempts()).orElse(0);
            if (record.attempt() < maxAttempts) {
                Duration delay = config.retryBackoff().delayAfter(record.attempt());
                InFlight retry = record.retryAt(now.plus(delay));
                inFlight.put(retry);
                log.info("fireId={} jobId={} attempt {} of {} ended {}; retry {} at {} (in {})", record.fireId(),
                        record.jobId(), record.attempt(), maxAttempts, completed.outcome().wire(), retry.fireId(),
                        retry.wakeAt(), delay);
                return;
            }
            log.info("fireId={} jobId={} attempt {} ended {}; no retry ({})", record.fireId(), record.jobId(),
                    record.attempt(), completed.outcome().wire(),
                    active.isEmpty() ? "job not active" : "attempts exhausted");
        }
        inFlight.remove(record);
        emitter.releaseQueued(record.jobId(), now);
    }
}
