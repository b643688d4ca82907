package dev.firelane.bench.anchors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz with its JDBC job store, tuned as its configuration reference says for throughput: {@code JobStoreTX}
 * with {@code StdJDBCDelegate}, {@code threads} worker threads, batch trigger acquisition of up to {@code threads}
 * triggers at a time ({@code acquireTriggersWithinLock=true}, which batching needs), and a fire-ahead window of
 * 0 ms: our triggers are all due at one instant, so any window fills whole batches, and 0 never lets Quartz fire
 * a trigger early. The store is clustered (database row locks), like db-scheduler and JobRunr, which are safe
 * with more than one node; a non-clustered Quartz would take its locks in memory.
 *
 * <p>The misfire threshold is a day: Quartz's acquisition skips triggers more than the threshold overdue and
 * leaves them to its misfire handler, so with the default 60 s a backlog longer than a minute would be fired by
 * the (slow, 20-at-a-time) misfire path instead. Each trigger also says "fire now" on misfire, in case.
 *
 * <p>Jobs go in by {@code scheduleJobs} with maps of {@value #BATCH} job+trigger pairs (one transaction each;
 * Quartz inserts row by row). The job name is the job index. A {@code JobFactory} hands Quartz a job bound to the
 * recorder. Quartz only finds connection providers by name in its own registry ({@link DBConnectionManager}, a
 * Quartz static): registering the run's pool there is its hook for a DataSource it did not create.
 */
final class QuartzAnchor implements Anchor {
    static final String NAME = "quartz";
    static final Duration MISFIRE_THRESHOLD = Duration.ofDays(1);
    private static final int BATCH = 1000;
    private static final String SCRIPT = "/org/quartz/impl/jdbcjobstore/tables_mysql_innodb.sql";
    private static final String DATA_SOURCE = "bench-quartz";

    private final DataSource dataSource;
    private final int threads;
    private final Executions executions;
    private Scheduler scheduler;

    QuartzAnchor(DataSource dataSource, int threads, Executions executions) {
        this.dataSource = dataSource;
        this.threads = threads;
        this.executions = executions;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return LibraryVersion.of(Scheduler.class, "org.quartz-scheduler", "quartz", "2.5.2");
    }

    @Override
    public String settings() {
        return "JobStoreTX+StdJDBCDelegate, clustered, threadCount=" + threads + ", batchTriggerAcquisitionMaxCount="
                + threads + ", fireAheadTimeWindow=0ms, acquireTriggersWithinLock, misfireThreshold=1d (fire now), "
                + "scheduleJobs maps of " + BATCH;
    }

    /**
     * Quartz stores a job row, a trigger row and a simple-trigger row per job, one statement at a time: about
     * 600 jobs/s on a 2-core machine, so the lead is max(10 s, N/400 s).
     */
    @Override
    public Duration defaultLead(int jobs) {
        return Duration.ofMillis(Math.max(10_000L, jobs * 1000L / 400));
    }

    /** Quartz's own MySQL InnoDB script, from the quartz jar. */
    @Override
    public void createSchema(DataSource schemaSource) throws IOException, SQLException {
        String script;
        try (InputStream in = StdSchedulerFactory.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is not in the quartz jar");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = schemaSource.getConnection(); Statement st = c.createStatement()) {
            for (String sql : SqlScript.statements(script)) {
                st.execute(sql);
            }
        }
    }

    @Override
    public void schedule(int jobs, Instant due) throws SchedulerException {
        Scheduler built = scheduler();
        Date at = Date.from(due);
        Map<JobDetail, Set<? extends Trigger>> batch = new LinkedHashMap<>();
        for (int i = 0; i < jobs; i++) {
            JobDetail job = JobBuilder.newJob(QuartzNoOp.class).withIdentity(Integer.toString(i)).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(Integer.toString(i)).forJob(job).startAt(at)
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                    .build();
            batch.put(job, Set.of(trigger));
            if (batch.size() == BATCH || i == jobs - 1) {
                built.scheduleJobs(batch, false);
                batch.clear();
            }
        }
    }

    @Override
    public void start() throws SchedulerException {
        scheduler().start();
    }

    @Override
    public void close() throws SchedulerException {
        if (scheduler != null) {
            scheduler.shutdown(true);
        }
    }

    /** Made on first use, in standby: it stores jobs but fires nothing until {@link #start}. */
    private Scheduler scheduler() throws SchedulerException {
        if (scheduler == null) {
            DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new PoolProvider(dataSource));
            scheduler = new StdSchedulerFactory(properties()).getScheduler();
            scheduler.setJobFactory((bundle, owner) -> new QuartzNoOp(executions));
        }
        return scheduler;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "bench");
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(threads));
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow", "0");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD.toMillis()));
        return p;
    }

    /** The run's pool as a Quartz connection provider; the run closes the pool, so Quartz's shutdown leaves it. */
    private record PoolProvider(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
