package dev.firelane.bench.side;

import dev.firelane.bench.fleet.Child;
import dev.firelane.bench.fleet.Fleet;
import dev.firelane.bench.fleet.FleetSpec;
import dev.firelane.bench.fleet.ProcStats;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Firelane's side of the side-by-side run: the production shape (a standalone broker, a coordinator, N
 * workers, MariaDB), {@code jobs} no-op {@code at} jobs created through the bulk API, all due at one instant.
 * An execution counts once its outcome is applied in MariaDB by the status stream, the figure a user reads.
 */
final class FirelaneAtOnce {
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final String COMPLETIONS_APPLIED = "firelane_status_events_applied_total{type=\"Completed\"";

    private final FleetSpec spec;
    private final int jobs;
    private final int warmup;
    private final Duration lead;
    private final PrintStream progress;
    private final Clock clock;
    private BulkCreate.Timing creation;

    /** {@code clock}: the wall clock the fleet's processes share (the due time is an instant of theirs). */
    FirelaneAtOnce(FleetSpec spec, int jobs, int warmup, Duration lead, PrintStream progress, Clock clock) {
        this.spec = spec;
        this.jobs = jobs;
        this.warmup = warmup;
        this.lead = lead;
        this.progress = progress;
        this.clock = clock;
    }

    /** How long the jobs took to create through the bulk API (known after {@link #run}). */
    BulkCreate.Timing creation() {
        return creation;
    }

    Row run() throws SQLException {
        try (Fleet fleet = Fleet.start(spec)) {
            long appliedBefore = warmUp(fleet);
            Instant due = clock.instant().plus(lead);
            String at = due.toString();
            creation = BulkCreate.create(fleet.api(), jobs, i -> "{\"id\":\"at-" + i
                    + "\",\"scheduleKind\":\"at\",\"schedule\":\"" + at + "\",\"handler\":\"noop\"}");
            progress.printf("firelane: created %,d jobs in %.1f s (%,.0f jobs/s through POST /api/jobs/bulk)%n",
                    jobs, creation.seconds(), creation.perSecond());
            String warning = clock.instant().isAfter(due) ? "the jobs were created after their due time; raise --lead" : null;
            List<Child> processes = processes(fleet);
            long db = ProcStats.databaseServerPid().orElse(-1L);
            awaitInstant(clock, due);
            double[] cpuAtDue = processes.stream().mapToDouble(Child::cpuSeconds).toArray();
            double dbAtDue = db < 0 ? -1 : ProcStats.cpuSeconds(db);
            try (Connection c = fleet.connect()) {
                Instant done = awaitApplied(fleet, c, due, appliedBefore);
                double jvmCpu = 0;
                StringBuilder perProcess = new StringBuilder();
                for (int i = 0; i < processes.size(); i++) {
                    double used = processes.get(i).cpuSeconds() - cpuAtDue[i];
                    jvmCpu += used;
                    perProcess.append(i == 0 ? "" : ", ").append(processes.get(i).name()).append(String.format(" %.0f s", used));
                }
                progress.printf("firelane: CPU from the due time to the last outcome applied: %s, MariaDB %.0f s%n",
                        perProcess, db < 0 ? Double.NaN : ProcStats.cpuSeconds(db) - dbAtDue);
                printStatusStream(fleet);
                double dbCpu = db < 0 ? -1 : ProcStats.cpuSeconds(db) - dbAtDue;
                long executed = count(c, "SELECT COUNT(*) FROM job_runs WHERE outcome = 'ok' AND job_id LIKE 'at-%'");
                long runs = count(c, "SELECT COUNT(*) FROM job_runs WHERE job_id LIKE 'at-%'");
                if (runs != jobs) {
                    warning = (warning == null ? "" : warning + "; ") + runs + " runs for " + jobs + " jobs";
                }
                return new Row("Firelane", settings(), jobs, executed, Duration.between(due, done).toMillis() / 1000.0,
                        startLateness(c), jvmCpu, dbCpu, memory(fleet), warning);
            }
        }
    }

    /** Where the status stream's time went: its batches and transactions. */
    private void printStatusStream(Fleet fleet) {
        double batches = fleet.api().metric("firelane_status_batch_events_count").orElse(0);
        double events = fleet.api().metric("firelane_status_batch_events_sum").orElse(0);
        double transactions = fleet.api().metric("firelane_status_apply_latency_seconds_count").orElse(0);
        double inTransactions = fleet.api().metric("firelane_status_apply_latency_seconds_sum").orElse(0);
        progress.printf("firelane: the status stream applied %,.0f events in %,.0f batches (%,.0f per batch), "
                + "%,.1f s in %,.0f transactions%n", events, batches, events / Math.max(1, batches), inTransactions,
                transactions);
    }

