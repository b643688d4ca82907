package dev.firelane.coordinator.schedule;

import com.cronutils.model.time.ExecutionTime;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A parsed schedule: the pure function (anchor, after) → first fire time strictly after {@code after}.
 * Fire times have millisecond precision, as fire ids and the due index do.
 */
sealed interface CompiledSchedule {
    Optional<Instant> nextAfter(Instant anchor, Instant after);

    /** Fixed rate from the anchor: anchor + k * interval, k >= 1, so fires never drift. */
    record Every(Duration interval) implements CompiledSchedule {
        @Override
        public Optional<Instant> nextAfter(Instant anchor, Instant after) {
            Instant start = anchor.truncatedTo(ChronoUnit.MILLIS);
            try {
                long k = after.isBefore(start) ? 1 : Duration.between(start, after).dividedBy(interval) + 1;
                return Optional.of(start.plus(interval.multipliedBy(k)));
            } catch (ArithmeticException | DateTimeException e) {
                return Optional.empty(); // beyond the representable future
            }
        }
    }

    /** A single instant. */
    record At(Instant instant) implements CompiledSchedule {
        public At {
            instant = instant.truncatedTo(ChronoUnit.MILLIS);
        }

        @Override
        public Optional<Instant> nextAfter(Instant anchor, Instant after) {
            return instant.isAfter(after) ? Optional.of(instant) : Optional.empty();
        }
    }

    /** A cron expression evaluated in a time zone. */
    record Cron(ExecutionTime executionTime, ZoneId zone) implements CompiledSchedule {
        // cron-utils has had off-by-one bugs around DST edges; a few steps is plenty
        private static final int MAX_STEPS = 4;

        @Override
        public Optional<Instant> nextAfter(Instant anchor, Instant after) {
            // cron-utils carries the sub-second part of its input into the result; cron has whole seconds
            ZonedDateTime from = after.atZone(zone).truncatedTo(ChronoUnit.SECONDS);
            for (int step = 0; step < MAX_STEPS; step++) {
                Optional<ZonedDateTime> next = executionTime.nextExecution(from);
                if (next.isEmpty()) {
                    return Optional.empty();
                }
                Instant candidate = next.get().toInstant().truncatedTo(ChronoUnit.SECONDS);
                if (candidate.isAfter(after)) {
                    return Optional.of(candidate);
                }
                from = next.get();
            }
            return Optional.empty();
        }
    }
}
