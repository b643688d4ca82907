package dev.firelane.coordinator.api;

import dev.firelane.protocol.Schedules;
import java.time.Duration;

/**
 * Durations as the API shows them: the short form users type ({@code 1500ms}, {@code 30s}, {@code 5m},
 * {@code 2h}, {@code 1d}), in the largest unit that states the value exactly. Input also takes ISO-8601
 * ({@code PT30S}); a value given as {@code PT30S} is shown back as {@code 30s}.
 */
final class DurationText {
    private DurationText() {
    }

    /** Parses a duration field (ranges are the validator's); refusals name {@code field}. */
    static Duration parse(String field, String text) {
        return Schedules.parseDuration(field, text);
    }

    /** The short form of {@code millis}, or null for null. */
    static String format(Long millis) {
        if (millis == null) {
            return null;
        }
        long ms = millis;
        if (ms != 0 && ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    static String format(Duration duration) {
        return duration == null ? null : format(duration.toMillis());
    }
}
