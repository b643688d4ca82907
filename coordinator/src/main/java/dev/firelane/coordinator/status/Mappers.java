package dev.firelane.coordinator.status;

import org.apache.ibatis.session.SqlSession;

/** The status stream's mappers bound to one session (one transaction). */
record Mappers(JobMapper jobs, RunMapper runs, CommandMapper commands) {
    static Mappers of(SqlSession session) {
        return new Mappers(session.getMapper(JobMapper.class), session.getMapper(RunMapper.class),
                session.getMapper(CommandMapper.class));
    }
}
