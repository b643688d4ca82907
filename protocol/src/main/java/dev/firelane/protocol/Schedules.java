package dev.firelane.protocol;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing of schedule texts. Every method throws {@link InvalidFieldException} naming the field
 * ({@code schedule} or {@code timeZone}) with a message a user can act on.
 */
public final class Schedules {
    /** The shortest interval an {@code every} schedule may have. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private Schedules() {
    }

    /** {@code 500ms}, {@code 5s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT5S}); at least one second. */
    public static Duration parseEvery(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException("schedule", "an interval is required, e.g. 5s, 10m or PT5S");
        }
        String trimmed = text.trim();
        Duration interval;
        Matcher m = SHORT_DURATION.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            interval = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                interval = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException("schedule",
                        "'" + text + "' is not an interval; use e.g. 5s, 10m, 2h or PT5S");
            }
        }
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new InvalidFieldException("schedule", "interval '" + text + "' is shorter than the minimum of 1s");
        }
        return interval;
    }

    /** An ISO-8601 instant ({@code 2026-01-01T00:00:00Z}) or date-time with offset. */
    public static Instant parseAt(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException("schedule", "an instant is required, e.g. 2026-01-01T09:00:00Z");
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new InvalidFieldException("schedule",
                        "'" + text + "' is not an ISO-8601 instant, e.g. 2026-01-01T09:00:00Z");
            }
        }
    }

    /**
     * A cron expression: 5 fields are read as Unix cron (minute precision), 6 or 7 fields as Quartz
     * (seconds first, optional year; one of day-of-month and day-of-week must be {@code ?}).
     */
    public static Cron parseCron(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException("schedule", "a cron expression is required, e.g. '0 */5 * * * ?' or '*/5 * * * *'");
        }
        String trimmed = text.trim();
        int fields = trimmed.split("\\s+").length;
        CronParser parser;
        if (fields == 5) {
            parser = UNIX;
        } else if (fields == 6 || fields == 7) {
            parser = QUARTZ;
        } else {
            throw new InvalidFieldException("schedule", "cron '" + text + "' has " + fields
                    + " fields; use 5 (Unix: min hour dom month dow) or 6-7 (Quartz: sec min hour dom month dow [year])");
        }
        try {
            return parser.parse(trimmed).validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("schedule", "invalid cron '" + text + "': " + e.getMessage());
        }
    }

    /** An IANA time zone id such as {@code Europe/Berlin}. */
    public static ZoneId parseZone(String text) {
        try {
            return ZoneId.of(text == null || text.isBlank() ? JobSpec.DEFAULT_TIME_ZONE : text.trim());
        } catch (DateTimeException e) {
            throw new InvalidFieldException("timeZone", "unknown time zone '" + text + "'; use an IANA id such as Europe/Berlin");
        }
    }
}
