package dev.firelane.protocol;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronField;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing of schedule texts and durations. Every method throws {@link InvalidFieldException} naming the
 * field ({@code schedule}, {@code timeZone} or the one given) with a message a user can act on.
 */
public final class Schedules {
    /** The shortest interval an {@code every} schedule may have. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    /**
     * Where the "does this cron ever fire" check starts. Fixed, so validation does not depend on the
     * clock; cron-utils searches 100 years from it, which covers every Quartz year (to 2099) and every
     * day/weekday combination (they recur within 28 years between 2000 and 2099).
     */
    public static final LocalDateTime CRON_REFERENCE = LocalDateTime.of(2000, 1, 1, 0, 0);

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** Months a cron-utils search may skip because it cannot build a day such as "31W" in April. */
    private static final int MAX_SKIPPED_MONTHS = 24;
    /** {@code nW} from here on is refused: cron-utils throws in shorter months and keeps a Sunday month end. */
    private static final int FIRST_UNSUPPORTED_NEAREST_WEEKDAY = 28;
    private static final Pattern NEAREST_WEEKDAY = Pattern.compile("(\\d+)W");

    private Schedules() {
    }

    /**
     * An {@code every} interval: {@code 500ms}, {@code 5s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO-8601
     * ({@code PT5S}); at least one second, whole milliseconds. Refusals name {@code schedule}.
     */
    public static Duration parseEvery(String text) {
        Duration interval = parse("schedule", "interval", text);
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new InvalidFieldException("schedule", "interval '" + text + "' is shorter than the minimum of 1s");
        }
        if (!interval.truncatedTo(ChronoUnit.MILLIS).equals(interval)) {
            throw new InvalidFieldException("schedule", "interval '" + text + "' must be a whole number of milliseconds");
        }
        return interval;
    }

    /**
     * A duration in the grammar of {@link #parseEvery} ({@code 30s}, {@code 10m}, {@code PT30S}, …), zero or
     * more; ranges are the caller's to check. Refusals name {@code field}, e.g. {@code timeout}.
     */
    public static Duration parseDuration(String field, String text) {
        return parse(field, "duration", text);
    }

    private static Duration parse(String field, String noun, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException(field, "a " + noun + " is required, e.g. 5s, 10m or PT5S");
        }
        String trimmed = text.trim();
        Duration duration;
        try {
            Matcher m = SHORT_DURATION.matcher(trimmed.toLowerCase(Locale.ROOT));
            duration = m.matches() ? shortForm(Long.parseLong(m.group(1)), m.group(2))
                    : Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "'" + text + "' is not a " + noun + "; use e.g. 5s, 10m, 2h or PT5S");
        } catch (ArithmeticException e) {
            throw new InvalidFieldException(field, noun + " '" + text + "' is too long");
        }
        if (duration.isNegative()) {
            throw new InvalidFieldException(field, noun + " '" + text + "' is negative");
        }
        return duration;
    }

    private static Duration shortForm(long n, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** An ISO-8601 instant ({@code 2026-01-01T00:00:00Z}) or date-time with offset. */
    public static Instant parseAt(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException("schedule", "an instant is required, e.g. 2026-01-01T09:00:00Z");
        }
        try {
            return Instants.parseIso(text.trim());
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
     * (seconds first, optional year; one of day-of-month and day-of-week must be {@code ?}). An
     * expression that no date matches ({@code 0 0 30 2 *}, {@code 0 0 0 31 4 ?}, a year before 2000) is
     * refused: it would never fire. So is a nearest weekday from {@code 28W} on, which cron-utils gets
     * wrong at month ends ({@code LW} is fine).
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
        Cron cron;
        try {
            cron = parser.parse(trimmed).validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("schedule", "invalid cron '" + text + "': " + e.getMessage());
        }
        checkNearestWeekday(cron, text);
        if (nextMatch(ExecutionTime.forCron(cron), CRON_REFERENCE).isEmpty()) {
            throw new InvalidFieldException("schedule", "cron '" + text + "' never fires: no date from "
                    + CRON_REFERENCE.getYear() + " on matches it; check the day of month against the month"
                    + " (February has no 30th, April no 31st) and the year field");
        }
        return cron;
    }

    private static void checkNearestWeekday(Cron cron, String text) {
        CronField dayOfMonth = cron.retrieve(CronFieldName.DAY_OF_MONTH);
        Matcher m = NEAREST_WEEKDAY.matcher(dayOfMonth == null ? "" : dayOfMonth.getExpression().asString());
        if (m.matches() && Integer.parseInt(m.group(1)) >= FIRST_UNSUPPORTED_NEAREST_WEEKDAY) {
            throw new InvalidFieldException("schedule", "cron '" + text + "': the nearest weekday (W) is supported"
                    + " for days 1W to " + (FIRST_UNSUPPORTED_NEAREST_WEEKDAY - 1) + "W; use LW for the last weekday of the month");
        }
    }

    /**
     * The first wall-clock date-time strictly after {@code after} that {@code cron} matches, in whole
     * seconds; empty if there is none within cron-utils' search horizon (100 years).
     *
     * <p>It works on wall-clock times only (cron-utils runs in UTC, where no time is skipped or
     * repeated), so mapping the result to an instant, and with it the DST rules, is the caller's. It
     * also guards against a cron-utils fault: for a day a month lacks ({@code 31W} in April) cron-utils
     * throws instead of skipping the month; such months are skipped here ({@link #parseCron} refuses
     * those expressions anyway).
     */
    public static Optional<LocalDateTime> nextMatch(ExecutionTime cron, LocalDateTime after) {
        // cron-utils carries the sub-second part of its input into the result; cron has whole seconds
        LocalDateTime from = after.truncatedTo(ChronoUnit.SECONDS);
        boolean fromIncluded = false;
        for (int skipped = 0; skipped <= MAX_SKIPPED_MONTHS; skipped++) {
            try {
                if (fromIncluded && matches(cron, from)) {
                    return Optional.of(from);
                }
                return cron.nextExecution(from.atZone(ZoneOffset.UTC)).map(z -> z.toLocalDateTime());
            } catch (DateTimeException e) {
                // it failed on a month without the day asked for, which has no match; nor has the time before it
                from = from.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                fromIncluded = true;
            }
        }
        return Optional.empty();
    }

    private static boolean matches(ExecutionTime cron, LocalDateTime time) {
        try {
            return cron.isMatch(time.atZone(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return false; // isMatch looks back into the month cron-utils cannot build
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
