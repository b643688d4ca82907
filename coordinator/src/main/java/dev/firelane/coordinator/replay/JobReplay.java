package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.status.CommandMapper;
import dev.firelane.coordinator.status.CommandRow;
import dev.firelane.coordinator.status.JobMapper;
import dev.firelane.coordinator.status.JobRow;
import dev.firelane.coordinator.status.RunMapper;
import dev.firelane.coordinator.status.RunRow;
import dev.firelane.coordinator.status.StatusStream;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.RunEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Replays one job: reads its partition of {@code control}, {@code fires} and {@code runs} from the first
 * record still on the broker, orders all of it as the status stream does (records of other jobs decide that
 * order too), and applies the job's records to a scratch database, one transaction each, reporting every
 * record with the job's row after it.
 */
final class JobReplay {
    private final TopicHistory history;
    private final ScratchDatabase database;
    private final ReplayApplier applier;
    private final Progress progress;

    JobReplay(TopicHistory history, ScratchDatabase database, Progress progress) {
        this.history = history;
        this.database = database;
        this.applier = new ReplayApplier(database.sessions(), history.settings().topicPrefix());
        this.progress = progress;
    }

    /** The job's partition of each input topic, in {@link StatusStream#INPUTS} order. */
    static List<TopicPartition> inputs(TopicHistory history, String jobId) {
        return StatusStream.INPUTS.stream().map(t -> history.partitionOf(t.baseName(), jobId)).toList();
    }

    /** Replays the records up to the first one stamped after {@code until} (null: all of them). */
    void run(String jobId, Instant until, Consumer<JobStep> steps) {
        List<TopicPartition> inputs = inputs(history, jobId);
        Map<TopicPartition, Long> start = history.beginningOffsets(inputs);
        Map<TopicPartition, Long> end = history.cutAfter(inputs, until);
        Map<TopicPartition, OffsetRange> ranges = new LinkedHashMap<>();
        for (TopicPartition tp : inputs) {
            ranges.put(tp, new OffsetRange(start.get(tp), Math.max(start.get(tp), end.get(tp))));
        }
        Placements placements = Placements.read(history, inputs.get(0).partition());
        PartitionReader reader = history.read(ranges, progress);
        List<RecordQueue> queues = new ArrayList<>();
        inputs.forEach(tp -> queues.add(reader.queue(tp)));
        ApplyOrder order = new ApplyOrder(queues, placements);
        for (ReplayRecord record = order.next(); record != null; record = order.next()) {
            if (jobId.equals(record.key())) {
                steps.accept(step(jobId, record));
            }
        }
        progress.finish();
    }

    private JobStep step(String jobId, ReplayRecord record) {
        boolean redelivery = isRedelivery(record);
        String refusal = applier.apply(record);
        return database.read(session -> {
            JobRow job = session.getMapper(JobMapper.class).find(jobId);
            CommandRow command = record.event() instanceof ControlCommand c && refusal == null
                    ? session.getMapper(CommandMapper.class).find(c.commandId()) : null;
            return new JobStep(record, refusal, redelivery && refusal == null, job, command);
        });
    }

    private boolean isRedelivery(ReplayRecord record) {
        if (record.event() instanceof ControlCommand command) {
            return database.read(s -> s.getMapper(CommandMapper.class).find(command.commandId()) != null);
        }
        if (record.event() instanceof RunEvent.Completed completed) {
            RunRow run = database.read(s -> s.getMapper(RunMapper.class).find(completed.fireId()));
            return run != null && run.finishedAt() != null;
        }
        return false;
    }
}
