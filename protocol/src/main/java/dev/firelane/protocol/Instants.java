package dev.firelane.protocol;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Instants as text, fast. Every event carries a few instants, and {@link DateTimeFormatter} parsing (what
 * Jackson's {@code InstantDeserializer} and {@link Instant#parse} use) cost more than the rest of an event's
 * JSON together. These read and write the forms Firelane writes itself — ISO-8601 in UTC
 * ({@code 2026-11-26T10:00:00.250Z}, years 0001–9999) and the database's {@code 2026-11-26 10:00:00.250} —
 * by hand; anything else goes to the JDK's formatter, so what they accept and print is exactly what the JDK
 * does.
 */
public final class Instants {
    private static final long SECONDS_PER_DAY = 86_400;
    /**
     * 0001-01-01T00:00:00Z and the first instant of year 10000: the years every form writes with four digits
     * the same way (year 0 is 0000 in ISO-8601 but 0001 BC as {@code yyyy}).
     */
    private static final long MIN_FAST = LocalDate.of(1, 1, 1).toEpochDay() * SECONDS_PER_DAY;
    private static final long MAX_FAST = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY;

    private static final DateTimeFormatter SQL_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);

    private Instants() {
    }

    /** What {@link DateTimeFormatter#ISO_INSTANT} prints: the fraction in groups of three digits, none when zero. */
    public static String iso(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_FAST || seconds >= MAX_FAST) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        char[] out = new char[30];
        int at = dateTime(out, seconds, 'T');
        int nanos = instant.getNano();
        if (nanos != 0) {
            out[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                at = digits(out, at, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                at = digits(out, at, nanos / 1_000, 6);
            } else {
                at = digits(out, at, nanos, 9);
            }
        }
        out[at++] = 'Z';
        return new String(out, 0, at);
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSS} in UTC, the text a {@code DATETIME(3)} column takes. */
    public static String sqlMillis(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_FAST || seconds >= MAX_FAST) {
            return SQL_MILLIS.format(instant);
        }
        char[] out = new char[23];
        int at = dateTime(out, seconds, ' ');
        out[at++] = '.';
        digits(out, at, instant.getNano() / 1_000_000, 3);
        return new String(out);
    }

    /** Parses an ISO-8601 instant as {@link Instant#parse} does (the same text accepted, the same instant). */
    public static Instant parseIso(CharSequence text) {
        Instant fast = parseCanonical(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with fields in range, as an instant; null for any other text, which
     * the caller hands to the JDK (its own error message, or a form this does not read).
     */
    public static Instant parseCanonical(CharSequence s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int second = number(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int digits = n - 21;
            if (s.charAt(19) != '.' || digits < 1 || digits > 9) {
                return null;
            }
            nanos = number(s, 20, digits);
            if (nanos < 0) {
                return null;
            }
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        } else if (s.charAt(19) != 'Z') {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay(); // refuses 2026-02-30 as Instant.parse does
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The value of {@code length} decimal digits at {@code from}, or -1 if any is not a digit. */
    private static int number(CharSequence s, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Writes {@code yyyy-MM-dd?HH:mm:ss} of a UTC epoch second within years 0001–9999; returns the next index. */
    private static int dateTime(char[] out, long epochSecond, char separator) {
        long epochDay = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int at = digits(out, 0, date.getYear(), 4);
        out[at++] = '-';
        at = digits(out, at, date.getMonthValue(), 2);
        out[at++] = '-';
        at = digits(out, at, date.getDayOfMonth(), 2);
        out[at++] = separator;
        at = digits(out, at, secondOfDay / 3_600, 2);
        out[at++] = ':';
        at = digits(out, at, secondOfDay / 60 % 60, 2);
        out[at++] = ':';
        return digits(out, at, secondOfDay % 60, 2);
    }

    private static int digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
