package dev.firelane.coordinator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.time.ExecutionTime;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.ScheduleKind;
import dev.firelane.protocol.Schedules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random schedules and instants (fixed seeds, so failures reproduce). */
class ScheduleCalculatorPropertyTest {
    private static final int CASES = 1_000;
    private static final long FROM = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2040-01-01T00:00:00Z").getEpochSecond();
    private static final List<String> INTERVALS = List.of("1s", "5s", "1500ms", "7m", "1h", "PT1H30M", "1d", "13d");
    private static final List<String> CRONS = List.of(
            "*/5 * * * * ?", "0 0 * * * ?", "30 15 10 ? * MON-FRI", "0 0/20 8-18 * * ?", "0 0 0 1 * ?",
            "0 30 2 * * ?", "0 0 12 L * ?", "*/5 * * * *", "0 9 * * 1-5", "15 2 * * *", "0 0 29 2 *", "0 */6 * * *");
    private static final List<String> ZONES = List.of(
            "UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham");

    private final ScheduleCalculator calculator = new ScheduleCalculator();

    @Test
    void every_fires_strictly_after_on_the_anchor_grid_and_skips_no_time() {
        Random random = new Random(42);
        for (int i = 0; i < CASES; i++) {
            String interval = pick(random, INTERVALS);
            Instant anchor = randomInstant(random).truncatedTo(ChronoUnit.MILLIS);
            Instant after = random.nextBoolean() ? randomInstant(random) : anchor.plusMillis(random.nextInt(100_000_000));
            JobSpec spec = ScheduleCalculatorTest.spec(ScheduleKind.EVERY, interval, null);
            Duration step = Schedules.parseEvery(interval);

            List<Instant> fires = calculator.next(spec, anchor, after, 5);

            String context = interval + " anchor=" + anchor + " after=" + after;
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
        }
    }

    @Test
    void cron_fires_strictly_after_on_matching_times_in_increasing_order() {
        Random random = new Random(7);
        for (int i = 0; i < CASES; i++) {
            String cron = pick(random, CRONS);
            String zone = pick(random, ZONES);
            Instant after = randomInstant(random).plusMillis(random.nextInt(1000));
            JobSpec spec = ScheduleCalculatorTest.spec(ScheduleKind.CRON, cron, zone);
            ExecutionTime execution = ExecutionTime.forCron(Schedules.parseCron(cron));

            List<Instant> fires = calculator.next(spec, Instant.EPOCH, after, 4);

            String context = "'" + cron + "' " + zone + " after=" + after;
            assertThat(fires).as(context).hasSize(4);
            assertThat(fires.get(0)).as(context).isAfter(after);
            assertStrictlyIncreasing(fires, context);
            for (Instant fire : fires) {
                assertThat(execution.isMatch(fire.atZone(ZoneId.of(zone)))).as(context + " fire=" + fire).isTrue();
            }
        }
    }

    private static void assertStrictlyIncreasing(List<Instant> fires, String context) {
        for (int j = 1; j < fires.size(); j++) {
            assertThat(fires.get(j)).as(context).isAfter(fires.get(j - 1));
        }
    }

    private static Instant randomInstant(Random random) {
        long seconds = FROM + (long) (random.nextDouble() * (TO - FROM));
        return Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
