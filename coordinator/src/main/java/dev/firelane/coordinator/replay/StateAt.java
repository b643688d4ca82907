package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.status.JobRow;
import dev.firelane.coordinator.status.RunMapper;
import dev.firelane.coordinator.status.RunRow;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * {@code firelane replay state} (time travel): the job's row as it stood at an instant, from applying every
 * record up to the first one stamped after it with the status stream's apply code.
 */
final class StateAt {
    private final Replay replay;

    StateAt(Replay replay) {
        this.replay = replay;
    }

    JobSnapshot of(String jobId, Instant at) {
        TopicHistory history = replay.history();
        Retention.check(history, JobReplay.inputs(history, jobId), null).forEach(replay::notice);
        JobStep[] last = {null};
        long[] count = {0};
        try (ScratchDatabase database = replay.scratch()) {
            new JobReplay(history, database, replay.progress("state of " + jobId)).run(jobId, at, step -> {
                last[0] = step;
                count[0]++;
            });
            JobRow job = last[0] == null ? null : last[0].job();
            if (job == null) {
                throw new ReplayException(ReplayException.Kind.NOT_FOUND, "job " + jobId + " did not exist at " + at
                        + (count[0] == 0 ? " (no record of it up to then)" : ""));
            }
            List<RunRow> runs = database.read(s -> s.getMapper(RunMapper.class).findByJob(jobId));
            List<RunRow> inFlight = runs.stream().filter(r -> r.finishedAt() == null).toList();
            RunRow lastRun = runs.stream().filter(r -> r.finishedAt() != null)
                    .max(Comparator.comparing(RunRow::finishedAt)).orElse(null);
            return new JobSnapshot(jobId, at, job, inFlight, lastRun, count[0], last[0].record());
        }
    }
}
