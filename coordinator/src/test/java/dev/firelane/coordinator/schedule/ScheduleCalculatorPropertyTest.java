package dev.firelane.coordinator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.time.ExecutionTime;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.ScheduleKind;
import dev.firelane.protocol.Schedules;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Random schedules and instants (fixed seeds, so failures reproduce). */
class ScheduleCalculatorPropertyTest {
    private static final int CASES = 1_000;
    private static final long FROM = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2040-01-01T00:00:00Z").getEpochSecond();
    private static final List<String> INTERVALS = List.of("1s", "5s", "1500ms", "7m", "1h", "PT1H30M", "1d", "13d");
    private static final List<String> CRONS = List.of(
            "*/5 * * * * ?", "0 0 * * * ?", "30 15 10 ? * MON-FRI", "0 0/20 8-18 * * ?", "0 0 0 1 * ?",
            "0 30 2 * * ?", "0 0 12 L * ?", "*/5 * * * *", "0 9 * * 1-5", "15 2 * * *", "0 0 29 2 *", "0 */6 * * *",
            "0 */20 * * * ?", "0 30 * * * ?", "0 0 2 * * ?", "0 59 1 * * ?", "30 1 * * *", "0 0,30 0-3 * * ?",
            "0 15 2 ? * SUN", "0 0 0 * * ?");
    /** Zones with DST or other jumps: 30-min DST, 02:45 transitions, midnight transitions, negative DST, a skipped day. */
    private static final List<String> ZONES = List.of(
            "UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham",
            "America/Santiago", "America/Havana", "Europe/Dublin", "Pacific/Apia", "Australia/Sydney");

    private final ScheduleCalculator calculator = new ScheduleCalculator();
    private final Map<String, ExecutionTime> executions = new HashMap<>();

    @Test
    void every_fires_strictly_after_on_the_anchor_grid_and_skips_no_time() {
        Random random = new Random(42);
        for (int i = 0; i < CASES; i++) {
            String interval = pick(random, INTERVALS);
            String zone = pick(random, ZONES);
            Instant anchor = randomInstant(random).truncatedTo(ChronoUnit.MILLIS);
            Instant after = random.nextBoolean() ? nearTransition(random, zone) : anchor.plusMillis(random.nextInt(100_000_000));
            JobSpec spec = ScheduleCalculatorTest.spec(ScheduleKind.EVERY, interval, zone);
            Duration step = Schedules.parseEvery(interval);

            List<Instant> fires = calculator.next(spec, anchor, after, 5);

            String context = interval + " " + zone + " anchor=" + anchor + " after=" + after;
            assertThat(fires).as(context).hasSize(5);
            assertThat(fires.get(0)).as(context).isAfter(after);
            assertStrictlyIncreasing(fires, context);
            for (Instant fire : fires) {
                long k = Duration.between(anchor, fire).dividedBy(step);
                assertThat(anchor.plus(step.multipliedBy(k))).as(context).isEqualTo(fire);
                assertThat(k).as(context).isGreaterThanOrEqualTo(1);
            }
            // the first fire is the earliest grid point after `after`: the one before it is not
            Instant previous = fires.get(0).minus(step);
            assertThat(previous.isAfter(after) && previous.isAfter(anchor)).as(context).isFalse();
            // the zone plays no part
            assertThat(calculator.next(ScheduleCalculatorTest.spec(ScheduleKind.EVERY, interval, "UTC"), anchor, after, 5))
                    .as(context).isEqualTo(fires);
        }
    }

    @Test
    void cron_fires_strictly_after_in_increasing_order_once_per_wall_clock_time() {
        Random random = new Random(7);
        for (int i = 0; i < CASES / 2; i++) {
            String cron = pick(random, CRONS);
            String zone = pick(random, ZONES);
            Instant after = (random.nextBoolean() ? nearTransition(random, zone) : randomInstant(random))
                    .plusMillis(random.nextInt(1000));
            JobSpec spec = ScheduleCalculatorTest.spec(ScheduleKind.CRON, cron, zone);
            ExecutionTime execution = executions.computeIfAbsent(cron, c -> ExecutionTime.forCron(Schedules.parseCron(c)));

            List<Instant> fires = calculator.next(spec, Instant.EPOCH, after, 8);

            String context = "'" + cron + "' " + zone + " after=" + after;
            assertThat(fires).as(context).hasSize(8);
            assertThat(fires.get(0)).as(context).isAfter(after);
            assertStrictlyIncreasing(fires, context);
            ZoneId zoneId = ZoneId.of(zone);
            Set<LocalDateTime> wallClock = fires.stream().map(f -> LocalDateTime.ofInstant(f, zoneId)).collect(Collectors.toSet());
            assertThat(wallClock).as(context + " wall-clock times of " + fires).hasSize(fires.size());
            for (Instant fire : fires) {
                assertIsAFireTime(execution, zoneId, fire, context + " fire=" + fire);
            }
        }
    }

