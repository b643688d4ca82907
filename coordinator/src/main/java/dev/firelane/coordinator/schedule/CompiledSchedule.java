package dev.firelane.coordinator.schedule;

import com.cronutils.model.time.ExecutionTime;
import dev.firelane.protocol.Schedules;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A parsed schedule: the pure function (anchor, after) → first fire time strictly after {@code after}.
 * Fire times have millisecond precision, as fire ids and the due index do.
 */
sealed interface CompiledSchedule {
    Optional<Instant> nextAfter(Instant anchor, Instant after);

    /**
     * Fixed rate from the anchor: anchor + k * interval, k >= 1, so fires never drift. Pure instants: no
     * zone, so DST changes nothing.
     */
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

    /**
     * A cron expression read as wall-clock times in a zone. cron-utils only enumerates the matching
     * wall-clock times (in UTC, where none is skipped or repeated); {@link WallClock} maps each to its
     * instant, which is where the DST rules live.
     */
    record Cron(ExecutionTime executionTime, ZoneId zone) implements CompiledSchedule {
        // a skipped gap or overlap is passed in one step; more steps than this would be a bug, not a schedule
        private static final int MAX_STEPS = 8;
        // cron-utils' first year; nothing fires before it
        private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

        @Override
        public Optional<Instant> nextAfter(Instant anchor, Instant after) {
            LocalDateTime local;
            try {
                local = LocalDateTime.ofInstant(after.isBefore(EARLIEST) ? EARLIEST : after, zone);
            } catch (DateTimeException e) {
                return Optional.empty(); // beyond the representable future
            }
            for (int step = 0; step < MAX_STEPS; step++) {
                Optional<LocalDateTime> match = Schedules.nextMatch(executionTime, local);
                if (match.isEmpty()) {
                    return Optional.empty();
                }
                Instant fire = WallClock.fireInstant(match.get(), zone);
                if (fire.isAfter(after)) {
                    return Optional.of(fire);
                }
                // a skipped time (fired at the gap's end) or a repeated one (fired at its first occurrence)
                // that is already behind: so is the rest of its gap or overlap
                local = WallClock.lastSecondOfTransition(match.get(), zone);
            }
            return Optional.empty();
        }
    }
}
