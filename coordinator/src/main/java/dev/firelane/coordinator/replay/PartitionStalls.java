package dev.firelane.coordinator.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The invariant "no partition stalls" of {@link HistoryCheck}: no consumer group of Firelane has left a record of its
 * input unconsumed for longer than the settle time. Pure: the caller reads the groups' committed offsets
 * ({@link HistoryRead}).
 */
public final class PartitionStalls {
    private PartitionStalls() {
    }

    /**
     * Where a consumer group stands on one partition of a topic it reads.
     *
     * @param topic     the topic's base name ({@code runs})
     * @param committed the group's committed offset (the next record it will read); null if it committed none there
     */
    public record GroupPosition(String group, String topic, int partition, Long committed) {
        public GroupPosition {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(topic, "topic");
        }
    }

    /**
     * No partition stalls: for each group and partition, the first record at or past the group's committed offset (the
     * oldest it has not consumed) is at most {@code stallAfter} older than {@code now}. A group that committed nothing at
     * all is not checked (not running, or named otherwise), and said so in the note; a partition of a group that
     * committed elsewhere but not there is checked from its first record.
     *
     * @param positions where the groups stand
     * @param records   the records read of each topic (base name), every partition in offset order
     */
    public static HistoryCheck.Result check(List<GroupPosition> positions, Map<String, List<ReplayRecord>> records,
                                            Instant now, Duration stallAfter) {
        Map<String, List<GroupPosition>> byGroup = new TreeMap<>();
        positions.forEach(p -> byGroup.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(p));
        Map<String, List<ReplayRecord>> byPartition = new HashMap<>();
        records.forEach((topic, list) -> list.forEach(r ->
                byPartition.computeIfAbsent(topic + "-" + r.partition(), k -> new ArrayList<>()).add(r)));
        List<HistoryCheck.Violation> violations = new ArrayList<>();
        List<String> notChecked = new ArrayList<>();
        long checked = 0;
        for (Map.Entry<String, List<GroupPosition>> group : byGroup.entrySet()) {
            if (group.getValue().stream().allMatch(p -> p.committed() == null)) {
                notChecked.add(group.getKey());
                continue;
            }
            for (GroupPosition p : group.getValue()) {
                checked++;
                long from = p.committed() == null ? 0 : p.committed();
                List<ReplayRecord> partition = byPartition.getOrDefault(p.topic() + "-" + p.partition(), List.of());
                List<ReplayRecord> unconsumed = partition.stream().filter(r -> r.offset() >= from).toList();
                if (unconsumed.isEmpty()) {
                    continue;
                }
                ReplayRecord first = unconsumed.get(0);
                Duration age = Duration.between(first.timestamp(), now);
                if (age.compareTo(stallAfter) > 0) {
                    violations.add(new HistoryCheck.Violation(String.valueOf(first.key()), String.format(Locale.ROOT,
                            "group %s has not consumed %s-%d past offset %s for %s: %,d record(s) behind",
                            p.group(), p.topic(), p.partition(), p.committed() == null ? "(none committed)" : p.committed(),
                            text(age.truncatedTo(ChronoUnit.SECONDS)),
                            unconsumed.size()), List.of(HistoryCheck.describe(first))));
                }
            }
        }
        String note = "stalled: a record unconsumed for more than " + text(stallAfter)
                + (notChecked.isEmpty() ? "" : "; not checked (no offsets committed): " + String.join(", ", notChecked));
        return new HistoryCheck.Result(HistoryCheck.NO_PARTITION_STALLS, checked, violations, note);
    }

    /** {@code 4m57s}, {@code 10s}: ISO-8601 without its {@code PT}, in lower case. */
    private static String text(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
