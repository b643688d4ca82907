package dev.firelane.coordinator.status;

import dev.firelane.coordinator.metrics.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the run history ({@code job_runs}) bounded: on its own thread, every {@code interval}, it deletes finished
 * runs older than {@code maxAge}, and of each job all but its newest {@code maxPerJob} runs — in batches of
 * {@code batchSize}, each its own short transaction on its own connection, so the status stream's batches never
 * wait on it for long. A run still going is never deleted: its row is what makes its completion count once.
 *
 * <p>A completion delivered again after its run was deleted would count again; runs are deleted long after
 * the status stream has committed past them (minutes at the least), and redeliveries come from the uncommitted
 * tail, so keep {@code maxAge} well above the status stream's lag.
 */
public final class RunRetention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunRetention.class);

    /**
     * @param maxAge    finished runs older than this go; null keeps them whatever their age
     * @param maxPerJob runs kept per job (its newest); 0 keeps every run
     * @param interval  time between two passes
     * @param batchSize rows deleted per statement
     */
    public record Policy(Duration maxAge, int maxPerJob, Duration interval, int batchSize) {
        public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
        public static final int DEFAULT_MAX_PER_JOB = 1_000;
        public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
        public static final int DEFAULT_BATCH_SIZE = 1_000;
        /** Shorter ages would delete runs whose completions may still be redelivered. */
        public static final Duration MIN_MAX_AGE = Duration.ofMinutes(1);

        public Policy {
            if (maxAge != null && maxAge.compareTo(MIN_MAX_AGE) < 0) {
                throw new IllegalArgumentException("the run history's maxAge must be at least " + MIN_MAX_AGE + "; got "
                        + maxAge);
            }
            if (maxPerJob < 0) {
                throw new IllegalArgumentException("maxPerJob must be >= 0 (0 keeps every run); got " + maxPerJob);
            }
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("interval must be at least 1 ms; got " + interval);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1; got " + batchSize);
            }
        }

        public static Policy defaults() {
            return new Policy(DEFAULT_MAX_AGE, DEFAULT_MAX_PER_JOB, DEFAULT_INTERVAL, DEFAULT_BATCH_SIZE);
        }

        /** Whether anything is ever deleted. */
        public boolean prunes() {
            return maxAge != null || maxPerJob > 0;
        }
    }

    private final SqlSessionFactory sessions;
    private final Policy policy;
    private final Clock clock;
    private final Counter deleted;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "firelane-run-retention");
        t.setDaemon(true);
        return t;
    });

    public RunRetention(SqlSessionFactory sessions, Policy policy, Clock clock, MeterRegistry registry) {
        this.sessions = sessions;
        this.policy = policy;
        this.clock = clock;
        this.deleted = Counter.builder(MeterNames.RUNS_PRUNED)
                .description("finished runs deleted from the run history by the retention policy")
                .register(registry);
    }

    public void start() {
        if (!policy.prunes()) {
            log.info("run history retention off: every run is kept");
            return;
        }
        log.info("run history retention: finished runs older than {} and all but the newest {} runs per job, every {}",
                policy.maxAge() == null ? "(never)" : policy.maxAge(), policy.maxPerJob() == 0 ? "(all)" : policy.maxPerJob(),
                policy.interval());
        long every = policy.interval().toMillis();
        thread.scheduleWithFixedDelay(this::guardedPass, every, every, TimeUnit.MILLISECONDS);
    }

    private void guardedPass() {
        try {
            pass();
        } catch (RuntimeException e) {
            log.warn("run history retention pass failed; trying again in {}: {}", policy.interval(), e.toString());
        }
    }

    /** One pass: deletes what the policy no longer keeps; returns how many runs went. */
    public long pass() {
        long count = 0;
        if (policy.maxAge() != null) {
            Instant cutoff = clock.instant().minus(policy.maxAge());
            count += repeat(m -> m.deleteFinishedBefore(cutoff, policy.batchSize()));
        }
        if (policy.maxPerJob() > 0) {
            for (String jobId : read(m -> m.jobsOver(policy.maxPerJob(), policy.batchSize()))) {
                Instant cutoff = read(m -> m.newestAfterSkipping(jobId, policy.maxPerJob() - 1));
                if (cutoff != null) {
                    count += repeat(m -> m.deleteFinishedOfJobBefore(jobId, cutoff, policy.batchSize()));
                }
            }
        }
        if (count > 0) {
            deleted.increment(count);
            log.info("run history retention deleted {} finished runs", count);
        }
        return count;
    }

    /** Runs a delete until it deletes less than a batch, each in its own transaction. */
    private long repeat(java.util.function.ToIntFunction<RetentionMapper> delete) {
        long total = 0;
        int n;
        do {
            try (SqlSession session = sessions.openSession(true)) {
                n = delete.applyAsInt(session.getMapper(RetentionMapper.class));
            }
            total += n;
        } while (n >= policy.batchSize() && !Thread.currentThread().isInterrupted());
        return total;
    }

    private <T> T read(java.util.function.Function<RetentionMapper, T> query) {
        try (SqlSession session = sessions.openSession(true)) {
            return query.apply(session.getMapper(RetentionMapper.class));
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
