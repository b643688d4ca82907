package dev.firelane.bench;

import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.OverlapPolicy;
import dev.firelane.protocol.ScheduleKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic population of jobs, half {@code every} and half cron (Quartz and Unix forms, ten
 * zones), registered at {@code start}. Exactly {@link #dueCount()} of them are first due at
 * {@link #dueAt()}, a minute after {@code start}; every other job is first due more than
 * {@link #QUIET_AFTER_DUE} later than that. Policies are the defaults, except that the due jobs allow
 * overlap, so that they fire again a minute later although no run of theirs completes.
 */
final class JobMix {
    static final Duration DUE_AFTER = Duration.ofMinutes(1);

    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo",
            "Asia/Kolkata", "Australia/Sydney", "America/Los_Angeles", "Europe/London", "America/Sao_Paulo",
            "Africa/Johannesburg");
    /** After dueAt, nothing but the due jobs fires for this long (cron jobs: minute 5 at the earliest). */
    static final Duration QUIET_AFTER_DUE = Duration.ofMinutes(4);
    private static final List<Duration> INTERVALS = List.of(Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1));
    // never the local minute of dueAt or the one before it in any of ZONES (whole and half-hour offsets)
    private static final int[] MINUTES = {5, 10, 15, 20, 25, 35, 40, 45, 50, 55};
    private static final int HOURS = 24;
    private static final int CRON_FORMS = 3;

    private final int jobs;
    private final int due;
    private final int stride;
    private final Instant start;

    /**
     * @param start a whole minute (due jobs are anchored on it)
     */
    JobMix(int jobs, int due, Instant start) {
        if (jobs < 1 || due < 1 || due > jobs) {
            throw new IllegalArgumentException("need 1 <= due <= jobs; got jobs=" + jobs + " due=" + due);
        }
        if (start.getEpochSecond() % 60 != 0 || start.getNano() != 0) {
            throw new IllegalArgumentException("start must be a whole minute; got " + start);
        }
        this.jobs = jobs;
        this.due = due;
        this.stride = jobs / due;
        this.start = start;
    }

    int size() {
        return jobs;
    }

    int dueCount() {
        return due;
    }

    Instant dueAt() {
        return start.plus(DUE_AFTER);
    }

    static String id(int i) {
        return String.format("job-%07d", i);
    }

    JobState job(int i) {
        String id = id(i);
        JobSpec spec;
        Instant anchor = start;
        if (isDue(i)) {
            // overlap allow: nothing completes runs here, and the due set must fire again a minute later
            spec = (i / stride) % 2 == 0
                    ? spec(id, ScheduleKind.EVERY, "1m", "UTC", OverlapPolicy.ALLOW)
                    : spec(id, ScheduleKind.CRON, "0 * * * * ?", "UTC", OverlapPolicy.ALLOW);
        } else if (i % 2 == 0) {
            Duration interval = INTERVALS.get((i / 2) % INTERVALS.size());
            // spread first fires over the interval, but none before dueAt + QUIET_AFTER_DUE
            long spread = interval.minus(DUE_AFTER).minus(QUIET_AFTER_DUE).minusSeconds(1).toMillis();
            anchor = start.minusMillis(new SplittableRandom(i).nextLong(spread));
            spec = spec(id, ScheduleKind.EVERY, interval.toString(), "UTC", null);
        } else {
            int j = i / 2;
            int minute = MINUTES[j % MINUTES.length];
            int hour = (j / MINUTES.length) % HOURS;
            int form = (j / (MINUTES.length * HOURS)) % CRON_FORMS;
            String zone = ZONES.get((j / (MINUTES.length * HOURS * CRON_FORMS)) % ZONES.size());
            String cron = switch (form) {
                case 0 -> "30 " + minute + " " + hour + " * * ?";
                case 1 -> "30 " + minute + " " + hour + " ? * MON-FRI";
                default -> minute + " " + hour + " * * *";
            };
            spec = spec(id, ScheduleKind.CRON, cron, zone, null);
        }
        return new JobState(spec, JobStatus.ACTIVE, 1, anchor, start);
    }

    boolean isDue(int i) {
        return i % stride == 0 && i / stride < due;
    }

    private static JobSpec spec(String id, ScheduleKind kind, String schedule, String zone, OverlapPolicy overlap) {
        return new JobSpec(id, kind, schedule, zone, "noop", null, 0, overlap, null);
    }
}
