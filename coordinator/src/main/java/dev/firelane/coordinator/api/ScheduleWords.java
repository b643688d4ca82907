package dev.firelane.coordinator.api;

import dev.firelane.protocol.InvalidFieldException;
import dev.firelane.protocol.Schedules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job's schedule in words for people ({@code every 5 s}, {@code at 09:00 every day (Europe/Berlin)}).
 * It knows the common cron shapes; anything else is shown as the raw expression rather than guessed at,
 * so the words are never wrong, only sometimes not there.
 */
final class ScheduleWords {
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,2}");
    private static final Pattern STEP = Pattern.compile("(?:\\*|0)/(\\d{1,2})");
    private static final DateTimeFormatter AT_MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter AT_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ScheduleWords() {
    }

    /** The words for a stored schedule; the raw form for anything not understood. */
    static String describe(String kind, String schedule, String timeZone) {
        if (schedule == null) {
            return null;
        }
        try {
            return switch (kind == null ? "" : kind) {
                case "every" -> every(Schedules.parseEvery(schedule));
                case "at" -> at(Schedules.parseAt(schedule));
                case "cron" -> cron(schedule.trim(), timeZone == null ? "UTC" : timeZone);
                default -> kind + " " + schedule;
            };
        } catch (InvalidFieldException e) {
            return kind + " " + schedule;
        }
    }

    static String every(Duration interval) {
        long ms = interval.toMillis();
        if (ms % 1000 != 0) {
            return "every " + ms + " ms";
        }
        return "every " + unitText(ms / 1000);
    }

    private static String at(Instant instant) {
        return "once at " + (instant.getEpochSecond() % 60 == 0 ? AT_MINUTES : AT_SECONDS).format(instant);
    }

    /** Seconds as {@code second}/{@code 5 s}/{@code minute}/{@code 10 min}/{@code hour}/{@code 2 h}/{@code day}/{@code 3 d}. */
    private static String unitText(long seconds) {
        if (seconds % 86_400 == 0) {
            return count(seconds / 86_400, "day", "d");
        }
        if (seconds % 3_600 == 0) {
            return count(seconds / 3_600, "hour", "h");
        }
        if (seconds % 60 == 0) {
            return count(seconds / 60, "minute", "min");
        }
        return count(seconds, "second", "s");
    }

    private static String count(long n, String one, String unit) {
        return n == 1 ? one : n + " " + unit;
    }

    private static String cron(String expression, String zone) {
        String[] f = expression.split("\\s+");
        boolean unix = f.length == 5;
        String[] q = unix ? new String[] {"0", f[0], f[1], f[2], f[3], f[4]} : f;
        if (q.length == 7 && !q[6].equals("*")) {
            return raw(expression, zone);
        }
        String days = days(q[3], q[4], q[5], unix);
        Time time = days == null ? null : time(q[0], q[1], q[2]);
        if (time == null) {
            return raw(expression, zone);
        }
        // "at 09:00 every day", but "every 5 min", not "every 5 min every day"
        String when = days.equals("every day") && !time.ofDay() ? time.text() : time.text() + " " + days;
        return when + " (" + zone + ")";
    }

    private static String raw(String expression, String zone) {
        return "cron " + expression + " (" + zone + ")";
    }

    /** The time part of a cron schedule; {@code ofDay} for clock times ({@code at 09:00}), not repetitions. */
    private record Time(String text, boolean ofDay) {
        static Time repeat(String text) {
            return new Time(text, false);
        }
    }

    /** {@code at 09:00}, {@code at 09:00 and 17:00}, {@code every 5 min}, {@code every hour}…; null if unknown. */
    private static Time time(String sec, String min, String hour) {
        List<Integer> hours = hours(hour);
        if (isNumber(sec, 59) && isNumber(min, 59) && hours != null) {
            List<String> times = new ArrayList<>();
            for (int h : hours) {
                times.add(clock(h, Integer.parseInt(min), Integer.parseInt(sec)));
            }
            return new Time("at " + join(times), true);
        }
        if (sec.equals("*") && min.equals("*") && hour.equals("*")) {
            return Time.repeat("every second");
        }
        Integer secondStep = step(sec, 60);
        if (secondStep != null && min.equals("*") && hour.equals("*")) {
            return Time.repeat("every " + unitText(secondStep));
        }
        if (!sec.equals("0")) {
            return null;
        }
        if (min.equals("*") && hour.equals("*")) {
            return Time.repeat("every minute");
        }
        Integer minuteStep = step(min, 60);
        if (minuteStep != null && hour.equals("*")) {
            return Time.repeat("every " + unitText(minuteStep * 60L));
        }
        if (isNumber(min, 59) && hour.equals("*")) {
            return Time.repeat(min.equals("0") ? "every hour" : "at minute " + Integer.parseInt(min) + " of every hour");
        }
        Integer hourStep = step(hour, 24);
        if (hourStep != null && min.equals("0")) {
            return Time.repeat("every " + unitText(hourStep * 3600L));
        }
        return null;
    }

    /** The days part: {@code every day}, {@code on Monday to Friday}, {@code on day 1 of every month}…; null if unknown. */
    private static String days(String dom, String month, String dow, boolean unix) {
        if (!month.equals("*")) {
            return null;
        }
        boolean anyDom = dom.equals("*") || dom.equals("?");
        boolean anyDow = dow.equals("*") || dow.equals("?");
        if (anyDom && anyDow) {
            return "every day";
        }
        if (anyDow && isNumber(dom, 31) && Integer.parseInt(dom) >= 1) {
            return "on day " + Integer.parseInt(dom) + " of every month";
        }
        if (anyDow && dom.equals("L")) {
            return "on the last day of every month";
        }
        return anyDom ? weekdays(dow, unix) : null;
    }

    private static String weekdays(String dow, boolean unix) {
        Matcher range = Pattern.compile("([A-Za-z0-9]+)-([A-Za-z0-9]+)").matcher(dow);
        if (range.matches()) {
            Integer from = day(range.group(1), unix);
            Integer to = day(range.group(2), unix);
            return from == null || to == null || from >= to ? null : "on " + DAYS[from] + " to " + DAYS[to];
        }
        List<String> names = new ArrayList<>();
        for (String part : dow.split(",")) {
            Integer day = day(part, unix);
            if (day == null) {
                return null;
            }
            names.add(DAYS[day]);
        }
        return names.size() == 1 ? "every " + names.get(0) : "on " + join(names);
    }

    /** A day of the week, 0 = Sunday; Quartz numbers 1-7 from Sunday, Unix 0-7 (both 0 and 7 are Sunday). */
    private static Integer day(String text, boolean unix) {
        int named = DAY_NAMES.indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named;
        }
        if (!NUMBER.matcher(text).matches()) {
            return null;
        }
        int n = Integer.parseInt(text);
        if (unix) {
            return n <= 7 ? n % 7 : null;
        }
        return n >= 1 && n <= 7 ? n - 1 : null;
    }

    private static List<Integer> hours(String hour) {
        List<Integer> out = new ArrayList<>();
        String[] parts = hour.split(",");
        if (parts.length > 4) {
            return null;
        }
        for (String part : parts) {
            if (!isNumber(part, 23)) {
                return null;
            }
            out.add(Integer.parseInt(part));
        }
        return out;
    }

    /** {@code * /N} or {@code 0/N} where N divides the unit, so the runs really are N apart; else null. */
    private static Integer step(String field, int unit) {
        Matcher m = STEP.matcher(field);
        if (!m.matches()) {
            return null;
        }
        int n = Integer.parseInt(m.group(1));
        return n >= 1 && n < unit && unit % n == 0 ? n : null;
    }

    private static boolean isNumber(String text, int max) {
        return NUMBER.matcher(text).matches() && Integer.parseInt(text) <= max;
    }

    private static String clock(int h, int m, int s) {
        return s == 0 ? String.format("%02d:%02d", h, m) : String.format("%02d:%02d:%02d", h, m, s);
    }

    private static String join(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
