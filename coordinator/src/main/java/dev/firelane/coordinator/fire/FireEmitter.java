package dev.firelane.coordinator.fire;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.OverlapPolicy;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits fires and records them in flight, and applies the overlap policy to every fire that is not a
 * retry (scheduled, catch-up, triggered or released from the queue).
 */
final class FireEmitter {
    private static final Logger log = LoggerFactory.getLogger(FireEmitter.class);

    /** Why a fire is offered, for the log. */
    record Cause(String label, boolean operator) {
        static final Cause SCHEDULE = new Cause("schedule", false);
        static final Cause CATCH_UP = new Cause("catch-up", false);

        static Cause trigger(String commandId) {
            return new Cause("trigger commandId=" + commandId, true);
        }

        void log(String format, Object... args) {
            if (operator) {
                log.info(format, args);
            } else {
                log.debug(format, args);
            }
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Liveness liveness;
    private final ScheduleBook book;
    private final InFlightBook inFlight;
    private final Consumer<Fire> out;
    private final FireMetrics metrics;
    private long emitted;

    FireEmitter(FireTopologyConfig config, ScheduleBook book, InFlightBook inFlight, Consumer<Fire> out) {
        this.liveness = Liveness.of(config);
        this.book = book;
        this.inFlight = inFlight;
        this.out = out;
        this.metrics = config.metrics();
    }

    /**
     * Offers a first attempt for {@code scheduledAt} to the job's overlap policy: fires it, queues it or
     * skips it.
     *
     * @param queuedAt the job's queued fire before the offer; null if none
     * @param cause    for the log: schedule, catch-up, trigger …; an operator's trigger is logged at info,
     *                 the schedule's own decisions at debug (they can be one per job per second)
     * @return the job's queued fire after the offer
     */
    Instant offer(JobState job, Instant scheduledAt, Instant queuedAt, Instant now, Cause cause) {
        if (inFlight.get(InFlight.keyOf(job.jobId(), job.incarnation(), scheduledAt)).isPresent()) {
            log.warn("jobId={} {} for scheduledAt={} ignored: that fire is already in flight", job.jobId(), cause, scheduledAt);
            return queuedAt;
        }
        OverlapPolicy policy = job.spec().overlap();
        // allow never looks at what is in flight: an allow job may have many runs in flight
        boolean busy = policy != OverlapPolicy.ALLOW && inFlight.busy(job.jobId(), job.incarnation(), now);
        switch (OverlapGate.admit(policy, busy, queuedAt != null)) {
            case FIRE -> emit(job, scheduledAt, 1, job.spec().maxAttempts(), now);
            case QUEUE -> {
                cause.log("jobId={} {} for scheduledAt={} queued: a run is in flight (overlap=queue)",
                        job.jobId(), cause, scheduledAt);
                return scheduledAt;
            }
            case SKIP -> {
                metrics.overlapSkipped();
                cause.log("jobId={} {} for scheduledAt={} skipped: a run is in flight (overlap={}{})",
                        job.jobId(), cause, scheduledAt, policy.wire(),
                        queuedAt == null ? "" : ", one already queued for " + queuedAt);
            }
        }
        return queuedAt;
    }

    /** Fires the job's queued fire if it has one and nothing of its incarnation is in flight any more. */
    void releaseQueued(String jobId, Instant now) {
        Optional<ScheduleEntry> active = book.active(jobId);
        if (active.isEmpty() || active.get().queuedAt() == null
                || inFlight.busy(jobId, active.get().job().incarnation(), now)) {
            return;
        }
        ScheduleEntry entry = active.get();
        Instant scheduledAt = entry.queuedAt();
        book.queue(entry, null);
        if (inFlight.get(InFlight.keyOf(jobId, entry.job().incarnation(), scheduledAt)).isPresent()) {
            log.warn("jobId={} queued fire for scheduledAt={} dropped: already in flight", jobId, scheduledAt);
            return;
        }
        log.info("jobId={} in-flight run done; firing the queued scheduledAt={}", jobId, scheduledAt);
        emit(entry.job(), scheduledAt, 1, entry.job().spec().maxAttempts(), now);
    }

    /** How many fires this emitter emitted so far. */
    long emitted() {
        return emitted;
    }

    /**
     * Emits attempt {@code attempt} now, whatever the overlap, and records it as running: every fire is
     * followed until it has an outcome (a completion, or {@code abandoned}), whatever its job's policies.
     *
     * @param maxAttempts the fire's attempt limit: the job's for a first attempt, the fire's own for a retry
     */
    void emit(JobState job, Instant scheduledAt, int attempt, int maxAttempts, Instant now) {
        Fire fire = Fires.of(job, scheduledAt, attempt, maxAttempts, now);
        out.accept(fire);
        emitted++;
        metrics.fired(fire);
        log.debug("fireId={} jobId={} fired scheduledAt={} attempt={} firedAt={} deadline={} generation={}",
                fire.fireId(), fire.jobId(), scheduledAt, attempt, now, fire.deadline(), fire.generation());
        Instant wakeAt = liveness.unreported(now, fire.deadline());
        inFlight.put(new InFlight(job.jobId(), scheduledAt, attempt, InFlight.Phase.RUNNING, wakeAt, now,
                fire.deadline(), false, null, null, null, job.incarnation(), maxAttempts));
    }
}
