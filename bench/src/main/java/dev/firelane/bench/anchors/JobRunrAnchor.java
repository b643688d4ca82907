package dev.firelane.bench.anchors;

import static org.jobrunr.scheduling.JobBuilder.aJob;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration.JobRunrConfigurationResult;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.JobRunrMetadata;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.mariadb.MariaDbStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

/**
 * JobRunr OSS through its fluent {@code JobRunr.configure()}: the MariaDB SQL storage provider (it creates its own
 * tables), the Jackson JSON mapper, a background job server with {@code threads} workers and the shortest poll
 * interval OSS allows, {@value #POLL_SECONDS} s (its storage providers refuse less: "otherwise it will cause too
 * much load on your SQL/noSQL datastore"; the default is 15 s). Everything else is JobRunr's default.
 *
 * <p>How that shapes the figures: once per poll interval JobRunr moves every scheduled job due before
 * <em>now + poll interval</em> to the enqueued state, and, on its own tick of the same period, hands enqueued jobs
 * to idle workers, which then keep pulling more as they finish. So the first job due at T starts up to about one
 * poll interval after T (seen: 1.9 s and 4.8 s), or, if the two ticks fall just before T, a little before it
 * (negative lateness). That is JobRunr's real behaviour and is reported as is.
 *
 * <p>Jobs go in by {@code JobScheduler.create(Stream<JobBuilder>)}, which JobRunr saves in batches of 5,000.
 * The job is {@code (JobRunrNoOp job) -> job.run(index)}; the {@link JobActivator} hands JobRunr our instance, so
 * the job reaches the recorder without a static. ({@code JobRunr.configure()} itself keeps JobRunr's own static
 * configuration; {@link #close} destroys it so that a next run in the same JVM starts clean.)
 *
 * <p>With mysql-connector-j, MariaDB reports itself as "MySQL", so JobRunr's MariaDB dialect does not use
 * {@code skip locked} when fetching enqueued jobs and relies on its optimistic locking; with one server there is
 * no contention either way.
 */
final class JobRunrAnchor implements Anchor {
    static final String NAME = "jobrunr";
    static final int POLL_SECONDS = 5;
    /** The version bench/pom.xml asks for; the smoke test checks it against the jar's manifest. */
    static final String DECLARED_VERSION = "8.7.0";

    private final DataSource dataSource;
    private final int threads;
    private final Executions executions;
    private StorageProvider storage;
    private JobRunrConfigurationResult jobRunr;

    JobRunrAnchor(DataSource dataSource, int threads, Executions executions) {
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
        // JobRunr is built with Gradle: no pom.properties, and the shaded jar drops its manifest
        return LibraryVersion.of(JobRunr.class, "org.jobrunr", "jobrunr", DECLARED_VERSION);
    }

    @Override
    public String settings() {
        return "MariaDbStorageProvider, JacksonJsonMapper, workers=" + threads + ", pollInterval=" + POLL_SECONDS
                + "s (OSS minimum), create(Stream<JobBuilder>) (batches of 5000)";
    }

    /**
     * The MariaDB storage provider runs JobRunr's own migrations as it is made. The {@code database_version}
     * marker is what the first server start writes on an empty database: without it, the first start finds the
     * stored jobs and "migrates" (re-saves) every scheduled one from v5 to v6, a one-time upgrade step that a
     * cluster that has run before never takes, and that would land in the measured window.
     */
    @Override
    public void createSchema(DataSource schemaSource) {
        storage = new MariaDbStorageProvider(schemaSource);
        storage.saveMetadata(new JobRunrMetadata("database_version", "cluster", "6.0.0"));
    }

    /** Its first poll of scheduled jobs comes up to a poll interval after the start (seen: 1 s, and 6 s). */
    @Override
    public Duration startUp() {
        return Duration.ofSeconds(POLL_SECONDS + 2);
    }

    @Override
    public void schedule(int jobs, Instant due) {
        configured().getJobScheduler().create(IntStream.range(0, jobs).mapToObj(index -> aJob()
                .scheduleAt(due)
                .<JobRunrNoOp>withDetails(job -> job.run(index))));
    }

    @Override
    public void start() {
        configured().getBackgroundJobServer().start();
    }

    @Override
    public void close() {
        if (jobRunr != null) {
            JobRunr.destroy(); // stops the server and closes the storage provider
        } else if (storage != null) {
            storage.close();
        }
    }

    private JobRunrConfigurationResult configured() {
        if (jobRunr == null) {
            if (storage == null) {
                createSchema(dataSource);
            }
            JobRunrNoOp noOp = new JobRunrNoOp(executions);
            JobActivator activator = new JobActivator() {
                @Override
                public <T> T activateJob(Class<T> type) {
                    if (type != JobRunrNoOp.class) {
                        throw new IllegalArgumentException("no job of type " + type);
                    }
                    return type.cast(noOp);
                }
            };
            BackgroundJobServerConfiguration server = BackgroundJobServerConfiguration
                    .usingStandardBackgroundJobServerConfiguration()
                    .andWorkerCount(threads)
                    .andPollInterval(Duration.ofSeconds(POLL_SECONDS));
            jobRunr = JobRunr.configure()
                    .useJsonMapper(new JacksonJsonMapper())
                    .useJobActivator(activator)
                    .useStorageProvider(storage)
                    .useBackgroundJobServer(server, false) // started by start(), after the jobs are stored
                    .initialize();
        }
        return jobRunr;
    }
}
