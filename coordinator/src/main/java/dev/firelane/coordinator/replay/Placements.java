package dev.firelane.coordinator.replay;

import dev.firelane.protocol.CommandPlacement;
import dev.firelane.protocol.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the live status stream applied the commands of one partition number, read from {@code applied}: replay
 * applies each command at the same place among {@code fires} and {@code runs} ({@link CommandPlacement}).
 * Commands without a placement (written before placements were recorded) are ordered by timestamp alone.
 */
final class Placements {
    private static final Placements NONE = new Placements(Map.of());

    /** By the command's offset on {@code control}. */
    private final Map<Long, CommandPlacement> byControlOffset;

    private Placements(Map<Long, CommandPlacement> byControlOffset) {
        this.byControlOffset = byControlOffset;
    }

    static Placements none() {
        return NONE;
    }

    static Placements of(List<CommandPlacement> placements) {
        Map<Long, CommandPlacement> byOffset = new HashMap<>();
        // a batch applied again after its outputs failed to publish places its commands again, at the place recorded
        // with them in the database; should two ever differ, the first one written is the place the database saw
        placements.forEach(p -> byOffset.putIfAbsent(p.controlOffset(), p));
        return new Placements(byOffset);
    }

    /**
     * Reads partition {@code partition} of {@code applied}, if the topic exists. Reads with the history's consumer:
     * call it before reading anything else of the history.
     */
    static Placements read(TopicHistory history, int partition) {
        if (!history.has(Topics.APPLIED.baseName())) {
            return NONE;
        }
        TopicPartition tp = history.partition(Topics.APPLIED.baseName(), partition);
        long start = history.beginningOffsets(List.of(tp)).get(tp);
        long end = history.endOffsets(List.of(tp)).get(tp);
        RecordQueue queue = history.read(Map.of(tp, new OffsetRange(start, Math.max(start, end))), Progress.silent())
                .queue(tp);
        List<CommandPlacement> placements = new ArrayList<>();
        for (ReplayRecord record = queue.poll(); record != null; record = queue.poll()) {
            if (record.event() instanceof CommandPlacement placement && placement.partition() == partition) {
                placements.add(placement);
            }
        }
        return of(placements);
    }

    /** Where the command at {@code controlOffset} was applied; null if that is not known. */
    CommandPlacement at(long controlOffset) {
        return byControlOffset.get(controlOffset);
    }
}
