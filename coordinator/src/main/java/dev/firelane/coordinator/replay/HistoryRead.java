package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.fire.FireStream;
import dev.firelane.coordinator.status.StatusStream;
import dev.firelane.coordinator.status.StatusStreamConfig;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.protocol.Topic;
import dev.firelane.protocol.Topics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code firelane replay check}: reads the whole history (every partition of {@code control}, {@code fires},
 * {@code runs} and {@code job-state}) and the live {@code jobs} rows, hands them to {@link HistoryCheck}, and
 * checks that replay equals live by rebuilding the database from the topics in memory and comparing it with the
 * live one ({@link DatabaseDiff}). Reads only.
 */
public final class HistoryRead {
    private final Replay replay;

    HistoryRead(Replay replay) {
        this.replay = replay;
    }

    /** What the check found; {@code diff} null when replay-equals-live was not checked (then {@code diffNote} says why). */
    public record Report(List<HistoryCheck.Result> results, DiffReport diff, String diffNote, long records) {
        public boolean holds() {
            return results.stream().allMatch(HistoryCheck.Result::holds) && (diff == null || !diff.hasDifferences());
        }
    }

    Report check(DatabaseConfig live, HistoryCheck.Settings settings, boolean compareRebuild, String workerGroup) {
        TopicHistory history = replay.history();
        Progress progress = replay.progress("check");
        List<ReplayRecord> control = readAll(history, Topics.CONTROL, progress);
        List<ReplayRecord> fires = readAll(history, Topics.FIRES, progress);
        List<ReplayRecord> runs = readAll(history, Topics.RUNS, progress);
        List<ReplayRecord> jobState = readAll(history, Topics.JOB_STATE, progress);
        List<ReplayRecord> dlq = history.has(Topics.DLQ.baseName()) ? readAll(history, Topics.DLQ.baseName(), progress) : null;
        progress.finish();
        boolean runsComplete = history.beginningOffsets(partitions(history, Topics.RUNS)).values().stream()
                .allMatch(offset -> offset == 0);
        Map<String, HistoryCheck.JobRowSummary> jobs = live == null ? null : jobs(live);
        List<HistoryCheck.Result> results = new HistoryCheck(settings).check(control,
                fires.stream().filter(r -> r.event() != null).toList(), runs, jobState, jobs, runsComplete);
        results.add(HistoryCheck.badInputRefused(List.of(control, fires, runs, jobState), dlq));
        Map<String, List<ReplayRecord>> byTopic = Map.of(Topics.CONTROL.baseName(), control,
                Topics.FIRES.baseName(), fires, Topics.RUNS.baseName(), runs, Topics.JOB_STATE.baseName(), jobState);
        results.add(PartitionStalls.check(groupPositions(history, workerGroup), byTopic,
                replay.clock().instant(), settings.settle()));
        DiffReport diff = null;
        String diffNote;
        if (live == null) {
            diffNote = "not checked: no database given";
        } else if (!compareRebuild) {
            diffNote = "not checked (--no-rebuild)";
        } else if (!runsComplete) {
            diffNote = "not checked: retention deleted records of runs, so a rebuild cannot match";
        } else {
            diff = rebuiltAndCompared(live);
            diffNote = null;
        }
        return new Report(results, diff, diffNote, progress.count());
    }

    private DiffReport rebuiltAndCompared(DatabaseConfig live) {
        DatabaseConfig scratch = new DatabaseConfig("jdbc:h2:mem:check_" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 2);
        try {
            replay.rebuild(scratch, live, null);
            return DatabaseDiff.compare(live, scratch);
        } finally {
            try (Connection c = Jdbc.readOnly(scratch, "scratch"); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            } catch (SQLException | ReplayException e) {
                // an in-memory database only lingers until the JVM ends
            }
        }
    }

    private static List<ReplayRecord> readAll(TopicHistory history, Topic<String, ?> topic, Progress progress) {
        return readAll(history, topic.baseName(), progress);
    }

    private static List<ReplayRecord> readAll(TopicHistory history, String baseName, Progress progress) {
        List<TopicPartition> partitions = partitions(history, baseName);
        Map<TopicPartition, Long> start = history.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = history.endOffsets(partitions);
        Map<TopicPartition, OffsetRange> ranges = new LinkedHashMap<>();
        partitions.forEach(tp -> ranges.put(tp, new OffsetRange(start.get(tp), Math.max(start.get(tp), end.get(tp)))));
        PartitionReader reader = history.read(ranges, progress);
        List<ReplayRecord> out = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            RecordQueue queue = reader.queue(tp);
            for (ReplayRecord r = queue.poll(); r != null; r = queue.poll()) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Where Firelane's consumer groups stand on the topics they read: the status stream ({@code <prefix>status}:
     * control, fires, runs), the fire topology ({@code <prefix>coordinator}: control, runs, job-state) and the workers
     * ({@code workerGroup}: fires).
     */
    private static List<PartitionStalls.GroupPosition> groupPositions(TopicHistory history, String workerGroup) {
        String prefix = history.settings().topicPrefix();
        Map<String, List<Topic<String, ?>>> groups = new LinkedHashMap<>();
        groups.put(prefix + StatusStreamConfig.DEFAULT_APPLICATION_ID_SUFFIX, StatusStream.INPUTS);
        groups.put(prefix + FireStream.DEFAULT_APPLICATION_ID_SUFFIX, List.of(Topics.CONTROL, Topics.RUNS, Topics.JOB_STATE));
        groups.put(workerGroup, List.of(Topics.FIRES));
        List<PartitionStalls.GroupPosition> positions = new ArrayList<>();
        groups.forEach((group, topics) -> {
            Map<TopicPartition, String> baseNames = new LinkedHashMap<>();
            topics.forEach(topic -> partitions(history, topic).forEach(tp -> baseNames.put(tp, topic.baseName())));
            Map<TopicPartition, Long> committed = history.committedOffsets(group, baseNames.keySet());
            baseNames.forEach((tp, baseName) ->
                    positions.add(new PartitionStalls.GroupPosition(group, baseName, tp.partition(), committed.get(tp))));
        });
        return positions;
    }

    private static List<TopicPartition> partitions(TopicHistory history, Topic<String, ?> topic) {
        return partitions(history, topic.baseName());
    }

    private static List<TopicPartition> partitions(TopicHistory history, String baseName) {
        List<TopicPartition> out = new ArrayList<>();
        for (int p = 0; p < history.partitionCount(baseName); p++) {
            out.add(history.partition(baseName, p));
        }
        return out;
    }

    private static Map<String, HistoryCheck.JobRowSummary> jobs(DatabaseConfig live) {
        Map<String, HistoryCheck.JobRowSummary> jobs = new LinkedHashMap<>();
        try (Connection c = Jdbc.readOnly(live, "live"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, status, run_count, incarnation FROM jobs")) {
            while (rs.next()) {
                jobs.put(rs.getString(1), new HistoryCheck.JobRowSummary(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getLong(4)));
            }
        } catch (SQLException e) {
            throw new ReplayException(ReplayException.Kind.UNAVAILABLE, "cannot read jobs from the live database "
                    + live.jdbcUrl() + ": " + e.getMessage(), e);
        }
        return jobs;
    }
}
