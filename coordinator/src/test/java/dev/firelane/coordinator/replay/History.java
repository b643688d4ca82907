package dev.firelane.coordinator.replay;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.ScheduleKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Test data: a job's history as records of control, fires and runs with offsets and timestamps, written in
 * the order things happen. Times are seconds after {@link #T0}.
 */
final class History {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String WORKER = "worker-2";

    final List<ReplayRecord> control = new ArrayList<>();
    final List<ReplayRecord> fires = new ArrayList<>();
    final List<ReplayRecord> runs = new ArrayList<>();
    private int commands;

    static Instant t(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    static JobSpec every(String jobId, String interval) {
        return JobSpec.of(jobId, ScheduleKind.EVERY, interval, "noop", null);
    }

    static ReplayRecord record(String topic, long offset, Instant at, String key, Object event) {
        return new ReplayRecord(topic, 0, offset, at, key, event, null);
    }

    static ReplayRecord malformed(String topic, long offset, Instant at, String key, String reason) {
        return new ReplayRecord(topic, 0, offset, at, key, null, reason);
    }

    private String commandId() {
        return "cmd-" + (++commands);
    }

    History create(double at, JobSpec spec) {
        return command(at, new ControlCommand.Create(commandId(), spec.id(), "alice", t(at), "new job", spec, false));
    }

    History pause(double at, String jobId, String reason) {
        return command(at, new ControlCommand.Pause(commandId(), jobId, "alice", t(at), reason));
    }

    History resume(double at, String jobId) {
        return command(at, new ControlCommand.Resume(commandId(), jobId, "bob", t(at), null));
    }

    History trigger(double at, String jobId) {
        return command(at, new ControlCommand.Trigger(commandId(), jobId, "bob", t(at), null));
    }

    History delete(double at, String jobId) {
        return command(at, new ControlCommand.Delete(commandId(), jobId, "bob", t(at), "gone"));
    }

    History command(double at, ControlCommand command) {
        control.add(record("control", control.size(), t(at), command.jobId(), command));
        return this;
    }

    /** A fire of the time {@code scheduled}, emitted at {@code at}. */
    History fire(double at, String jobId, double scheduled) {
        Fire fire = new Fire(FireIds.of(jobId, t(scheduled), 1), jobId, t(scheduled), t(at), 1, "noop", null, null, 1);
        fires.add(record("fires", fires.size(), t(at), jobId, fire));
        return this;
    }

    History started(double at, String jobId, double scheduled) {
        RunEvent event = new RunEvent.Started(FireIds.of(jobId, t(scheduled), 1), jobId, WORKER, 1, t(scheduled), t(at));
        runs.add(record("runs", runs.size(), t(at), jobId, event));
        return this;
    }

    History completed(double at, String jobId, double scheduled, double startedAt, RunOutcome outcome) {
        RunEvent event = new RunEvent.Completed(FireIds.of(jobId, t(scheduled), 1), jobId, WORKER, 1, t(scheduled),
                t(startedAt), t(at), outcome, outcome == RunOutcome.OK ? null : "boom", outcome == RunOutcome.OK ? null : 500);
        runs.add(record("runs", runs.size(), t(at), jobId, event));
        return this;
    }

    /** Control, fires and runs as queues, in the status stream's input order. */
    List<RecordQueue> queues() {
        return List.of(RecordQueue.of(control), RecordQueue.of(fires), RecordQueue.of(runs));
    }

    /** Everything, in the status stream's apply order. */
    List<ReplayRecord> inApplyOrder() {
        ApplyOrder order = new ApplyOrder(queues());
        List<ReplayRecord> out = new ArrayList<>();
        for (ReplayRecord r = order.next(); r != null; r = order.next()) {
            out.add(r);
        }
        return out;
    }

    static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