    /**
     * Crons of the form {@code s m H * * ?} (daily when H is one hour) against an oracle that needs no cron
     * library: each wall-clock date-time D+h:m:s fires at the first instant the zone's clocks show it or a
     * later time. Starts close to a transition, so both kinds are crossed.
     */
    @Test
    void wall_clock_crons_fire_exactly_the_oracle_times_across_transitions() {
        Random random = new Random(11);
        for (int i = 0; i < 400; i++) {
            String zone = pick(random, ZONES.subList(1, ZONES.size()));
            ZoneId zoneId = ZoneId.of(zone);
            boolean unix = random.nextBoolean();
            int second = unix ? 0 : random.nextInt(60);
            TreeSet<Integer> minutes = randomSubset(random, 60, 1 + random.nextInt(3));
            TreeSet<Integer> hours = random.nextInt(3) == 0 ? allOf(24) : randomSubset(random, 5, 1 + random.nextInt(2));
            String cron = (unix ? "" : second + " ") + join(minutes) + " " + (hours.size() == 24 ? "*" : join(hours))
                    + (unix ? " * * *" : " * * ?");
            boolean hourly = hours.size() == 24;
            Instant after = nearTransition(random, zone, hourly ? 8 * 3600 : 2 * 24 * 3600).plusMillis(random.nextInt(1000));
            int count = hourly ? 48 : 12;

            List<Instant> fires = calculator.next(ScheduleCalculatorTest.spec(ScheduleKind.CRON, cron, zone), Instant.EPOCH, after, count);

            String context = "'" + cron + "' " + zone + " after=" + after;
            assertThat(fires).as(context).isEqualTo(oracle(zoneId, second, minutes, hours, after, count));
            if (hours.size() == 1 && minutes.size() == 1) {
                // a daily cron: each wall-clock time once, whatever the clocks did
                Set<LocalDateTime> wallClock = new HashSet<>();
                fires.forEach(f -> assertThat(wallClock.add(LocalDateTime.ofInstant(f, zoneId))).as(context).isTrue());
            }
        }
    }

    private static List<Instant> oracle(ZoneId zone, int second, Set<Integer> minutes, Set<Integer> hours, Instant after, int count) {
        TreeSet<Instant> fires = new TreeSet<>();
        LocalDate day = LocalDate.ofInstant(after, zone).minusDays(2);
        while (fires.size() < count + 50) {
            for (int hour : hours) {
                for (int minute : minutes) {
                    Instant fire = firstInstantShowing(LocalDateTime.of(day, LocalTime.of(hour, minute, second)), zone);
                    if (fire.isAfter(after)) {
                        fires.add(fire);
                    }
                }
            }
            day = day.plusDays(1);
        }
        return new ArrayList<>(fires).subList(0, count);
    }

    /** The first instant whose wall clock in {@code zone} reads {@code local} or later. */
    private static Instant firstInstantShowing(LocalDateTime local, ZoneId zone) {
        ZonedDateTime zoned = ZonedDateTime.ofLocal(local, zone, null); // the earlier offset in an overlap
        if (zoned.toLocalDateTime().equals(local)) {
            return zoned.toInstant();
        }
        // skipped: java.time moved it past the gap by the gap's length; the gap ends at the transition
        return zone.getRules().previousTransition(zoned.toInstant().plusNanos(1)).getInstant();
    }

    /** A matching wall-clock time at its first occurrence, or the end of a gap that skipped a matching time. */
    private static void assertIsAFireTime(ExecutionTime execution, ZoneId zone, Instant fire, String context) {
        LocalDateTime local = LocalDateTime.ofInstant(fire, zone);
        // cron-utils' isMatch is ten times slower than this
        boolean matches = Schedules.nextMatch(execution, local.minusSeconds(1)).filter(local::equals).isPresent();
        if (matches && firstInstantShowing(local, zone).equals(fire)) {
            return;
        }
        ZoneOffsetTransition transition = zone.getRules().previousTransition(fire.plusNanos(1));
        assertThat(transition).as(context + ": neither a match nor a transition").isNotNull();
        assertThat(transition.getInstant()).as(context + ": not a gap's end").isEqualTo(fire);
        assertThat(transition.isGap()).as(context + ": not a gap's end").isTrue();
        LocalDateTime skipped = Schedules.nextMatch(execution, transition.getDateTimeBefore().minusSeconds(1)).orElseThrow();
        assertThat(skipped).as(context + ": no matching time in the gap").isBefore(transition.getDateTimeAfter());
    }

    private static void assertStrictlyIncreasing(List<Instant> fires, String context) {
        for (int j = 1; j < fires.size(); j++) {
            assertThat(fires.get(j)).as(context).isAfter(fires.get(j - 1));
        }
    }

    /** Up to two days before one of the zone's transitions (or anywhere, if it has none). */
    private static Instant nearTransition(Random random, String zone) {
        return nearTransition(random, zone, 2 * 24 * 3600);
    }

    /** Up to {@code maxSecondsBefore} before one of the zone's transitions, or up to an hour after it. */
    private static Instant nearTransition(Random random, String zone, int maxSecondsBefore) {
        Instant start = randomInstant(random);
        ZoneOffsetTransition next = ZoneId.of(zone).getRules().nextTransition(start);
        if (next == null) {
            return start;
        }
        return next.getInstant().minusSeconds(random.nextInt(maxSecondsBefore)).plusSeconds(random.nextInt(3) * 1800);
    }

    private static Instant randomInstant(Random random) {
        long seconds = FROM + (long) (random.nextDouble() * (TO - FROM));
        return Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
    }

    private static TreeSet<Integer> randomSubset(Random random, int bound, int size) {
        TreeSet<Integer> values = new TreeSet<>();
        while (values.size() < size) {
            values.add(random.nextInt(bound));
        }
        return values;
    }

    private static TreeSet<Integer> allOf(int bound) {
        TreeSet<Integer> values = new TreeSet<>();
        for (int v = 0; v < bound; v++) {
            values.add(v);
        }
        return values;
    }

    private static String join(Set<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
