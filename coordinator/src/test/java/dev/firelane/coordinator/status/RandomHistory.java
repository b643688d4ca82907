package dev.firelane.coordinator.status;

import static dev.firelane.coordinator.testing.JobSpecs.aJob;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random, plausible history of a few jobs: creates, updates, pauses, resumes, triggers, cancels, deletes and
 * re-creates, fires with their starts and completions of every outcome, redeliveries of earlier events, and
 * events arriving out of their natural order. Deterministic for a seed.
 */
final class RandomHistory {
    private static final String[] JOBS = {"a", "b", "c"};
    private static final RunOutcome[] OUTCOMES = RunOutcome.values();

    private final Random random;
    private final Events events = new Events();
    private final List<Object> history = new ArrayList<>();
    private int second;

    private RandomHistory(long seed) {
        this.random = new Random(seed);
    }

    static List<Object> of(long seed, int length) {
        RandomHistory h = new RandomHistory(seed);
        for (String job : JOBS) {
            h.history.add(h.events.create(h.spec(job)));
        }
        while (h.history.size() < length) {
            h.step();
        }
        return h.history;
    }

    private JobSpec spec(String job) {
        var spec = aJob(job).maxErrors(random.nextInt(3)).maxAttempts(1 + random.nextInt(2));
        return random.nextInt(4) == 0 ? spec.at(Events.T0.plusSeconds(60)).build() : spec.every("1m").build();
    }

    private void step() {
        String job = JOBS[random.nextInt(JOBS.length)];
        Instant now = Events.t(++second);
        int pick = random.nextInt(20);
        if (pick < 8) {
            runOf(job, now);
        } else if (pick < 10) {
            history.add(events.pause(job, now));
        } else if (pick < 12) {
            history.add(events.resume(job, now));
        } else if (pick == 12) {
            history.add(events.update(spec(job), now));
        } else if (pick == 13) {
            history.add(events.trigger(job, now));
        } else if (pick == 14) {
            history.add(events.cancel(job, FireIds.of(job, Events.t(random.nextInt(second) + 1), 1), now));
        } else if (pick == 15) {
            history.add(random.nextBoolean() ? events.delete(job, now) : events.create(spec(job)));
        } else if (!history.isEmpty()) {
            history.add(history.get(random.nextInt(history.size()))); // a redelivery
        }
    }

    /** A fire and (some of) its start and completions, in an order that may not be theirs. */
    private void runOf(String job, Instant scheduledAt) {
        int attempt = random.nextInt(4) == 0 ? 2 : 1;
        String fireId = FireIds.of(job, scheduledAt, attempt);
        List<Object> run = new ArrayList<>();
        run.add(new Fire(fireId, job, scheduledAt, scheduledAt.plusMillis(3), attempt, "noop", null, null, 1));
        if (random.nextBoolean()) {
            run.add(new RunEvent.Started(fireId, job, "w" + random.nextInt(2), attempt, scheduledAt,
                    scheduledAt.plusMillis(7)));
        }
        if (random.nextInt(5) > 0) {
            RunOutcome outcome = OUTCOMES[random.nextInt(OUTCOMES.length)];
            String error = outcome == RunOutcome.OK ? null : outcome.wire() + " " + random.nextInt(100);
            run.add(new RunEvent.Completed(fireId, job, "w" + random.nextInt(2), attempt, scheduledAt,
                    scheduledAt.plusMillis(7), scheduledAt.plusMillis(500 + random.nextInt(500)), outcome, error,
                    random.nextBoolean() ? 200 : null));
        }
        if (random.nextInt(4) == 0) {
            java.util.Collections.shuffle(run, random);
        }
        history.addAll(run);
    }

    static String describe(List<Object> history) {
        StringBuilder text = new StringBuilder();
        for (Object event : history) {
            text.append(event instanceof ControlCommand c ? c.kind() + " " + c.jobId() : event.toString()).append('\n');
        }
        return text.toString();
    }
}
