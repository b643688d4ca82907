package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.status.StatusStream;
import dev.firelane.coordinator.store.Database;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.protocol.Topic;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code firelane replay rebuild}: a database made from the topics alone. An empty database gets the live
 * schema from the live migrations; then every partition of {@code control}, {@code fires} and {@code runs} is
 * applied in the status stream's order with the status stream's apply code. Partitions hold disjoint jobs, so
 * they are applied one after the other.
 */
public final class Rebuild {
    /** Records handed to the applier at once. */
    static final int CHUNK = 2_000;
    /** Refused records described in the result; the rest are counted. */
    static final int REFUSALS_SHOWN = 20;
    static final List<String> TABLES = List.of("jobs", "job_runs", "job_commands");

    private final Replay replay;

    Rebuild(Replay replay) {
        this.replay = replay;
    }

    /**
     * What a rebuild did.
     *
     * @param records  records read from the three topics
     * @param refused  of them, records the live stream sent to the dlq (malformed or refused)
     * @param refusals the first {@value #REFUSALS_SHOWN} of those, with the reason
     */
    public record Result(int partitions, long records, long refused, List<ReplayApplier.Refusal> refusals, Instant until) {
        public Result {
            refusals = List.copyOf(refusals);
        }
    }

    Result into(DatabaseConfig target, DatabaseConfig live, Instant until) {
        if (live != null && target.jdbcUrl().trim().equals(live.jdbcUrl().trim())) {
            throw new ReplayException(ReplayException.Kind.INVALID, "--into " + target.jdbcUrl()
                    + " is the live database; replay never writes it: give an empty scratch database");
        }
        requireEmpty(target);
        TopicHistory history = replay.history();
        int partitions = partitions(history);
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.addAll(inputs(history, p));
        }
        Retention.check(history, all, null).forEach(replay::notice);
        Progress progress = replay.progress("rebuild");
        long refused = 0;
        List<ReplayApplier.Refusal> shown = new ArrayList<>();
        try (Database database = Database.open(target, StatusStream.MAPPERS)) {
            ReplayApplier applier = new ReplayApplier(database.sessions(), history.settings().topicPrefix());
            for (int p = 0; p < partitions; p++) {
                for (ReplayApplier.Refusal refusal : applyPartition(history, applier, inputs(history, p), until, progress)) {
                    refused++;
                    if (shown.size() < REFUSALS_SHOWN) {
                        shown.add(refusal);
                    }
                }
            }
        }
        progress.finish();
        return new Result(partitions, progress.count(), refused, shown, until);
    }

    private static List<ReplayApplier.Refusal> applyPartition(TopicHistory history, ReplayApplier applier,
                                                            List<TopicPartition> inputs, Instant until, Progress progress) {
        Map<TopicPartition, Long> start = history.beginningOffsets(inputs);
        Map<TopicPartition, Long> end = history.cutAfter(inputs, until);
        Map<TopicPartition, OffsetRange> ranges = new LinkedHashMap<>();
        inputs.forEach(tp -> ranges.put(tp, new OffsetRange(start.get(tp), Math.max(start.get(tp), end.get(tp)))));
        Placements placements = Placements.read(history, inputs.get(0).partition());
        PartitionReader reader = history.read(ranges, progress);
        ApplyOrder order = new ApplyOrder(inputs.stream().map(reader::queue).toList(), placements);
        List<ReplayApplier.Refusal> refused = new ArrayList<>();
        List<ReplayRecord> chunk = new ArrayList<>(CHUNK);
        for (ReplayRecord record = order.next(); record != null; record = order.next()) {
            chunk.add(record);
            if (chunk.size() == CHUNK) {
                refused.addAll(applier.applyAll(chunk));
                chunk.clear();
            }
        }
        refused.addAll(applier.applyAll(chunk));
        return refused;
    }

    private static List<TopicPartition> inputs(TopicHistory history, int partition) {
        return StatusStream.INPUTS.stream().map(t -> history.partition(t.baseName(), partition)).toList();
    }

    private static int partitions(TopicHistory history) {
        int count = history.partitionCount(StatusStream.INPUTS.get(0).baseName());
        for (Topic<String, ?> topic : StatusStream.INPUTS) {
            if (history.partitionCount(topic.baseName()) != count) {
                throw new ReplayException(ReplayException.Kind.INVALID, "the topics are not co-partitioned ("
                        + topic.name(history.settings().topicPrefix()) + " has " + history.partitionCount(topic.baseName())
                        + " partitions, " + StatusStream.INPUTS.get(0).name(history.settings().topicPrefix()) + " " + count
                        + "): the status stream cannot have applied them, nor can replay");
            }
        }
        return count;
    }

    private static void requireEmpty(DatabaseConfig target) {
        try (Connection connection = Jdbc.readOnly(target, "scratch")) {
            List<String> full = new ArrayList<>();
            for (String table : TABLES) {
                long rows = Jdbc.count(connection, table);
                if (rows > 0) {
                    full.add(rows + " rows in " + table);
                }
            }
            if (!full.isEmpty()) {
                throw new ReplayException(ReplayException.Kind.INVALID, "the database " + target.jdbcUrl() + " is not empty ("
                        + String.join(", ", full) + "); rebuild into an empty scratch database");
            }
        } catch (SQLException e) {
            throw new ReplayException(ReplayException.Kind.UNAVAILABLE, "cannot read the scratch database "
                    + target.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }
}
