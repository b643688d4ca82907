package dev.firelane.coordinator.status;

import dev.firelane.coordinator.store.Database;
import org.apache.ibatis.session.SqlSession;

/**
 * The status stream's mappers bound to one session (one transaction). {@code json}: the database reads rows
 * given as one JSON array ({@code JSON_TABLE}, MySQL and MariaDB), so statements on many rows take them so.
 */
record Mappers(JobMapper jobs, RunMapper runs, CommandMapper commands, boolean json) {
    static Mappers of(SqlSession session) {
        return new Mappers(session.getMapper(JobMapper.class), session.getMapper(RunMapper.class),
                session.getMapper(CommandMapper.class), Database.MYSQL.equals(session.getConfiguration().getDatabaseId()));
    }
}
