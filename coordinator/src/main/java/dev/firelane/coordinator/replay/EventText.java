package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.status.CommandRow;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.ScheduleKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * One line of words for a replayed record: {@code Pause by alice "db maintenance"},
 * {@code Fire 02:13:00 attempt 1}, {@code Started on worker-2}, {@code Completed ok in 3.1 s}.
 */
public final class EventText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_MS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final Duration LATE = Duration.ofSeconds(1);

    private EventText() {
    }

    /** The event's kind: the command or run event's name, {@code Fire}, {@code JobState}, or {@code Malformed}. */
    public static String kind(ReplayRecord record) {
        Object event = record.event();
        if (record.isMalformed()) {
            return "Malformed";
        }
        if (event instanceof ControlCommand command) {
            return command.kind();
        }
        if (event instanceof RunEvent run) {
            return run.getClass().getSimpleName();
        }
        if (event instanceof Fire) {
            return "Fire";
        }
        if (record.topic().equals("job-state")) {
            return "JobState";
        }
        return event == null ? "Tombstone" : event.getClass().getSimpleName();
    }

    /** The words for a step of a job's replay, with what became of it. */
    public static String of(JobStep step) {
        ReplayRecord record = step.record();
        if (record.isMalformed()) {
            return "malformed record, not applied (dlq): " + record.malformed();
        }
        if (step.refusal() != null) {
            return kind(record) + " refused, not applied (dlq): " + step.refusal();
        }
        String text = describe(record.event(), record.timestamp());
        if (step.redelivery()) {
            return text + " (a redelivery: already applied, changes nothing)";
        }
        return text + result(step.command());
    }

    /** The words for a {@code job-state} record: what the status stream published. */
    public static String ofJobState(ReplayRecord record) {
        if (record.isMalformed()) {
            return "job-state record that cannot be read: " + record.malformed();
        }
        if (record.event() instanceof JobState state) {
            String text = "published " + state.status().wire() + ", generation " + state.generation()
                    + (state.incarnation() > 1 ? " of incarnation " + state.incarnation() : "");
            return state.trigger() == null ? text
                    : text + ", with trigger " + state.trigger().commandId() + " accepted (the coordinator fires it)";
        }
        return "published a tombstone (the job is deleted)";
    }

    static String describe(Object event, Instant at) {
        if (event instanceof ControlCommand command) {
            return command(command);
        }
        if (event instanceof Fire fire) {
            return fire(fire, at);
        }
        if (event instanceof RunEvent.Started started) {
            return "Started on " + started.workerId() + attempt(started.attempt());
        }
        if (event instanceof RunEvent.Heartbeat heartbeat) {
            return "Heartbeat from " + heartbeat.workerId();
        }
        if (event instanceof RunEvent.Completed completed) {
            return completed(completed);
        }
        return String.valueOf(event);
    }

    private static String command(ControlCommand c) {
        StringBuilder text = new StringBuilder(c.kind());
        if (c instanceof ControlCommand.Cancel cancel) {
            text.append(" of ").append(cancel.fireId());
        }
        text.append(" by ").append(c.requestedBy());
        if (c.reason() != null && !c.reason().isBlank()) {
            text.append(" \"").append(c.reason()).append('"');
        }
        if (c instanceof ControlCommand.Create create) {
            text.append(": ").append(spec(create.spec())).append(create.paused() ? ", created paused" : "");
        } else if (c instanceof ControlCommand.Update update) {
            text.append(": ").append(spec(update.spec()));
        }
        return text.toString();
    }

    static String spec(JobSpec spec) {
        String schedule = spec.scheduleKind().wire() + " " + spec.schedule();
        if (spec.scheduleKind() == ScheduleKind.CRON) {
            schedule += " " + spec.timeZone();
        }
        return schedule + ", handler " + spec.handler();
    }

    private static String fire(Fire fire, Instant at) {
        String text = "Fire " + time(fire.scheduledAt(), at) + " attempt " + fire.attempt();
        Duration late = Duration.between(fire.scheduledAt(), fire.firedAt());
        return late.compareTo(LATE) >= 0 ? text + " (fired " + duration(late) + " late)" : text;
    }

    private static String completed(RunEvent.Completed c) {
        StringBuilder text = new StringBuilder("Completed ").append(c.outcome().wire()).append(" in ")
                .append(duration(Duration.between(c.startedAt(), c.finishedAt())));
        if (c.error() != null && !c.error().isBlank()) {
            text.append(": ").append(c.error());
        }
        if (c.deliveryStatus() != null) {
            text.append(" (delivery ").append(c.deliveryStatus()).append(')');
        }
        return text.append(attempt(c.attempt())).toString();
    }

    private static String result(CommandRow command) {
        if (command == null) {
            return "";
        }
        if (!command.isApplied()) {
            return " -> rejected: " + command.resultReason();
        }
        return command.resultReason() == null ? "" : " -> no change: " + command.resultReason();
    }

    private static String attempt(int attempt) {
        return attempt > 1 ? ", attempt " + attempt : "";
    }

    /** The time of day in UTC if {@code instant} falls on the day of {@code reference}, else the instant. */
    static String time(Instant instant, Instant reference) {
        if (!instant.truncatedTo(ChronoUnit.DAYS).equals(reference.truncatedTo(ChronoUnit.DAYS))) {
            return instant.toString();
        }
        return (instant.getNano() == 0 ? TIME : TIME_MS).format(instant);
    }

    /** {@code 0.4 s}, {@code 3.1 s}, {@code 2 min 5 s}, {@code 3 h 10 min}. */
    static String duration(Duration d) {
        if (d.isNegative()) {
            return "-" + duration(d.negated());
        }
        if (d.compareTo(Duration.ofMinutes(1)) < 0) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        if (d.compareTo(Duration.ofHours(1)) < 0) {
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        return d.toHours() + " h " + d.toMinutesPart() + " min";
    }
}
