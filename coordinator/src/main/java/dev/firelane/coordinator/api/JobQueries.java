package dev.firelane.coordinator.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/** The API's reads, one short session each. Needs {@link JobQueryMapper} registered with the factory. */
public final class JobQueries {
    private final SqlSessionFactory sessions;

    public JobQueries(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    public Optional<JobRow> job(String id) {
        return Optional.ofNullable(query(m -> m.findJob(id)));
    }

    public List<JobRow> jobs(String status, int limit, int offset) {
        return query(m -> m.listJobs(status, limit, offset));
    }

    public List<RunRow> runs(String jobId, int limit, int offset) {
        return query(m -> m.listRuns(jobId, limit, offset));
    }

    public List<CommandRow> commands(String jobId, int limit, int offset) {
        return query(m -> m.listCommands(jobId, limit, offset));
    }

    public Optional<CommandRow> command(String commandId) {
        return Optional.ofNullable(query(m -> m.findCommand(commandId)));
    }

    private <T> T query(Function<JobQueryMapper, T> call) {
        try (SqlSession session = sessions.openSession(true)) {
            return call.apply(session.getMapper(JobQueryMapper.class));
        }
    }
}
