package dev.firelane.bench.anchors;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of one anchor: a fresh database, N no-op jobs stored while the scheduler is not executing, all due at
 * T = (start of scheduling) + lead, rounded up to a whole second, then executed until every job has started once
 * (or the timeout, counted from T). The same code serves {@link AnchorMain} and the smoke test.
 */
public final class AnchorRun {
    /** Pool connections beyond the scheduler's threads, for its poller, heartbeats and housekeeping. */
    static final int EXTRA_CONNECTIONS = 4;
    /** Printed when the jobs fall due and after the last execution started. */
    public static final String PHASE_DUE = "PHASE due";
    public static final String PHASE_DONE = "PHASE done";

    private final AnchorOptions options;
    private final String database;
    private final Clock clock;
    private final PrintStream log;

    /** {@code log}: where the progress lines and warnings go (standard error for {@link AnchorMain}). */
    AnchorRun(AnchorOptions options, String database, Clock clock, PrintStream log) {
        this.options = options;
        this.database = database;
        this.clock = clock;
        this.log = log;
    }

    AnchorResult run() throws Exception {
        Databases databases = new Databases(options.server(), options.user(), options.password());
        databases.reset(database);
        Executions executions = new Executions(options.jobs(), clock, ProcessCpu::nanos);
        int poolSize = options.threads() + EXTRA_CONNECTIONS;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "anchor-timer");
            thread.setDaemon(true);
            return thread;
        });
        try (HikariDataSource dataSource = databases.pool(database, poolSize);
             Anchor anchor = Anchors.create(options.scheduler(), dataSource, options.threads(), executions)) {
            anchor.createSchema(dataSource);
            List<String> warnings = new ArrayList<>();
            Duration lead = options.lead() != null ? options.lead() : anchor.defaultLead(options.jobs());
            Instant scheduling = clock.instant();
            Instant due = wholeSecondAfter(scheduling.plus(lead));
            anchor.schedule(options.jobs(), due);
            Instant scheduled = clock.instant();
            if (scheduled.isAfter(due)) {
                warn(warnings, String.format("scheduling ended %.1f s after T: raise --lead",
                        seconds(Duration.between(due, scheduled))));
            }
            AtomicLong cpuAtDue = new AtomicLong(-1);
            timer.schedule(() -> {
                cpuAtDue.set(ProcessCpu.nanos());
                // the side-by-side run reads the database server's CPU between these two lines
                log.println(PHASE_DUE);
            }, untilNow(due).toMillis(), TimeUnit.MILLISECONDS);
            anchor.start();
            Duration startedBeforeDue = Duration.between(clock.instant(), due);
            if (!scheduled.isAfter(due) && startedBeforeDue.compareTo(anchor.startUp()) < 0) {
                warn(warnings, String.format("only %.1f s from the start to T, less than its %.1f s start-up: "
                        + "raise --lead", seconds(startedBeforeDue), seconds(anchor.startUp())));
            }
            timer.scheduleAtFixedRate(new Progress(anchor.name(), executions, due, clock, log), 1, 1, TimeUnit.SECONDS);
            boolean all = executions.awaitAll(untilNow(due).plus(options.timeout()));
            log.println(PHASE_DONE);
            long cpuAtEnd = all ? executions.cpuAtLastStart() : ProcessCpu.nanos();
            if (!all) {
                warn(warnings, String.format("timed out %d s after T with %,d of %,d jobs not started",
                        options.timeout().toSeconds(), options.jobs() - executions.executed(), options.jobs()));
            }
            if (executions.duplicates() > 0) {
                warn(warnings, String.format("%,d duplicate executions", executions.duplicates()));
            }
            return result(anchor, executions, due, Duration.between(scheduling, scheduled), cpuAtDue.get(), cpuAtEnd,
                    poolSize, warnings);
        } finally {
            timer.shutdownNow();
        }
    }

    private AnchorResult result(Anchor anchor, Executions executions, Instant due, Duration scheduling, long cpuAtDue,
                                long cpuAtEnd, int poolSize, List<String> warnings) {
        double[] late = executions.latenessMillis(due);
        double first = late.length == 0 ? Double.NaN : late[0];
        double last = late.length == 0 ? Double.NaN : late[late.length - 1];
        // a scheduler that starts jobs before T (JobRunr) is measured from its first start
        boolean early = first < 0;
        double window = (last - Math.min(0, first)) / 1000.0;
        long cpuAtStart = early ? executions.cpuAtFirstStart() : cpuAtDue;
        double cpu = cpuAtStart < 0 || cpuAtEnd < 0 ? Double.NaN : (cpuAtEnd - cpuAtStart) / 1e9;
        return new AnchorResult(anchor.name(), anchor.version(), options.jobs(), executions.executed(),
                executions.duplicates(), options.threads(), seconds(scheduling), window,
                window > 0 ? late.length / window : Double.NaN,
                Executions.percentile(late, 0.50), Executions.percentile(late, 0.99), last, first, cpu,
                anchor.settings() + ", HikariCP pool of " + poolSize,
                warnings.isEmpty() ? null : String.join("; ", warnings));
    }

    private void warn(List<String> warnings, String warning) {
        warnings.add(warning);
        log.println("WARNING: " + warning);
    }

    /**
     * T on a whole second. mysql-connector-j drops fractional seconds when talking to MariaDB 10.x (the server's
     * "5.5.5-" version prefix reads as a MySQL without them), so a scheduler keeping T in a TIMESTAMP(6) column
     * would store it truncated and fire up to a second early; a whole second is stored exactly by all three.
     */
    private static Instant wholeSecondAfter(Instant instant) {
        Instant second = instant.truncatedTo(ChronoUnit.SECONDS);
        return second.equals(instant) ? second : second.plusSeconds(1);
    }

    /** From now until {@code instant}, or zero if it has passed. */
    private Duration untilNow(Instant instant) {
        Duration left = Duration.between(clock.instant(), instant);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
