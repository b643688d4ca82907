package dev.firelane.coordinator.replay;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code firelane replay timeline}: every record of one job on {@code control}, {@code fires}, {@code runs} and
 * {@code job-state}, in the order the status stream applied them, each with the job's status after it.
 *
 * <p>Only the job's partition of each topic is read. The status after a record depends on everything before it,
 * so the inputs are replayed from their first retained record; {@code from} only chooses where the listing
 * starts (the first offset stamped at or after it), and {@code to} ends the read (before the first record
 * stamped after it). {@code job-state} records are listed where they were published (after their cause) and
 * not applied: they are the status stream's output.
 */
final class Timeline {
    private final Replay replay;

    Timeline(Replay replay) {
        this.replay = replay;
    }

    List<TimelineEntry> of(String jobId, Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new ReplayException(ReplayException.Kind.INVALID, "--from " + from + " is after --to " + to);
        }
        TopicHistory history = replay.history();
        List<TopicPartition> inputs = JobReplay.inputs(history, jobId);
        TopicPartition stateTp = history.partitionOf(Topics.JOB_STATE.baseName(), jobId);
        Retention.check(history, inputs, from).forEach(replay::notice);
        List<TopicPartition> all = new ArrayList<>(inputs);
        all.add(stateTp);
        Map<TopicPartition, Long> listFrom = from == null ? history.beginningOffsets(all) : history.offsetsAtOrAfter(all, from);

        List<TimelineEntry> applied = new ArrayList<>();
        List<ReplayRecord> aside = new ArrayList<>(jobStates(jobId, stateTp, listFrom.get(stateTp), to));
        boolean[] seen = {false};
        try (ScratchDatabase database = replay.scratch()) {
            new JobReplay(history, database, replay.progress("timeline of " + jobId)).run(jobId, to, step -> {
                seen[0] = true;
                ReplayRecord record = step.record();
                if (record.offset() < listFrom.get(history.partition(record.topic(), record.partition()))) {
                    return;
                }
                if (record.isMalformed()) {
                    aside.add(record);
                } else {
                    applied.add(entry(step));
                }
            });
        }
        if (!seen[0] && aside.isEmpty()) {
            throw new ReplayException(ReplayException.Kind.NOT_FOUND, "no record of job " + jobId + " on "
                    + String.join(", ", all.stream().map(TopicPartition::toString).toList())
                    + " (the partitions that would hold it)" + (to == null ? "" : " up to " + to));
        }
        return merge(applied, aside);
    }

    /**
     * The applied records in apply order, with the others placed by timestamp: job-state records after their cause
     * (they carry its timestamp), and malformed records where they were stamped (Streams drops them as soon as they
     * are fetched, whatever their place; they change nothing), each showing the status it found.
     */
    private static List<TimelineEntry> merge(List<TimelineEntry> applied, List<ReplayRecord> aside) {
        aside.sort(Comparator.comparing(ReplayRecord::timestamp));
        List<TimelineEntry> out = new ArrayList<>();
        int next = 0;
        String status = null;
        for (TimelineEntry entry : applied) {
            while (next < aside.size() && aside.get(next).timestamp().isBefore(entry.time())) {
                out.add(aside(aside.get(next++), status));
            }
            out.add(entry);
            status = entry.status();
        }
        while (next < aside.size()) {
            out.add(aside(aside.get(next++), status));
        }
        return out;
    }

    private static TimelineEntry aside(ReplayRecord record, String status) {
        if (record.topic().equals(Topics.JOB_STATE.baseName())) {
            return published(record);
        }
        return new TimelineEntry(record.timestamp(), record.topic(), record.partition(), record.offset(), EventText.kind(record),
                EventText.of(new JobStep(record, record.malformed(), false, null, null)), status, false, null, null, null);
    }

    private List<ReplayRecord> jobStates(String jobId, TopicPartition tp, long from, Instant to) {
        TopicHistory history = replay.history();
        long end = history.cutAfter(List.of(tp), to).get(tp);
        RecordQueue queue = history.read(Map.of(tp, new OffsetRange(from, Math.max(from, end))), Progress.silent()).queue(tp);
        List<ReplayRecord> out = new ArrayList<>();
        for (ReplayRecord r = queue.poll(); r != null; r = queue.poll()) {
            if (jobId.equals(r.key())) {
                out.add(r);
            }
        }
        return out;
    }

    private static TimelineEntry entry(JobStep step) {
        ReplayRecord r = step.record();
        return new TimelineEntry(r.timestamp(), r.topic(), r.partition(), r.offset(), EventText.kind(r), EventText.of(step),
                step.status(), step.refusal() == null, fireId(r.event()), commandId(r.event()), r.event());
    }

    private static TimelineEntry published(ReplayRecord r) {
        String status = r.event() instanceof JobState state ? state.status().wire() : r.isMalformed() ? null : "deleted";
        return new TimelineEntry(r.timestamp(), r.topic(), r.partition(), r.offset(), EventText.kind(r),
                EventText.ofJobState(r), status, false, null, null, r.event());
    }

    private static String fireId(Object event) {
        if (event instanceof Fire fire) {
            return fire.fireId();
        }
        if (event instanceof RunEvent run) {
            return run.fireId();
        }
        return event instanceof ControlCommand.Cancel cancel ? cancel.fireId() : null;
    }

    private static String commandId(Object event) {
        return event instanceof ControlCommand command ? command.commandId() : null;
    }
}