    private String settings() {
        return String.format("broker + coordinator + %d workers × %d slots, %d partitions, status stream batches",
                spec.workers(), spec.workerConcurrency(), spec.partitions());
    }

    /**
     * Waits until every run's outcome is in MariaDB. Progress is read from the status stream's counter of
     * completions applied (cheap, counted after each commit); counting rows is a scan of {@code job_runs}, so
     * the database is asked only once the counter says all are there.
     */
    /**
     * The warm-up round: {@link #warmup} jobs {@code warm-i}, due a few seconds after they are created, run to the
     * end like the measured ones, so that the JIT compiler has compiled the paths the measured run takes. Returns
     * the completions applied so far (the measured run's count starts from it).
     */
    private long warmUp(Fleet fleet) throws SQLException {
        if (warmup == 0) {
            return 0;
        }
        Instant due = clock.instant().plus(Duration.ofSeconds(10 + warmup / 1_000));
        String at = due.toString();
        BulkCreate.create(fleet.api(), warmup, i -> "{\"id\":\"warm-" + i
                + "\",\"scheduleKind\":\"at\",\"schedule\":\"" + at + "\",\"handler\":\"noop\"}");
        progress.printf("firelane: warm-up round of %,d jobs%n", warmup);
        try (Connection c = fleet.connect()) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (count(c, "SELECT COUNT(*) FROM job_runs WHERE finished_at IS NOT NULL AND job_id LIKE 'warm-%'") < warmup) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the warm-up round did not finish within " + TIMEOUT.toMinutes() + " min");
                }
                LockSupport.parkNanos(POLL_NANOS * 10);
            }
        }
        return (long) fleet.api().metric(COMPLETIONS_APPLIED).orElse(0);
    }

    private Instant awaitApplied(Fleet fleet, Connection c, Instant due, long appliedBefore) throws SQLException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long nextProgress = System.nanoTime() + PROGRESS_NANOS;
        long applied = 0;
        while (System.nanoTime() < deadline) {
            applied = (long) fleet.api().metric(COMPLETIONS_APPLIED).orElse(0) - appliedBefore;
            if (applied >= jobs && count(c, "SELECT COUNT(*) FROM job_runs WHERE finished_at IS NOT NULL AND job_id LIKE 'at-%'") >= jobs) {
                return clock.instant();
            }
            if (System.nanoTime() >= nextProgress) {
                double since = Math.max(0.001, Duration.between(due, clock.instant()).toMillis() / 1000.0);
                progress.printf("firelane: %,d/%,d executed and applied in MariaDB, %,.0f/s%n", applied, jobs, applied / since);
                nextProgress += PROGRESS_NANOS;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        throw new IllegalStateException("only " + applied + " of " + jobs + " runs applied within " + TIMEOUT.toMinutes() + " min");
    }

    private static Percentiles startLateness(Connection c) throws SQLException {
        List<Double> late = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT TIMESTAMPDIFF(MICROSECOND, scheduled_at, started_at) FROM job_runs"
                     + " WHERE started_at IS NOT NULL AND job_id LIKE 'at-%'")) {
            while (rs.next()) {
                late.add(rs.getLong(1) / 1000.0);
            }
        }
        return Percentiles.of(late.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Child> processes(Fleet fleet) {
        List<Child> all = new ArrayList<>(fleet.workers());
        all.add(fleet.coordinator());
        all.add(fleet.broker());
        return all;
    }

    private static String memory(Fleet fleet) {
        StringBuilder words = new StringBuilder("peak RSS: coordinator " + mib(fleet.coordinator().peakRssBytes()));
        for (Child worker : fleet.workers()) {
            words.append(", ").append(worker.name()).append(' ').append(mib(worker.peakRssBytes()));
        }
        return words.append(", broker ").append(mib(fleet.broker().peakRssBytes())).toString();
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%,d MiB", bytes / (1024 * 1024));
    }

    static void awaitInstant(Clock clock, Instant instant) {
        for (long nanos; (nanos = Duration.between(clock.instant(), instant).toNanos()) > 0; ) {
            LockSupport.parkNanos(nanos);
        }
    }
}
