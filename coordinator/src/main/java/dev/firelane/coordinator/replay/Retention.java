package dev.firelane.coordinator.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Says when a replay reaches back further than the topics retain: a partition whose first offset is past 0
 * had records deleted by retention, and its first record left is as far back as replay can see.
 */
final class Retention {
    private Retention() {
    }

    /**
     * Notices for the partitions that lost records older than what the replay needs.
     *
     * @param from the start of the requested window, or null when the whole history is needed
     */
    static List<String> check(TopicHistory history, Collection<TopicPartition> partitions, Instant from) {
        Map<TopicPartition, Long> beginning = history.beginningOffsets(partitions);
        List<TopicPartition> truncated = partitions.stream().filter(tp -> beginning.get(tp) > 0).toList();
        if (truncated.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, Instant> first = history.firstTimestamps(truncated);
        List<String> notices = new ArrayList<>();
        for (TopicPartition tp : truncated) {
            Instant kept = first.get(tp);
            String since = kept == null ? "nothing (all of it was deleted)" : "records from " + kept + " on";
            if (from == null) {
                notices.add("warning: " + tp + " keeps only " + since + " (offsets before " + beginning.get(tp)
                        + " were deleted by retention): the replay cannot see the history before that");
            } else if (kept == null || from.isBefore(kept)) {
                notices.add("warning: the requested window starts at " + from + ", which is older than what " + tp
                        + " retains (" + since + "; offsets before " + beginning.get(tp)
                        + " were deleted by retention): events before that are missing");
            }
        }
        return notices;
    }
}
