package dev.firelane.coordinator.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/** The API's reads, one short session each. Needs {@link JobQueryMapper} registered with the factory. */
public final class JobQueries {
    /** Most ids one {@code IN (…)} lookup carries: a bulk request costs one query per this many ids. */
    static final int IN_CHUNK = 1000;

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

    /** The rows (deleted jobs too) of those of {@code ids} the database has, by id. */
    public Map<String, JobRow> jobsById(Collection<String> ids) {
        Map<String, JobRow> out = new HashMap<>();
        inChunks(ids, JobQueryMapper::findJobs).forEach(row -> out.put(row.id(), row));
        return out;
    }

    /** The recorded commands among {@code commandIds}, in no particular order. */
    public List<CommandRow> commands(Collection<String> commandIds) {
        return inChunks(commandIds, JobQueryMapper::findCommands);
    }

    /** Runs {@code lookup} over {@code keys} in chunks of {@link #IN_CHUNK}, in one session. */
    private <T> List<T> inChunks(Collection<String> keys, BiFunction<JobQueryMapper, List<String>, List<T>> lookup) {
        List<T> out = new ArrayList<>();
        if (keys.isEmpty()) {
            return out;
        }
        List<String> all = List.copyOf(keys);
        try (SqlSession session = sessions.openSession(true)) {
            JobQueryMapper mapper = session.getMapper(JobQueryMapper.class);
            for (int from = 0; from < all.size(); from += IN_CHUNK) {
                out.addAll(lookup.apply(mapper, all.subList(from, Math.min(all.size(), from + IN_CHUNK))));
            }
        }
        return out;
    }

    private <T> T query(Function<JobQueryMapper, T> call) {
        try (SqlSession session = sessions.openSession(true)) {
            return call.apply(session.getMapper(JobQueryMapper.class));
        }
    }
}
