package dev.firelane.coordinator.status;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Writes to {@code job_runs}; every statement is idempotent on the fire id. */
public interface RunMapper {
    RunRow find(@Param("fireId") String fireId);

    List<RunRow> findByJob(@Param("jobId") String jobId);

    /** Creates the fire's row unless it exists (whichever of fire, start and completion comes first). */
    int insertIgnore(RunRow row);

    /** Fills the fire time of a row a run event created first. */
    int markFired(@Param("fireId") String fireId, @Param("firedAt") Instant firedAt);

    /** Records the start of an unfinished run. */
    int markStarted(@Param("fireId") String fireId, @Param("workerId") String workerId,
                    @Param("startedAt") Instant startedAt);

    /**
     * Finishes the run once: 1 for the first completion of a fire id, 0 for every redelivery. This is the
     * idempotency record that makes a completion change the job's telemetry at most once.
     */
    int finish(RunRow row);
}
