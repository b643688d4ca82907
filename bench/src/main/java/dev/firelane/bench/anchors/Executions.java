package dev.firelane.bench.anchors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * What the no-op jobs did: the start instant of each job, by its index, and how many ran twice. Recording is a
 * clock read and one compare-and-set, so it costs the scheduler under test next to nothing. The process CPU time
 * is also read at the first and at the last start, the ends of the window the run measures.
 */
public final class Executions {
    /** A slot that has not started yet; an epoch-microsecond start is never 0 on a real clock. */
    private static final long NOT_STARTED = 0;

    private final Clock clock;
    private final AtomicLongArray startMicros;
    private final AtomicInteger executed = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final CountDownLatch allStarted;
    private final LongSupplier cpuNanos;
    private volatile long cpuAtFirstStart = -1;
    private volatile long cpuAtLastStart = -1;

    public Executions(int jobs, Clock clock, LongSupplier cpuNanos) {
        this.clock = clock;
        this.startMicros = new AtomicLongArray(jobs);
        this.allStarted = new CountDownLatch(jobs);
        this.cpuNanos = cpuNanos;
    }

    /** Called by a job as it starts. A second start of the same job is counted, never recorded over the first. */
    public void record(int index) {
        if (index < 0 || index >= startMicros.length()) {
            throw new IllegalArgumentException("job index " + index + " is not one of the " + startMicros.length());
        }
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        if (startMicros.compareAndSet(index, NOT_STARTED, now)) {
            int count = executed.incrementAndGet();
            if (count == 1) {
                cpuAtFirstStart = cpuNanos.getAsLong();
            }
            if (count == startMicros.length()) {
                cpuAtLastStart = cpuNanos.getAsLong(); // before the count-down, so awaitAll sees it
            }
            allStarted.countDown();
        } else {
            duplicates.incrementAndGet();
        }
    }

    /** Waits until every job has started once; false if {@code timeout} passed first. */
    public boolean awaitAll(Duration timeout) throws InterruptedException {
        return allStarted.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int jobs() {
        return startMicros.length();
    }

    /** Distinct jobs that started. */
    public int executed() {
        return executed.get();
    }

    /** Starts beyond the first of a job: a scheduler that ran a job twice. */
    public int duplicates() {
        return duplicates.get();
    }

    /** Process CPU nanoseconds when the first job started, -1 before. */
    public long cpuAtFirstStart() {
        return cpuAtFirstStart;
    }

    /** Process CPU nanoseconds when the last of the jobs started, -1 before. */
    public long cpuAtLastStart() {
        return cpuAtLastStart;
    }

    /** True when job {@code index} has started. */
    public boolean started(int index) {
        return startMicros.get(index) != NOT_STARTED;
    }

    /** Lateness (start − {@code due}) of the jobs that started, in milliseconds, sorted; negative for early starts. */
    public double[] latenessMillis(Instant due) {
        long dueMicros = ChronoUnit.MICROS.between(Instant.EPOCH, due);
        double[] late = new double[executed()];
        int n = 0;
        for (int i = 0; i < startMicros.length() && n < late.length; i++) {
            long start = startMicros.get(i);
            if (start != NOT_STARTED) {
                late[n++] = (start - dueMicros) / 1000.0;
            }
        }
        double[] sorted = Arrays.copyOf(late, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /** Nearest-rank percentile ({@code p} in 0..1) of sorted values; NaN when there are none. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
