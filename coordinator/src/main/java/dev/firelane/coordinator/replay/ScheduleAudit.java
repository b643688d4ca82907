package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.InvalidFieldException;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.Schedules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The schedule what-if, as a pure function: the fire times a job's schedule implies over a window (with the
 * definition and status in force at each time, and the coordinator's own schedule math, DST rules included)
 * next to the fires actually emitted, each time marked fired, missed, skipped (a run was in flight and the
 * overlap policy is skip), not due (the job was paused, failed or completed), caught up (fired after a pause
 * for a time missed during it) or, for a fire no schedule time explains, extra.
 */
public final class ScheduleAudit {
    /** Fired later than this after its time: said so (the coordinator's default misfire threshold). */
    static final Duration LATE = Duration.ofSeconds(5);

    private ScheduleAudit() {
    }

    /** A stretch of the job's life with one definition and status, from {@code start} to the next period's. */
    public record Period(Instant start, JobSpec spec, JobStatus status, Instant createdAt) {
    }

    /** A run from its fire to its completion ({@code finishedAt} null if no completion was seen). */
    public record RunSpan(String fireId, Instant firedAt, Instant finishedAt) {
    }

    public enum Verdict {
        /** Implied while active, and fired. */
        FIRED,
        /** Implied while active, and never fired. */
        MISSED,
        /** Implied while active, not fired because a run was in flight and the overlap policy drops such times. */
        SKIPPED,
        /** Implied while the job was not active, and not fired. */
        NOT_DUE,
        /** Implied while the job was not active, and fired later (a misfire catch-up after a resume). */
        CATCH_UP,
        /** A fire for a time the schedule does not imply (a trigger, or unexplained). */
        EXTRA
    }

    /**
     * One schedule time.
     *
     * @param zone    the zone the schedule is read in at that time
     * @param status  the job's status at that time
     * @param fire    its first emitted attempt, or null
     * @param retries the attempt numbers of its retries
     * @param note    an explanation, or null
     */
    public record Line(Instant scheduledAt, ZoneId zone, Verdict verdict, String status, Fire fire, List<Integer> retries,
                       String note) {
        public Line {
            retries = List.copyOf(retries);
        }
    }

    /**
     * @param spec      the job's definition at the end of the window
     * @param truncated more times are implied than the limit allowed
     */
    public record Report(String jobId, JobSpec spec, Instant from, Instant to, List<Line> lines, boolean truncated) {
        public Report {
            lines = List.copyOf(lines);
        }

        public long count(Verdict verdict) {
            return lines.stream().filter(l -> l.verdict() == verdict).count();
        }
    }

    /**
     * @param periods  the job's periods, in time order
     * @param fires    the job's fires as emitted
     * @param triggers the schedule times that triggers asked for, with who asked
     * @param runs     the job's runs, for why a time was skipped
     * @param limit    the most schedule times to list
     */
    public static Report audit(String jobId, List<Period> periods, List<Fire> fires, Map<Instant, String> triggers,
                               List<RunSpan> runs, Instant from, Instant to, int limit, ScheduleCalculator calculator) {
        if (periods.isEmpty()) {
            throw new ReplayException(ReplayException.Kind.NOT_FOUND, "job " + jobId + " was never created");
        }
        TreeMap<Instant, List<Fire>> firesByTime = new TreeMap<>();
        for (Fire fire : fires) {
            if (!fire.scheduledAt().isBefore(from) && !fire.scheduledAt().isAfter(to)) {
                firesByTime.computeIfAbsent(millis(fire.scheduledAt()), t -> new ArrayList<>()).add(fire);
            }
        }
        List<Line> lines = new ArrayList<>();
        Set<Instant> implied = new HashSet<>();
        boolean truncated = false;
        for (int i = 0; i < periods.size() && !truncated; i++) {
            Period period = periods.get(i);
            Instant end = i + 1 < periods.size() ? periods.get(i + 1).start() : to;
            if (period.status() == JobStatus.DELETED || !end.isAfter(from) || period.start().isAfter(to)) {
                continue;
            }
            Instant after = period.start().isBefore(from) ? from.minusNanos(1) : period.start();
            Instant until = end.isAfter(to) ? to : end;
            List<Instant> times = times(calculator, period, after, until, limit - lines.size() + 1);
            if (lines.size() + times.size() > limit) {
                truncated = true;
                times = times.subList(0, limit - lines.size());
            }
            for (Instant t : times) {
                implied.add(t);
                lines.add(line(t, period, firesByTime.getOrDefault(t, List.of()), runs));
            }
        }
        firesByTime.forEach((t, atT) -> {
            if (!implied.contains(t)) {
                lines.add(extra(t, zoneAt(periods, t), atT, triggers.get(t)));
            }
        });
        lines.sort(Comparator.comparing(Line::scheduledAt));
        return new Report(jobId, periods.get(periods.size() - 1).spec(), from, to, lines, truncated);
    }

