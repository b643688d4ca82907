package dev.firelane.bench.anchors;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.MySQL8JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * db-scheduler, tuned as its README says for more than 1,000 executions/s: the {@code lock-and-fetch} polling
 * strategy ({@code select … for update skip locked}, 0.5 and 1.0 of the threads as the low and high water marks),
 * {@code threads} executor threads, and a 100 ms polling interval (the interval only matters while the queue is
 * empty, i.e. how soon after T the first fetch happens; once executions flow, a fetch is triggered each time the
 * queue falls to half the threads).
 *
 * <p>The JDBC customization is set to {@link MySQL8JdbcCustomization}, the one customization of 16.12 that allows
 * lock-and-fetch on this database family: its MariaDB customization declares no {@code skip locked} support,
 * and autodetection through mysql-connector-j sees "MySQL" version 5 (MariaDB 10.x's "5.5.5-" prefix) and picks
 * the pre-8 MySQL one, which has none either. MariaDB has had {@code skip locked} since 10.6. Timestamps are
 * persisted in UTC, as db-scheduler recommends for the zone-less {@code timestamp}.
 *
 * <p>Jobs go in by {@code scheduleBatch}, one JDBC batch of {@value #BATCH} per call (a multi-row insert with
 * {@code rewriteBatchedStatements=true}). The task instance id is the job index, so there is no task data to
 * serialize.
 */
final class DbSchedulerAnchor implements Anchor {
    static final String NAME = "db-scheduler";
    static final Duration POLLING_INTERVAL = Duration.ofMillis(100);
    private static final int BATCH = 1000;
    /** The {@code scheduled_tasks} table of db-scheduler's MySQL/MariaDB schema, in the current database. */
    private static final String DDL = """
            create table scheduled_tasks (
              task_name varchar(100) not null,
              task_instance varchar(100) not null,
              task_data blob,
              execution_time timestamp(6) not null,
              picked boolean not null,
              picked_by varchar(50),
              last_success timestamp(6) null,
              last_failure timestamp(6) null,
              consecutive_failures int,
              last_heartbeat timestamp(6) null,
              version bigint not null,
              priority smallint,
              primary key (task_name, task_instance),
              index execution_time_idx (execution_time),
              index last_heartbeat_idx (last_heartbeat),
              index priority_execution_time_idx (priority desc, execution_time asc)
            )""";

    private final DataSource dataSource;
    private final int threads;
    private final OneTimeTask<Void> noOp;
    private Scheduler scheduler;

    DbSchedulerAnchor(DataSource dataSource, int threads, Executions executions) {
        this.dataSource = dataSource;
        this.threads = threads;
        this.noOp = Tasks.oneTime("noop").execute((instance, context) ->
                executions.record(Integer.parseInt(instance.getId())));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return LibraryVersion.of(Scheduler.class, "com.github.kagkarlsson", "db-scheduler", "16.12.0");
    }

    @Override
    public String settings() {
        return "lock-and-fetch(0.5, 1.0), threads=" + threads + ", pollingInterval=" + POLLING_INTERVAL.toMillis()
                + "ms, MySQL8JdbcCustomization(UTC), scheduleBatch of " + BATCH;
    }

    @Override
    public void createSchema(DataSource schemaSource) throws SQLException {
        try (Connection c = schemaSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(DDL);
        }
    }

    @Override
    public void schedule(int jobs, Instant due) {
        Scheduler built = scheduler();
        List<TaskInstance<?>> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < jobs; i++) {
            batch.add(noOp.instance(Integer.toString(i)));
            if (batch.size() == BATCH || i == jobs - 1) {
                built.scheduleBatch(batch, due);
                batch.clear();
            }
        }
    }

    @Override
    public void start() {
        scheduler().start();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }

    /** Built on first use; an unstarted scheduler is also the client that stores the jobs. */
    private Scheduler scheduler() {
        if (scheduler == null) {
            scheduler = Scheduler.create(dataSource, noOp)
                    .threads(threads)
                    .pollingInterval(POLLING_INTERVAL)
                    .pollUsingLockAndFetch(0.5, 1.0)
                    .jdbcCustomization(new MySQL8JdbcCustomization(true))
                    .schedulerName(new SchedulerName.Fixed("bench"))
                    .build();
        }
        return scheduler;
    }
}
