package dev.firelane.bench.anchors;

import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * One scheduler of the side-by-side benchmark, driven in four steps: {@link #createSchema}, {@link #schedule}
 * (the scheduler is not executing yet), {@link #start} (before the jobs are due), {@link #close}. Its jobs are
 * no-ops that report their start to the {@link Executions} it was made with.
 */
public interface Anchor extends AutoCloseable {
    /** As in {@code --scheduler}: {@code db-scheduler}, {@code jobrunr}, {@code quartz}. */
    String name();

    /** The library's version, as on the class path. */
    String version();

    /** The tuning used, in one short line. */
    String settings();

    /**
     * How long after {@link #start} the scheduler can first run a due job (its start-up and first poll). A run
     * whose T leaves less than this after the start is warned about: its lateness would be the start-up's.
     */
    default Duration startUp() {
        return Duration.ZERO;
    }

    /**
     * The default time from the start of scheduling to T for {@code jobs} jobs: enough for the bulk path to store
     * them on a small machine, plus {@link #startUp}. This default: max(10 s, jobs/2000 s).
     */
    default Duration defaultLead(int jobs) {
        return Duration.ofMillis(Math.max(10_000L, jobs / 2L)).plus(startUp());
    }

    /** Creates the scheduler's tables in the (empty) database behind {@code dataSource}. */
    void createSchema(DataSource dataSource) throws Exception;

    /** Stores {@code jobs} one-time jobs, indexed 0..jobs-1, all due at {@code due}, by the library's bulk path. */
    void schedule(int jobs, Instant due) throws Exception;

    /** Starts executing due jobs. */
    void start() throws Exception;

    /** Stops executing and lets go of every thread; leaves the database as it is. */
    @Override
    void close() throws Exception;
}
