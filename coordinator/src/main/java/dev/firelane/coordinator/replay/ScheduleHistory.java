package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.coordinator.status.JobRow;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code firelane replay schedule}: replays the job to learn its definitions and statuses over time, its fires
 * and its runs, then hands them to {@link ScheduleAudit}.
 */
final class ScheduleHistory {
    private final Replay replay;

    ScheduleHistory(Replay replay) {
        this.replay = replay;
    }

    ScheduleAudit.Report audit(String jobId, Instant from, Instant to, int limit) {
        if (from.isAfter(to)) {
            throw new ReplayException(ReplayException.Kind.INVALID, "--from " + from + " is after --to " + to);
        }
        TopicHistory history = replay.history();
        Retention.check(history, JobReplay.inputs(history, jobId), from).forEach(replay::notice);
        Collector collector = new Collector();
        try (ScratchDatabase database = replay.scratch()) {
            new JobReplay(history, database, replay.progress("schedule of " + jobId)).run(jobId, null, collector::add);
        }
        if (!collector.seen) {
            throw new ReplayException(ReplayException.Kind.NOT_FOUND, "no record of job " + jobId + " on the topics");
        }
        return ScheduleAudit.audit(jobId, collector.periods, collector.fires, collector.triggers,
                new ArrayList<>(collector.runs.values()), from, to, limit, new ScheduleCalculator());
    }

    /** Gathers what the audit needs from the job's steps. */
    private static final class Collector {
        final List<ScheduleAudit.Period> periods = new ArrayList<>();
        final List<Fire> fires = new ArrayList<>();
        final Map<Instant, String> triggers = new HashMap<>();
        final Map<String, ScheduleAudit.RunSpan> runs = new LinkedHashMap<>();
        boolean seen;
        private List<Object> last;

        void add(JobStep step) {
            seen = true;
            Object event = step.record().event();
            if (event instanceof Fire fire) {
                fires.add(fire);
                runs.putIfAbsent(fire.fireId(), new ScheduleAudit.RunSpan(fire.fireId(), fire.firedAt(), null));
            } else if (event instanceof RunEvent.Completed c && step.refusal() == null) {
                ScheduleAudit.RunSpan run = runs.get(c.fireId());
                runs.put(c.fireId(), new ScheduleAudit.RunSpan(c.fireId(), run == null ? c.startedAt() : run.firedAt(), c.finishedAt()));
            } else if (event instanceof ControlCommand.Trigger t && step.command() != null && step.command().isApplied()) {
                triggers.put(ScheduleAudit.millis(t.requestedAt()), "trigger by " + t.requestedBy());
            }
            JobRow job = step.job();
            if (job == null) {
                return;
            }
            List<Object> key = List.of(job.incarnation(), job.generation(), job.status(), job.createdAt());
            if (!Objects.equals(key, last)) {
                last = key;
                periods.add(new ScheduleAudit.Period(step.record().timestamp(), job.spec(), job.jobStatus(), job.createdAt()));
            }
        }
    }
}
