package dev.firelane.worker.internal;

import dev.firelane.protocol.RunOutcome;
import dev.firelane.worker.WorkerCounters;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The worker's counters, for {@link WorkerCounters} and, through {@link WorkerMetrics}, for Micrometer. */
public final class Counters implements WorkerCounters {
    private final LongAdder started = new LongAdder();
    private final Map<RunOutcome, LongAdder> completed = new EnumMap<>(RunOutcome.class);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder publishFailures = new LongAdder();
    private final LongAdder commitFailures = new LongAdder();
    private final LongAdder publishGivenUp = new LongAdder();
    private final LongAdder handedOver = new LongAdder();
    private final LongAdder loopErrors = new LongAdder();
    private final LongAdder abandonedThreads = new LongAdder();
    private final AtomicLong lag = new AtomicLong();
    private WorkerMetrics metrics;

    public Counters() {
        for (RunOutcome outcome : RunOutcome.values()) {
            completed.put(outcome, new LongAdder());
        }
    }

    /** Also records into {@code metrics} from now on. Call once, before the worker starts. */
    public Counters exportTo(WorkerMetrics metrics) {
        this.metrics = metrics;
        return this;
    }

    void runStarted() {
        started.increment();
        if (metrics != null) {
            metrics.runStarted();
        }
    }

    void runCompleted(RunOutcome outcome, Duration duration) {
        completed.get(outcome).increment();
        if (metrics != null) {
            metrics.runFinished(outcome, duration);
        }
    }

    void threadAbandoned() {
        abandonedThreads.increment();
    }

    void lag(long records) {
        lag.set(records);
        if (metrics != null) {
            metrics.lag(records);
        }
    }

    void close() {
        if (metrics != null) {
            metrics.remove();
        }
    }

    int enter() {
        return inFlight.incrementAndGet();
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    void deadLetterSent() {
        deadLettered.increment();
    }

    void publishFailed() {
        publishFailures.increment();
    }

    void gaveUp() {
        publishGivenUp.increment();
    }

    void handOver() {
        handedOver.increment();
    }

    void commitFailed() {
        commitFailures.increment();
    }

    void loopError() {
        loopErrors.increment();
    }

    @Override
    public long started() {
        return started.sum();
    }

    @Override
    public long completed(RunOutcome outcome) {
        return completed.get(outcome).sum();
    }

    @Override
    public long completed() {
        return completed.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public long deadLettered() {
        return deadLettered.sum();
    }

    @Override
    public long publishFailures() {
        return publishFailures.sum();
    }

    @Override
    public long publishGivenUp() {
        return publishGivenUp.sum();
    }

    @Override
    public long handedOver() {
        return handedOver.sum();
    }

    @Override
    public long commitFailures() {
        return commitFailures.sum();
    }

    @Override
    public long loopErrors() {
        return loopErrors.sum();
    }

    @Override
    public long abandonedThreads() {
        return abandonedThreads.sum();
    }

    @Override
    public long consumerLag() {
        return lag.get();
    }

    @Override
    public String toString() {
        return "started=" + started() + " completed=" + completed() + " inFlight=" + inFlight() + " deadLettered="
                + deadLettered() + " publishFailures=" + publishFailures() + " publishGivenUp=" + publishGivenUp() + " handedOver=" + handedOver()
                + " commitFailures=" + commitFailures()
                + " loopErrors=" + loopErrors() + " abandonedThreads=" + abandonedThreads();
    }
}
