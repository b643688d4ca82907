package dev.firelane.coordinator.status;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.ibatis.executor.BatchResult;
import org.apache.ibatis.session.SqlSession;

/**
 * Writes what a batch decided through MyBatis' batch executor: per job its statements in order, the
 * statements of all jobs interleaved in waves (the first statement of every job, then the second, …) and
 * sorted by kind within a wave, so that each kind of statement goes to the database as one JDBC batch
 * (one round trip with {@code rewriteBatchedStatements=true}); then the run rows, then the audit rows.
 *
 * <p>Every statement must match exactly one row. The counts come from {@link SqlSession#flushStatements()};
 * a statement that matched none means the batch read the database wrong (another writer changed a row it
 * holds), and the whole batch is rolled back and retried.
 */
final class BatchWriter {
    private BatchWriter() {
    }

    /** Issues every write of {@code batch}, flushes them and checks their counts. */
    static void write(Batch batch, SqlSession session) {
        Mappers m = Mappers.of(session);
        List<Object> issued = new ArrayList<>();
        for (JobWrite write : ordered(batch)) {
            write.issue(m.jobs());
            issued.add(write);
        }
        for (RunModel run : batch.runs()) {
            RunWrite write = run.write();
            if (write != null) {
                write.issue(m.runs());
                issued.add(write);
            }
        }
        for (CommandRow command : batch.newCommands()) {
            m.commands().insert(command);
            issued.add(command);
        }
        check(session.flushStatements(), issued);
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

    private static void check(List<BatchResult> results, List<Object> issued) {
        int i = 0;
        for (BatchResult result : results) {
            for (int count : result.getUpdateCounts()) {
                // a rewritten multi-row INSERT reports no per-row count; a failed one throws
                if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
                    throw new StaleBatchException(issued.get(i) + " matched " + count + " rows, not 1");
                }
                i++;
            }
        }
        if (i != issued.size()) {
            throw new IllegalStateException("the batch issued " + issued.size() + " statements and flushed " + i);
        }
    }
}
