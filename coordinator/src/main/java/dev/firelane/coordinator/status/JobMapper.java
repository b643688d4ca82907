package dev.firelane.coordinator.status;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * Writes to {@code jobs}. Every statement that changes {@code status} carries the allowed transition in its
 * {@code WHERE} and bumps {@code generation}, so a guarded update that matches a row always changes it:
 * the count returned is the same whether the driver reports matched rows (the default, which Firelane
 * relies on) or changed rows ({@code useAffectedRows=true}).
 */
public interface JobMapper {
    JobRow find(@Param("id") String id);

    /** The rows of {@code ids} that exist, locked until the transaction ends (the status stream's batch read). */
    List<JobRow> findAllForUpdate(@Param("ids") Collection<String> ids);

    /** {@code insert} of many new jobs in one statement, on MySQL and MariaDB only; the rows inserted. */
    default int insertAll(List<JobRow> rows) {
        return insertAllJson(JsonRows.jobs(rows));
    }

    int insertAllJson(@Param("rows") String rows);

    /** {@link #findAllForUpdate} with the ids as one JSON array, on MySQL and MariaDB. */
    List<JobRow> findAllForUpdateJson(@Param("ids") String ids);

    /** Inserts a new job (telemetry empty). */
    int insert(JobRow row);

    /** Removes a deleted job's row so that a Create can reuse its id with fresh telemetry. */
    int deleteTombstone(@Param("id") String id);

    /** New definition, generation + 1; status untouched; not for deleted jobs. */
    int updateSpec(JobRow row);

    /** active/failed → paused. */
    int pause(@Param("id") String id, @Param("at") Instant at);

    /** paused/failed → active, consecutive errors reset. */
    int resume(@Param("id") String id, @Param("at") Instant at, @Param("nextFireAt") Instant nextFireAt);

    /** any → deleted. */
    int delete(@Param("id") String id, @Param("at") Instant at);

    /** The coalesced fires and completions of a job since its last status change; never touches status. */
    int recordActivity(JobActivity activity);

    /** {@link #recordActivity} for many jobs in one statement (MySQL and MariaDB only); rows matched. */
    default int recordActivities(List<JobActivity> activities) {
        return recordActivitiesJson(JsonRows.activities(activities));
    }

    /** {@link #recordActivities} with its rows as a JSON array (see {@link JsonRows}). */
    int recordActivitiesJson(@Param("rows") String rows);

    /** active → completed, for {@code at} jobs. */
    int complete(@Param("id") String id, @Param("at") Instant at);

    /** active → failed, when consecutive errors reached a non-zero limit. */
    int failOnErrorLimit(@Param("id") String id, @Param("at") Instant at);

    // The same guarded transitions for many jobs in one statement (MySQL and MariaDB only); rows matched. The
    // rows go as one JSON array (see JsonRows).

    default int pauseAll(List<JobTransition> transitions) {
        return pauseAllJson(JsonRows.transitions(transitions));
    }

    default int deleteAll(List<JobTransition> transitions) {
        return deleteAllJson(JsonRows.transitions(transitions));
    }

    default int completeAll(List<JobTransition> transitions) {
        return completeAllJson(JsonRows.transitions(transitions));
    }

    default int failAllOnErrorLimit(List<JobTransition> transitions) {
        return failAllOnErrorLimitJson(JsonRows.transitions(transitions));
    }

    int pauseAllJson(@Param("rows") String rows);

    int deleteAllJson(@Param("rows") String rows);

    int completeAllJson(@Param("rows") String rows);

    int failAllOnErrorLimitJson(@Param("rows") String rows);
}