    private static List<Instant> times(ScheduleCalculator calculator, Period period, Instant after, Instant until, int limit) {
        try {
            return calculator.between(period.spec(), period.createdAt(), after, until, limit);
        } catch (InvalidFieldException e) {
            return List.of(); // a definition the status stream refused never took effect
        }
    }

    private static Line line(Instant t, Period period, List<Fire> atT, List<RunSpan> runs) {
        ZoneId zone = zone(period.spec());
        Fire first = atT.stream().filter(f -> f.attempt() == 1).findFirst().orElse(null);
        List<Integer> retries = atT.stream().map(Fire::attempt).filter(a -> a > 1).sorted().toList();
        boolean active = period.status() == JobStatus.ACTIVE;
        String status = period.status().wire();
        if (first != null) {
            Duration late = Duration.between(t, first.firedAt());
            String note = late.compareTo(LATE) > 0 ? "fired " + EventText.duration(late) + " late" : null;
            if (!active) {
                note = "a catch-up: the job was " + status + " at this time";
            }
            return new Line(t, zone, active ? Verdict.FIRED : Verdict.CATCH_UP, status, first, retries, note);
        }
        if (!active) {
            return new Line(t, zone, Verdict.NOT_DUE, status, null, retries, "the job was " + status);
        }
        String busy = period.spec().overlap() == OverlapPolicy.SKIP ? inFlight(t, runs) : null;
        return busy == null ? new Line(t, zone, Verdict.MISSED, status, null, retries, null)
                : new Line(t, zone, Verdict.SKIPPED, status, null, retries, busy + " was in flight (overlap skip)");
    }

    /** A run that had fired before {@code t} and finished after it. */
    private static String inFlight(Instant t, List<RunSpan> runs) {
        return runs.stream()
                .filter(r -> r.firedAt() != null && !r.firedAt().isAfter(t) && r.finishedAt() != null && r.finishedAt().isAfter(t))
                .findFirst()
                .map(r -> "run " + r.fireId())
                .orElse(null);
    }

    private static Line extra(Instant t, ZoneId zone, List<Fire> atT, String trigger) {
        Fire first = atT.stream().min(Comparator.comparingInt(Fire::attempt)).orElseThrow();
        List<Integer> retries = atT.stream().map(Fire::attempt).filter(a -> a > first.attempt()).sorted().toList();
        String note = trigger != null ? "a " + trigger : "no schedule time or trigger explains it";
        return new Line(t, zone, Verdict.EXTRA, null, first, retries, note);
    }

    private static ZoneId zoneAt(List<Period> periods, Instant t) {
        Period in = periods.get(0);
        for (Period p : periods) {
            if (!p.start().isAfter(t)) {
                in = p;
            }
        }
        return zone(in.spec());
    }

    private static ZoneId zone(JobSpec spec) {
        try {
            return Schedules.parseZone(spec.timeZone());
        } catch (InvalidFieldException e) {
            return ZoneId.of("UTC");
        }
    }

    static Instant millis(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }
}
