package dev.firelane.worker.internal;

import dev.firelane.protocol.Fire;
import dev.firelane.worker.HandlerRegistry;
import java.time.Clock;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runs in flight and the bounded pool they run on. The poll thread starts a run only when
 * {@link #hasRoom()}, so the pool's queue never holds more than the limit.
 */
final class Runs {
    private final int limit;
    private final ExecutorService executor;
    private final Set<FireRun> running = ConcurrentHashMap.newKeySet();
    private final HandlerRegistry registry;
    private final Publisher publisher;
    private final Clock clock;
    private final String workerId;
    private final Counters counters;
    private final Queue<Signal> signals;

    Runs(int limit, HandlerRegistry registry, Publisher publisher, Clock clock, String workerId, Counters counters,
         Queue<Signal> signals) {
        this.limit = limit;
        this.executor = Executors.newFixedThreadPool(limit, threads("firelane-run-" + workerId + "-"));
        this.registry = registry;
        this.publisher = publisher;
        this.clock = clock;
        this.workerId = workerId;
        this.counters = counters;
        this.signals = signals;
    }

    boolean hasRoom() {
        return counters.inFlight() < limit;
    }

    boolean isIdle() {
        return counters.inFlight() == 0;
    }

    void start(Fire fire, PartitionProgress progress, long offset) {
        FireRun run = new FireRun(fire, progress, offset, this);
        running.add(run);
        counters.enter();
        try {
            executor.execute(run);
        } catch (RuntimeException e) {
            running.remove(run);
            counters.leave();
            throw e;
        }
    }

    /** Asks every run of {@code fireId} on this worker to stop; false when none is running. */
    boolean cancel(String fireId) {
        boolean any = false;
        for (FireRun run : running) {
            if (run.fireId().equals(fireId)) {
                run.cancel();
                any = true;
            }
        }
        return any;
    }

    /** Gives up on the runs still going (their fires are redelivered) and interrupts them. */
    int abandonAll() {
        int count = running.size();
        running.forEach(FireRun::abandon);
        executor.shutdownNow();
        return count;
    }

    void shutdown() {
        executor.shutdown();
    }

    void finished(FireRun run) {
        running.remove(run);
        counters.leave();
        signals.add(Signal.Nudge.INSTANCE);
    }

    HandlerRegistry registry() {
        return registry;
    }

    Publisher publisher() {
        return publisher;
    }

    Clock clock() {
        return clock;
    }

    String workerId() {
        return workerId;
    }

    Counters counters() {
        return counters;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger next = new AtomicInteger(1);
        return task -> {
            Thread thread = new Thread(task, prefix + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}
