package dev.firelane.coordinator.status;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * Writes to {@code job_runs}, one row per fire id. A batch decides from one lookup which fires are new; the
 * guards in the updates make a row that is already finished immune to a stale decision.
 */
public interface RunMapper {
    RunRow find(@Param("fireId") String fireId);

    List<RunRow> findByJob(@Param("jobId") String jobId);

    /** The rows of {@code fireIds} that exist. */
    List<RunRow> findAll(@Param("fireIds") Collection<String> fireIds);

    /** {@link #findAll} with the fire ids as one JSON array, on MySQL and MariaDB. */
    List<RunRow> findAllJson(@Param("fireIds") String fireIds);

    /** A new fire's row, with whatever its first batch knew (fired, started, finished). */
    int insert(RunRow row);

    /**
     * An unfinished row's new state (fired, started, or finished — once: 1 for the first completion of a fire
     * id, 0 once it is finished). This is the idempotency record that makes a completion change the job's
     * telemetry at most once.
     */
    int update(RunRow row);

    /** {@link #insert} of many rows in one statement, on MySQL and MariaDB only; the rows inserted. */
    default int insertAll(List<RunRow> rows) {
        return insertAllJson(JsonRows.runs(rows));
    }

    /** {@link #update} of many rows in one statement, on MySQL and MariaDB only; the rows unfinished until now. */
    default int updateAll(List<RunRow> rows) {
        return updateAllJson(JsonRows.runs(rows));
    }

    int insertAllJson(@Param("rows") String rows);

    int updateAllJson(@Param("rows") String rows);

    /** Fills the fire time of a row that a run event created first. */
    int markFired(@Param("fireId") String fireId, @Param("firedAt") Instant firedAt);
}
