package dev.firelane.coordinator.status;

import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Writes to {@code job_commands}, the audit of every control command and its result. */
public interface CommandMapper {
    CommandRow find(@Param("commandId") String commandId);

    List<CommandRow> findByJob(@Param("jobId") String jobId);

    /** The audit rows of {@code commandIds} that exist. */
    List<CommandRow> findAll(@Param("commandIds") Collection<String> commandIds);

    /** {@link #insert} of many audit rows in one statement, on MySQL and MariaDB only; the rows inserted. */
    default int insertAll(List<CommandRow> rows) {
        return insertAllJson(JsonRows.commands(rows));
    }

    int insertAllJson(@Param("rows") String rows);

    /** {@link #findAll} with the command ids as one JSON array, on MySQL and MariaDB. */
    List<CommandRow> findAllJson(@Param("commandIds") String commandIds);

    int insert(CommandRow row);
}
