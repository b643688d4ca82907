package dev.firelane.coordinator.status;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Deletes old run history ({@code job_runs}); only finished runs, never the record of a run still going. */
public interface RetentionMapper {
    /** Up to {@code limit} finished runs that finished before {@code cutoff}; how many were deleted. */
    int deleteFinishedBefore(@Param("cutoff") Instant cutoff, @Param("limit") int limit);

    /** Up to {@code limit} jobs with more than {@code max} runs in the history. */
    List<String> jobsOver(@Param("max") int max, @Param("limit") int limit);

    /** The schedule time of the job's newest run after skipping {@code skip} newer ones; null if it has fewer. */
    Instant newestAfterSkipping(@Param("jobId") String jobId, @Param("skip") int skip);

    /** Up to {@code limit} finished runs of the job scheduled before {@code cutoff}. */
    int deleteFinishedOfJobBefore(@Param("jobId") String jobId, @Param("cutoff") Instant cutoff, @Param("limit") int limit);
}
