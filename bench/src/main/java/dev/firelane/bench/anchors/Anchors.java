package dev.firelane.bench.anchors;

import java.util.List;
import javax.sql.DataSource;

/** The anchors by {@code --scheduler} name. */
final class Anchors {
    static final List<String> NAMES = List.of(DbSchedulerAnchor.NAME, JobRunrAnchor.NAME, QuartzAnchor.NAME);

    private Anchors() {
    }

    static Anchor create(String name, DataSource dataSource, int threads, Executions executions) {
        return switch (name) {
            case DbSchedulerAnchor.NAME -> new DbSchedulerAnchor(dataSource, threads, executions);
            case JobRunrAnchor.NAME -> new JobRunrAnchor(dataSource, threads, executions);
            case QuartzAnchor.NAME -> new QuartzAnchor(dataSource, threads, executions);
            default -> throw new IllegalArgumentException("unknown scheduler " + name + ", expected one of " + NAMES);
        };
    }

    /** The database a scheduler's runs use: {@code bench_dbscheduler}, {@code bench_jobrunr}, {@code bench_quartz}. */
    static String database(String prefix, String name) {
        return prefix + name.replace("-", "");
    }
}
