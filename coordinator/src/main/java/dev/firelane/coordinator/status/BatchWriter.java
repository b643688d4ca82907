package dev.firelane.coordinator.status;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.ibatis.executor.BatchResult;
import org.apache.ibatis.session.SqlSession;

/**
 * Writes what a batch decided through MyBatis' batch executor: per job its statements in order, the
 * statements of all jobs interleaved in waves (the first statement of every job, then the second, …) and
 * sorted by kind within a wave, so that each kind of statement goes to the database as one JDBC batch
 * (one round trip with {@code rewriteBatchedStatements=true}); then the run rows, then the audit rows. On
 * MySQL and MariaDB the telemetry updates of a wave, and each kind of its status changes (pause, delete,
 * complete, fail), and the inserts of new jobs, become one statement per {@link #JOBS_PER_STATEMENT} jobs: one
 * parse and one execution instead of one per job; so do the {@code job_runs} inserts, and updates, and the audit rows.
 *
 * <p>Every statement must match exactly the rows it names. The counts come from
 * {@link SqlSession#flushStatements()}; a statement that matched fewer means the batch read the database wrong
 * (another writer changed a row it holds), and the whole batch is rolled back and retried.
 */
final class BatchWriter {
    /**
     * Rows per statement: a default-size batch writes each kind of row in one statement. Connector/J sends a JDBC
     * batch of more than three statements of one kind as one multi-statement text query, escaping the JSON parameters
     * into it character by character (with {@code rewriteBatchedStatements=true}, which the single-row writes still
     * want); one to three go as server-side prepared statements, their parameters as they are. With 1,000 rows a
     * statement, that escaping was a fifth of the status stream's CPU under load.
     */
    static final int JOBS_PER_STATEMENT = StatusStreamConfig.DEFAULT_MAX_BATCH_EVENTS;

    /** A statement issued and the rows it must match. */
    private record Issued(Object what, int rows) {
    }

    private BatchWriter() {
    }

    /** Issues every write of {@code batch}, flushes them and checks their counts. */
    static void write(Batch batch, SqlSession session) {
        Mappers m = Mappers.of(session);
        boolean bulk = m.json();
        List<Issued> issued = new ArrayList<>();
        List<JobWrite.Grouped> group = new ArrayList<>();
        for (JobWrite write : ordered(batch)) {
            if (bulk && write instanceof JobWrite.Grouped grouped) {
                if (!group.isEmpty() && group.get(0).getClass() != write.getClass()) {
                    issueGroup(group, m, issued);
                }
                group.add(grouped);
                if (group.size() == JOBS_PER_STATEMENT) {
                    issueGroup(group, m, issued);
                }
                continue;
            }
            issueGroup(group, m, issued);
            write.issue(m.jobs());
            issued.add(new Issued(write, 1));
        }
        issueGroup(group, m, issued);
        issueRuns(batch, m, bulk, issued);
        List<CommandRow> commands = batch.newCommands();
        if (bulk) {
            issueChunks("insert of audit rows", commands, CommandRow::commandId, m.commands()::insertAll, issued);
        } else {
            for (CommandRow command : commands) {
                m.commands().insert(command);
                issued.add(new Issued(command, 1));
            }
        }
        check(session.flushStatements(), issued);
    }

    /**
     * The {@code job_runs} writes: one per fire at most, so their order does not matter. On MySQL and MariaDB the
     * inserts, and the updates, go as one statement per {@link #JOBS_PER_STATEMENT} rows.
     */
    private static void issueRuns(Batch batch, Mappers m, boolean bulk, List<Issued> issued) {
        List<RunRow> inserts = new ArrayList<>();
        List<RunRow> updates = new ArrayList<>();
        for (RunModel run : batch.runs()) {
            RunWrite write = run.write();
            if (write == null) {
                continue;
            }
            if (bulk && write.kind() == RunWrite.Kind.INSERT) {
                inserts.add(write.row());
            } else if (bulk && write.kind() == RunWrite.Kind.UPDATE) {
                updates.add(write.row());
            } else {
                write.issue(m.runs());
                issued.add(new Issued(write, 1));
            }
        }
        issueChunks("insert of runs", inserts, RunRow::fireId, m.runs()::insertAll, issued);
        issueChunks("update of runs", updates, RunRow::fireId, m.runs()::updateAll, issued);
    }

    /** {@code rows} as statements of {@link #JOBS_PER_STATEMENT} rows each, every one of which must match all its rows. */
    private static <T> void issueChunks(String what, List<T> rows, Function<T, String> id, Consumer<List<T>> statement,
                                        List<Issued> issued) {
        for (int from = 0; from < rows.size(); from += JOBS_PER_STATEMENT) {
            List<T> chunk = rows.subList(from, Math.min(rows.size(), from + JOBS_PER_STATEMENT));
            statement.accept(chunk);
            issued.add(new Issued(what + ": " + chunk.size() + " from " + id.apply(chunk.get(0)), chunk.size()));
        }
    }

    /** One statement for the writes of one kind of as many jobs (telemetry, or one status change). */
    private static void issueGroup(List<JobWrite.Grouped> group, Mappers m, List<Issued> issued) {
        if (group.isEmpty()) {
            return;
        }
        JobWrite.Grouped first = group.get(0);
        first.issueAll(m.jobs(), group);
        issued.add(new Issued(first.getClass().getSimpleName() + " of " + group.size() + " jobs from " + first.id(),
                group.size()));
        group.clear();
    }

    /** The job statements, each job's in its order, in waves sorted by kind. */
    static List<JobWrite> ordered(Batch batch) {
        List<List<JobWrite>> perJob = new ArrayList<>();
        int waves = 0;
        for (JobModel job : batch.jobs()) {
            List<JobWrite> writes = job.writes();
            if (!writes.isEmpty()) {
                perJob.add(writes);
                waves = Math.max(waves, writes.size());
            }
        }
        List<JobWrite> ordered = new ArrayList<>();
        for (int n = 0; n < waves; n++) {
            List<JobWrite> wave = new ArrayList<>();
            for (List<JobWrite> writes : perJob) {
                if (n < writes.size()) {
                    wave.add(writes.get(n));
                }
            }
            wave.sort(Comparator.comparingInt(JobWrite::kind));
            ordered.addAll(wave);
        }
        return ordered;
    }

    private static void check(List<BatchResult> results, List<Issued> issued) {
        int i = 0;
        for (BatchResult result : results) {
            for (int count : result.getUpdateCounts()) {
                Issued statement = issued.get(i);
                // a rewritten multi-row INSERT reports no per-row count; a failed one throws
                if (count != statement.rows() && count != Statement.SUCCESS_NO_INFO) {
                    throw new StaleBatchException(statement.what() + " matched " + count + " rows, not " + statement.rows());
                }
                i++;
            }
        }
        if (i != issued.size()) {
            throw new IllegalStateException("the batch issued " + issued.size() + " statements and flushed " + i);
        }
    }
}
