package dev.firelane.coordinator.fire;

import dev.firelane.protocol.MisfirePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * Pure misfire decisions: which of the schedule times missed up to now fire as catch-ups.
 *
 * <p>The missed times are the schedule times in {@code [firstMissed, now]}. The policy picks from them:
 * <ul>
 *   <li>{@code skip}: none;</li>
 *   <li>{@code once}: the most recent one;</li>
 *   <li>{@code all}: every one, oldest first, but at most the most recent {@code limit} of them.</li>
 * </ul>
 * Whatever the policy, every missed time counts as handled: the schedule goes on with the first time
 * after now. The most recent missed times are found by searching back from now in doubling windows, so a
 * long outage of a frequent schedule costs a few dozen schedule computations, not one per missed time.
 */
final class MisfirePlanner {
    /** A guard against pathological schedules: stop enumerating after this many computations. */
    static final int MAX_STEPS = 100_000;
    private static final Duration FIRST_WINDOW = Duration.ofSeconds(1);

    /** The schedule as a function: the first time strictly after the argument, if any. */
    @FunctionalInterface
    interface Times {
        Optional<Instant> nextAfter(Instant after);
    }

    /**
     * @param fires      the catch-up fires, oldest first
     * @param lastMissed the most recent missed time; null when nothing was missed
     */
    record Plan(List<Instant> fires, Instant lastMissed) {
        static final Plan NOTHING_MISSED = new Plan(List.of(), null);
    }

    private MisfirePlanner() {
    }

    /**
     * Whether a schedule time first seen at {@code now} was missed rather than merely seen late: it is
     * missed when it is older than {@code threshold}.
     */
    static boolean isMissed(Instant due, Instant now, Duration threshold) {
        return Duration.between(due, now).compareTo(threshold) > 0;
    }

    /**
     * @param firstMissed the oldest missed schedule time (a time of {@code times}); null or after
     *                    {@code now} when nothing was missed
     */
    static Plan plan(MisfirePolicy policy, int limit, Times times, Instant firstMissed, Instant now) {
        if (firstMissed == null || firstMissed.isAfter(now)) {
            return Plan.NOTHING_MISSED;
        }
        int wanted = policy == MisfirePolicy.ALL ? Math.max(1, limit) : 1;
        List<Instant> recent = mostRecent(times, firstMissed, now, wanted);
        Instant last = recent.get(recent.size() - 1);
        List<Instant> fires = switch (policy) {
            case SKIP -> List.of();
            case ONCE -> List.of(last);
            case ALL -> limit < 1 ? List.of() : recent;
        };
        return new Plan(fires, last);
    }

    /** Up to {@code wanted} of the latest times in {@code [first, now]}, oldest first; never empty. */
    static List<Instant> mostRecent(Times times, Instant first, Instant now, int wanted) {
        Duration window = FIRST_WINDOW;
        int steps = 0;
        while (true) {
            Instant lower = now.minus(window);
            boolean fromFirst = lower.isBefore(first);
            ArrayDeque<Instant> tail = new ArrayDeque<>(wanted + 1);
            Optional<Instant> t = fromFirst ? Optional.of(first) : times.nextAfter(lower);
            while (t.isPresent() && !t.get().isAfter(now) && steps < MAX_STEPS) {
                tail.addLast(t.get());
                if (tail.size() > wanted) {
                    tail.removeFirst();
                }
                steps++;
                t = times.nextAfter(t.get());
            }
            if (fromFirst || tail.size() >= wanted || steps >= MAX_STEPS) {
                if (tail.isEmpty()) {
                    tail.add(first); // only reachable through MAX_STEPS; first is a missed time
                }
                return List.copyOf(tail);
            }
            window = doubled(window, Duration.between(first, now));
        }
    }

    private static Duration doubled(Duration window, Duration span) {
        Duration twice = window.multipliedBy(2);
        // one millisecond past the span guarantees the next window reaches back to first
        return twice.compareTo(span) > 0 ? span.plusMillis(1) : twice;
    }
}
