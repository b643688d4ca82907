package dev.firelane.coordinator.api;

import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Read-only queries of the API (SQL in {@code JobQueryMapper.xml}); the API never writes. */
public interface JobQueryMapper {
    JobRow findJob(@Param("id") String id);

    /** Jobs ordered by id; {@code status} null lists every job that is not deleted. */
    List<JobRow> listJobs(@Param("status") String status, @Param("limit") int limit, @Param("offset") int offset);

    /** Runs of a job, newest schedule time first. */
    List<RunRow> listRuns(@Param("jobId") String jobId, @Param("limit") int limit, @Param("offset") int offset);

    /** Commands of a job in the order they were requested. */
    List<CommandRow> listCommands(@Param("jobId") String jobId, @Param("limit") int limit, @Param("offset") int offset);

    CommandRow findCommand(@Param("commandId") String commandId);

    /** The jobs (deleted ones too) among {@code ids}, in no particular order; {@code ids} must not be empty. */
    List<JobRow> findJobs(@Param("ids") Collection<String> ids);

    /** The recorded commands among {@code commandIds}; {@code commandIds} must not be empty. */
    List<CommandRow> findCommands(@Param("commandIds") Collection<String> commandIds);
}
