package dev.firelane.worker.internal;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunEvent;
import dev.firelane.worker.HandlerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs in flight, the threads they run on and the supervisor that times them. The poll thread starts a
 * run only when {@link #hasRoom()}, which bounds the runs holding a slot. Threads come from a cached pool:
 * a handler that ignores its interrupt keeps its thread after it was reported and its slot freed, and the
 * next run simply gets another thread. The supervisor thread fires deadlines, cancel graces and heartbeats.
 */
final class Runs {
    private static final Logger log = LoggerFactory.getLogger(Runs.class);
    private static final long IDLE_THREAD_SECONDS = 60;

    private final int limit;
    private final ThreadPoolExecutor executor;
    private final ScheduledThreadPoolExecutor supervisor;
    private final Set<FireRun> running = ConcurrentHashMap.newKeySet();
    private final HandlerRegistry registry;
    private final Publisher publisher;
    private final Clock clock;
    private final String workerId;
    private final Counters counters;
    private final Queue<Signal> signals;
    private final CancelBook cancels;
    private final JobStateBook jobStates;
    private final Duration cancelGrace;
    private final Duration interruptGrace;
    private final Duration startedDelay;
    private final Duration handoverAfter;

    Runs(LoopSettings settings, Publisher publisher, Queue<Signal> signals) {
        this.limit = settings.config().maxConcurrentRuns();
        this.workerId = settings.config().workerId();
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads("firelane-run-" + workerId + "-"));
        this.supervisor = new ScheduledThreadPoolExecutor(1, threads("firelane-supervisor-" + workerId + "-"));
        this.supervisor.setRemoveOnCancelPolicy(true); // a settled run's deadline must not linger for hours
        this.registry = settings.registry();
        this.publisher = publisher;
        this.clock = settings.clock();
        this.counters = settings.counters();
        this.signals = signals;
        this.cancels = new CancelBook(clock);
        this.jobStates = settings.jobStates();
        this.cancelGrace = settings.config().cancelGrace();
        this.interruptGrace = settings.config().interruptGrace();
        this.startedDelay = settings.config().startedDelay();
        this.handoverAfter = settings.config().handoverAfter();
        Duration every = settings.config().heartbeatInterval();
        supervisor.scheduleAtFixedRate(this::heartbeat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        if (!startedDelay.isZero()) {
            // one sweep for all runs rather than a timer per run: a run is reported between 1 and 1.5 delays in
            long sweep = Math.max(10, startedDelay.toMillis() / 2);
            supervisor.scheduleAtFixedRate(this::reportLongRuns, sweep, sweep, TimeUnit.MILLISECONDS);
        }
        long handoverSweep = Math.min(5_000, Math.max(10, handoverAfter.toMillis() / 4));
        supervisor.scheduleAtFixedRate(this::handOverLongRuns, handoverSweep, handoverSweep, TimeUnit.MILLISECONDS);
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

    /**
     * Asks the run of {@code fireId} on this worker to stop, and remembers the cancel in case the fire starts
     * here later (waiting for a slot, or redelivered); false when it is not running here now.
     */
    boolean cancel(String jobId, String fireId) {
        cancels.remember(fireId);
        boolean any = false;
        for (FireRun run : running) {
            if (run.fireId().equals(fireId) && run.jobId().equals(jobId)) {
                log.info("{} {} cancel requested; asking the run to stop", jobId, fireId);
                run.cancel();
                any = true;
            }
        }
        return any;
    }

    /** Runs holding a slot whose fire came from one of {@code partitions}. */
    int inFlightOn(Collection<TopicPartition> partitions) {
        int count = 0;
        for (FireRun run : running) {
            if (partitions.contains(run.progress().partition())) {
                count++;
            }
        }
        return count;
    }

    /** Gives up on the runs still going (their fires are redelivered), interrupts them and stops the supervisor. */
    int abandonAll() {
        int count = running.size();
        running.forEach(FireRun::abandon);
        executor.shutdownNow();
        supervisor.shutdownNow();
        return count;
    }

    /** No new runs; those going carry on, and so do heartbeats and deadlines. */
    void shutdown() {
        executor.shutdown();
    }

    /** The run cannot settle with an outcome: its offset is done anyway, and the coordinator marks it abandoned. */
    void givenUp(FireRun run, String why) {
        counters.gaveUp();
        signals.add(new Signal.Settled(run.progress(), run.offset(), why));
    }

    void finished(FireRun run) {
        if (running.remove(run)) {
            counters.leave();
        }
        signals.add(Signal.Nudge.INSTANCE);
    }

    /** Runs {@code task} on the supervisor thread after {@code delay}; a failure is logged, never thrown. */
    Future<?> schedule(Duration delay, Runnable task) {
        long millis = Math.max(0, delay.toMillis());
        try {
            return supervisor.schedule(() -> guarded(task), millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return java.util.concurrent.CompletableFuture.completedFuture(null); // stopping: nothing to time any more
        }
    }

    private void heartbeat() {
        guarded(() -> {
            for (FireRun run : running) {
                if (run.isReported()) {
                    publisher.heartbeat(new RunEvent.Heartbeat(run.fireId(), run.jobId(), workerId, clock.instant()));
                }
            }
        });
    }

    /** Reports {@code Started} for the runs that have gone on for {@link #startedDelay()}. */
    private void reportLongRuns() {
        guarded(() -> {
            Instant reportBefore = clock.instant().minus(startedDelay);
            for (FireRun run : running) {
                run.reportStartedIfBefore(reportBefore);
            }
        });
    }

    /** Hands the runs that have gone on for {@link WorkerConfig#handoverAfter()} over to the coordinator. */
    private void handOverLongRuns() {
        guarded(() -> {
            Instant before = clock.instant().minus(handoverAfter);
            for (FireRun run : running) {
                if (run.handOverIfStartedBefore(before)) {
                    counters.handOver();
                    signals.add(new Signal.Settled(run.progress(), run.offset(), "its run went on past "
                            + handoverAfter + " and is followed by the coordinator from now on"));
                }
            }
        });
    }

    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            counters.loopError();
            log.error("worker {} supervisor task failed, carrying on", workerId, e);
        }
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

    CancelBook cancels() {
        return cancels;
    }

    JobStateBook jobStates() {
        return jobStates;
    }

    Duration cancelGrace() {
        return cancelGrace;
    }

    Duration interruptGrace() {
        return interruptGrace;
    }

    /** Runs are reported {@code Started} once they have gone on this long; zero: as they start. */
    Duration startedDelay() {
        return startedDelay;
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
