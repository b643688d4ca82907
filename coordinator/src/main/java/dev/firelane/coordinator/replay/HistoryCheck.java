package dev.firelane.coordinator.replay;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.DeadLetter;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.RunEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks a history — the records of {@code control}, {@code fires}, {@code runs} and {@code job-state}, and the live
 * {@code jobs} rows — against the invariants of Firelane, in the manner of Jepsen's checkers: each violation is
 * printed with the records that show it. Pure: the caller reads the topics and the database ({@link Replay#check}).
 *
 * <ul>
 *   <li><b>pause sticks</b>: after a {@code paused} state of a job, the next state of the same incarnation is
 *       {@code paused} again, a tombstone, or the result of a {@code Resume} (its {@code updatedAt} is that resume's
 *       request time); never {@code active}, {@code completed} or {@code failed} on its own.</li>
 *   <li><b>no fire after a seen pause</b>: no fire of the job's incarnation is emitted more than {@code seenWithin}
 *       after its pause was applied (the paused state's record time), until the state that ends the pause.</li>
 *   <li><b>exactly-once effect</b>: a job's {@code run_count} is the number of distinct fire ids of its current
 *       incarnation whose first completion was a run (not {@code skipped}).</li>
 *   <li><b>nothing lost</b>: every fire has a completion, unless it may still be going: reported within
 *       {@code settle} of the end of the history, or younger than its bound (its deadline, or {@code inFlightTtl}
 *       for a fire without one) plus {@code settle}.</li>
 *   <li><b>no duplicate fires</b>: each fire id is on {@code fires} once (the topic read committed).</li>
 *   <li><b>bad input refused</b>: every record of the four topics that cannot be read is on {@code dlq}, refused by
 *       at least one component with a reason, so that no bad record was lost or stalled a partition unnoticed; and
 *       every dead letter can be read and names its reason ({@link #badInputRefused}).</li>
 *   <li><b>no partition stalls</b>: no consumer group of Firelane (the status stream, the fire topology, the
 *       workers) has left a record of its input unconsumed for longer than {@code settle}: a record that stops a
 *       partition (bad input, a fire that never settles, an apply fault retried forever) shows as the first record
 *       past the group's committed offset, growing old ({@link PartitionStalls}).</li>
 * </ul>
 * Replay equals live is checked beside it by rebuilding and comparing the databases ({@link DatabaseDiff}).
 */
public final class HistoryCheck {
    public static final String PAUSE_STICKS = "pause sticks";
    public static final String NO_FIRE_AFTER_PAUSE = "no fire after a seen pause";
    public static final String EXACTLY_ONCE = "exactly-once effect";
    public static final String NOTHING_LOST = "nothing lost";
    public static final String NO_DUPLICATE_FIRES = "no duplicate fires";
    public static final String BAD_INPUT_REFUSED = "bad input refused";
    public static final String NO_PARTITION_STALLS = "no partition stalls";

    /**
     * @param seenWithin  how long after a pause was applied the coordinator may still emit a fire (it reads the
     *                    pause from {@code control} itself, usually within milliseconds)
     * @param settle      how long before the end of the history a fire may still be going without an outcome
     * @param inFlightTtl the coordinator's bound on a fire no worker reported ({@code inFlightTtl}, 1 h)
     */
    public record Settings(Duration seenWithin, Duration settle, Duration inFlightTtl) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofHours(1));

        public Settings {
            Objects.requireNonNull(seenWithin, "seenWithin");
            Objects.requireNonNull(settle, "settle");
            Objects.requireNonNull(inFlightTtl, "inFlightTtl");
        }
    }

    /** A row of {@code jobs} as the check needs it. */
    public record JobRowSummary(String id, String status, long runCount, long incarnation) {
    }

    /** One broken invariant and the records that show it ({@link ReplayRecord#position()} and what each says). */
    public record Violation(String jobId, String what, List<String> evidence) {
        public Violation {
            evidence = List.copyOf(evidence);
        }
    }

    /** One invariant: how many things were checked, and what broke it. */
    public record Result(String invariant, long checked, List<Violation> violations, String note) {
        public Result {
            violations = List.copyOf(violations);
        }

        public boolean holds() {
            return violations.isEmpty();
        }
    }

    private final Settings settings;

    public HistoryCheck(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param control, fires, runs, jobState each topic's records, every partition in offset order
     * @param jobs     the live rows by id; null when no database was read (exactly-once is then not checked)
     * @param runsComplete false when retention has deleted records of {@code runs} (counts cannot be compared)
     */
    public List<Result> check(List<ReplayRecord> control, List<ReplayRecord> fires, List<ReplayRecord> runs,
                              List<ReplayRecord> jobState, Map<String, JobRowSummary> jobs, boolean runsComplete) {
        Instant end = latest(control, fires, runs, jobState);
        Map<String, List<ReplayRecord>> statesByJob = byJob(jobState);
        Map<String, List<ReplayRecord>> firesByJob = byJob(fires);
        List<Result> results = new ArrayList<>();
        results.add(pauseSticks(statesByJob, byJob(control)));
        results.add(noFireAfterPause(statesByJob, firesByJob));
        results.add(exactlyOnce(runs, jobs, runsComplete));
        results.add(nothingLost(fires, runs, end));
        results.add(noDuplicateFires(fires));
        return results;
    }

    private static Result pauseSticks(Map<String, List<ReplayRecord>> statesByJob, Map<String, List<ReplayRecord>> controlByJob) {
        List<Violation> violations = new ArrayList<>();
        long checked = 0;
        for (var entry : statesByJob.entrySet()) {
            Set<Instant> resumes = new TreeSet<>();
            for (ReplayRecord r : controlByJob.getOrDefault(entry.getKey(), List.of())) {
                if (r.event() instanceof ControlCommand.Resume resume) {
                    resumes.add(resume.requestedAt().truncatedTo(ChronoUnit.MILLIS));
                }
            }
            ReplayRecord paused = null;
            for (ReplayRecord r : entry.getValue()) {
                JobState state = r.event() instanceof JobState s ? s : null;
                if (paused != null && state != null && state.incarnation() == ((JobState) paused.event()).incarnation()
                        && state.status() != JobStatus.PAUSED) {
                    checked++;
                    if (!resumes.contains(state.updatedAt().truncatedTo(ChronoUnit.MILLIS))) {
                        violations.add(new Violation(entry.getKey(), "left paused for " + state.status().wire()
                                + " without a resume", List.of(describe(paused), describe(r))));
                    }
                }
                // a tombstone or any other state ends the pause (a re-created job starts afresh)
                paused = state != null && state.status() == JobStatus.PAUSED ? r : null;
            }
        }
        return new Result(PAUSE_STICKS, checked, violations, null);
    }

    private Result noFireAfterPause(Map<String, List<ReplayRecord>> statesByJob, Map<String, List<ReplayRecord>> firesByJob) {
        List<Violation> violations = new ArrayList<>();
        long checked = 0;
        for (var entry : statesByJob.entrySet()) {
            List<ReplayRecord> jobFires = firesByJob.getOrDefault(entry.getKey(), List.of());
            List<ReplayRecord> states = entry.getValue();
            for (int i = 0; i < states.size(); i++) {
                if (!(states.get(i).event() instanceof JobState paused) || paused.status() != JobStatus.PAUSED) {
                    continue;
                }
                checked++;
                Instant from = states.get(i).timestamp().plus(settings.seenWithin());
                Instant until = null;
                for (int j = i + 1; j < states.size() && until == null; j++) {
                    Object next = states.get(j).event();
                    if (!(next instanceof JobState s) || s.status() != JobStatus.PAUSED) {
                        until = next instanceof JobState s2 ? s2.updatedAt() : states.get(j).timestamp();
                    }
                }
                for (ReplayRecord f : jobFires) {
                    Fire fire = (Fire) f.event();
                    if (fire.incarnation() == paused.incarnation() && fire.firedAt().isAfter(from)
                            && (until == null || fire.firedAt().isBefore(until))) {
                        violations.add(new Violation(entry.getKey(), "fired " + Duration.between(states.get(i).timestamp(),
                                fire.firedAt()).toMillis() + " ms after its pause was applied",
                                List.of(describe(states.get(i)), describe(f))));
                    }
                }
            }
        }
        return new Result(NO_FIRE_AFTER_PAUSE, checked, violations, null);
    }

    private static Result exactlyOnce(List<ReplayRecord> runs, Map<String, JobRowSummary> jobs, boolean runsComplete) {
        if (jobs == null) {
            return new Result(EXACTLY_ONCE, 0, List.of(), "not checked: no database read");
        }
        if (!runsComplete) {
            return new Result(EXACTLY_ONCE, 0, List.of(), "not checked: retention deleted records of runs");
        }
        Map<String, ReplayRecord> firstCompletion = new LinkedHashMap<>();
        for (ReplayRecord r : runs) {
            if (r.event() instanceof RunEvent.Completed c) {
                firstCompletion.putIfAbsent(c.fireId(), r);
            }
        }
        Map<String, List<ReplayRecord>> counted = new HashMap<>();
        for (ReplayRecord r : firstCompletion.values()) {
            RunEvent.Completed c = (RunEvent.Completed) r.event();
            JobRowSummary job = jobs.get(c.jobId());
            if (job != null && c.outcome().isRun() && incarnationOf(c.fireId()) == job.incarnation()) {
                counted.computeIfAbsent(c.jobId(), id -> new ArrayList<>()).add(r);
            }
        }
        List<Violation> violations = new ArrayList<>();
        for (JobRowSummary job : jobs.values()) {
            if ("deleted".equals(job.status())) {
                continue; // a deleted row keeps its last counts; its runs may go on being recorded
            }
            List<ReplayRecord> runsOfJob = counted.getOrDefault(job.id(), List.of());
            if (runsOfJob.size() != job.runCount()) {
                List<String> evidence = new ArrayList<>();
                evidence.add("jobs." + job.id() + ".run_count = " + job.runCount());
                runsOfJob.stream().limit(10).map(HistoryCheck::describe).forEach(evidence::add);
                if (runsOfJob.size() > 10) {
                    evidence.add("… and " + (runsOfJob.size() - 10) + " more counted completions");
                }
                violations.add(new Violation(job.id(), "run_count " + job.runCount() + " but " + runsOfJob.size()
                        + " fires of incarnation " + job.incarnation() + " completed with a run", evidence));
            }
        }
        return new Result(EXACTLY_ONCE, jobs.size(), violations, null);
    }

    private Result nothingLost(List<ReplayRecord> fires, List<ReplayRecord> runs, Instant end) {
        Set<String> completed = new TreeSet<>();
        Map<String, Instant> lastReport = new HashMap<>();
        for (ReplayRecord r : runs) {
            if (r.event() instanceof RunEvent.Completed c) {
                completed.add(c.fireId());
            } else if (r.event() instanceof RunEvent event) {
                lastReport.merge(event.fireId(), r.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        List<Violation> violations = new ArrayList<>();
        long open = 0;
        Instant settledBefore = end.minus(settings.settle());
        for (ReplayRecord r : fires) {
            Fire fire = (Fire) r.event();
            if (completed.contains(fire.fireId())) {
                continue;
            }
            Instant reported = lastReport.get(fire.fireId());
            Instant bound = fire.deadline() != null ? fire.deadline() : fire.firedAt().plus(settings.inFlightTtl());
            boolean mayBeGoing = (reported != null && reported.isAfter(settledBefore)) || bound.isAfter(settledBefore);
            if (mayBeGoing) {
                open++;
            } else {
                violations.add(new Violation(fire.jobId(), "fire " + fire.fireId() + " has no outcome", List.of(describe(r))));
            }
        }
        return new Result(NOTHING_LOST, fires.size(), violations,
                open == 0 ? null : open + " fire(s) still in flight at the end of the history");
    }

    private static Result noDuplicateFires(List<ReplayRecord> fires) {
        Map<String, List<ReplayRecord>> byId = new TreeMap<>();
        for (ReplayRecord r : fires) {
            byId.computeIfAbsent(((Fire) r.event()).fireId(), id -> new ArrayList<>()).add(r);
        }
        List<Violation> violations = new ArrayList<>();
        byId.forEach((id, copies) -> {
            if (copies.size() > 1) {
                violations.add(new Violation(((Fire) copies.get(0).event()).jobId(), "fire " + id + " emitted "
                        + copies.size() + " times", copies.stream().map(HistoryCheck::describe).toList()));
            }
        });
        return new Result(NO_DUPLICATE_FIRES, byId.size(), violations, null);
    }

    /**
     * Bad input refused: each malformed record of {@code topics} (control, fires, runs, job-state) has a dead letter
     * naming its topic, partition and offset, and every dead letter is readable and gives a reason.
     *
     * @param dlq the records of {@code dlq}; null when the topic does not exist (nothing is checked then)
     */
    public static Result badInputRefused(List<List<ReplayRecord>> topics, List<ReplayRecord> dlq) {
        if (dlq == null) {
            return new Result(BAD_INPUT_REFUSED, 0, List.of(), "not checked: there is no dlq topic");
        }
        List<Violation> violations = new ArrayList<>();
        Map<String, Set<String>> letteredByTopic = new HashMap<>();
        Map<String, Long> byComponent = new TreeMap<>();
        for (ReplayRecord r : dlq) {
            if (!(r.event() instanceof DeadLetter letter)) {
                violations.add(new Violation(String.valueOf(r.key()), "a dead letter that cannot be read: "
                        + r.malformed(), List.of(describe(r))));
                continue;
            }
            if (letter.reason().isBlank()) {
                violations.add(new Violation(String.valueOf(r.key()), "a dead letter without a reason", List.of(describe(r))));
            }
            letteredByTopic.computeIfAbsent(letter.sourceTopic(), t -> new HashSet<>())
                    .add(letter.partition() + "@" + letter.offset());
            byComponent.merge(letter.rejectedBy() == null ? "unknown" : letter.rejectedBy(), 1L, Long::sum);
        }
        long malformed = 0;
        for (List<ReplayRecord> topic : topics) {
            for (ReplayRecord r : topic) {
                if (!r.isMalformed()) {
                    continue;
                }
                malformed++;
                String position = r.partition() + "@" + r.offset();
                boolean lettered = letteredByTopic.entrySet().stream()
                        .anyMatch(e -> isTopic(e.getKey(), r.topic()) && e.getValue().contains(position));
                if (!lettered) {
                    violations.add(new Violation(String.valueOf(r.key()), "a record of " + r.topic()
                            + " that cannot be read is on no dead letter (" + r.malformed() + ")", List.of(describe(r))));
                }
            }
        }
        return new Result(BAD_INPUT_REFUSED, malformed + dlq.size(), violations, String.format(Locale.ROOT,
                "%d unreadable record(s) on the topics; %d dead letter(s)%s", malformed, dlq.size(),
                byComponent.isEmpty() ? "" : ", by component " + byComponent));
    }

    /** Whether a dead letter's full source topic name ({@code firelane.control}) is the replayed topic {@code control}. */
    private static boolean isTopic(String sourceTopic, String baseName) {
        if (sourceTopic.equals(baseName)) {
            return true;
        }
        // any prefix, as long as it ends in a separator: "firelane." or "prod-", not "my" + "runs"
        return sourceTopic.endsWith(baseName)
                && !Character.isLetterOrDigit(sourceTopic.charAt(sourceTopic.length() - baseName.length() - 1));
    }

    /** The readable records by job id (key), in the given order; malformed ones are the dlq's business. */
    private static Map<String, List<ReplayRecord>> byJob(List<ReplayRecord> records) {
        Map<String, List<ReplayRecord>> out = new LinkedHashMap<>();
        for (ReplayRecord r : records) {
            if (!r.isMalformed() && r.key() != null) {
                out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    @SafeVarargs
    private static Instant latest(List<ReplayRecord>... topics) {
        Instant end = Instant.EPOCH;
        for (List<ReplayRecord> topic : topics) {
            for (ReplayRecord r : topic) {
                end = r.timestamp().isAfter(end) ? r.timestamp() : end;
            }
        }
        return end;
    }

    private static long incarnationOf(String fireId) {
        try {
            return FireIds.incarnationOf(fireId);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static String describe(ReplayRecord r) {
        String what;
        if (r.isMalformed()) {
            what = "unreadable: " + r.malformed();
        } else if (r.event() == null) {
            what = r.topic().equals("job-state") ? "tombstone" : "(no value)";
        } else if (r.event() instanceof DeadLetter d) {
            what = "dead letter of " + d.sourceTopic() + "-" + d.partition() + "@" + d.offset() + " refused by "
                    + d.rejectedBy() + ": " + d.reason();
        } else if (r.event() instanceof JobState s) {
            what = "state " + s.status().wire() + " generation " + s.generation() + " incarnation " + s.incarnation()
                    + " updatedAt " + s.updatedAt();
        } else if (r.event() instanceof Fire f) {
            what = "fire " + f.fireId() + " scheduled " + f.scheduledAt() + " fired " + f.firedAt() + " generation "
                    + f.generation();
        } else if (r.event() instanceof RunEvent e) {
            what = EventText.describe(e, r.timestamp()) + " of " + e.fireId();
        } else {
            what = EventText.describe(r.event(), r.timestamp());
        }
        return r.position() + " " + r.timestamp() + " " + what;
    }
}
