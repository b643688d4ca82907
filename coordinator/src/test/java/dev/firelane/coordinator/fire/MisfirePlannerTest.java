package dev.firelane.coordinator.fire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.protocol.MisfirePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MisfirePlannerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** Every 5 s from T0: T0+5s, T0+10s, … */
    private static final MisfirePlanner.Times EVERY_5S = every(Duration.ofSeconds(5));

    private static MisfirePlanner.Times every(Duration interval) {
        return after -> {
            long k = after.isBefore(T0) ? 1 : Duration.between(T0, after).dividedBy(interval) + 1;
            return Optional.of(T0.plus(interval.multipliedBy(k)));
        };
    }

    private static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static List<Instant> times(String secondsList) {
        return secondsList.isBlank() ? List.of()
                : Arrays.stream(secondsList.trim().split(" ")).map(s -> t(Long.parseLong(s))).toList();
    }

    @ParameterizedTest(name = "{0} limit {1}, missed from {2}s, now {3}s → fires [{4}], last missed {5}s")
    @CsvSource({
        // policy, limit, firstMissed, now, fires (seconds), lastMissed
        "SKIP, 100, 10, 31, '',                30",
        "ONCE, 100, 10, 31, '30',              30",
        "ALL,  100, 10, 31, '10 15 20 25 30',  30",
        "ALL,    3, 10, 31, '20 25 30',        30",
        "ALL,    1, 10, 31, '30',              30",
        "ALL,    5, 10, 31, '10 15 20 25 30',  30",
        "ONCE, 100, 10, 10, '10',              10",
        "ALL,  100, 10, 14, '10',              10",
        "SKIP, 100, 10, 10, '',                10",
        "ONCE, 100,  5, 3605, '3605',        3605",
        "ALL,    2,  5, 3604, '3595 3600',   3600",
    })
    void the_policy_picks_from_the_missed_times(MisfirePolicy policy, int limit, long firstMissed, long now,
                                                 String fires, long lastMissed) {
        MisfirePlanner.Plan plan = MisfirePlanner.plan(policy, limit, EVERY_5S, t(firstMissed), t(now));

        assertThat(plan.fires()).containsExactlyElementsOf(times(fires));
        assertThat(plan.lastMissed()).isEqualTo(t(lastMissed));
    }

    @Test
    void nothing_is_missed_when_the_first_missed_time_is_after_now_or_absent() {
        assertThat(MisfirePlanner.plan(MisfirePolicy.ALL, 100, EVERY_5S, t(35), t(31)))
                .isEqualTo(MisfirePlanner.Plan.NOTHING_MISSED);
        assertThat(MisfirePlanner.plan(MisfirePolicy.ONCE, 100, EVERY_5S, null, t(31)))
                .isEqualTo(MisfirePlanner.Plan.NOTHING_MISSED);
    }

    @ParameterizedTest(name = "due {0} ms before now, threshold 5 s → missed {1}")
    @CsvSource({"0, false", "200, false", "5000, false", "5001, true", "86400000, true"})
    void a_time_is_missed_only_when_older_than_the_threshold(long lateMillis, boolean missed) {
        Instant now = t(100);
        assertThat(MisfirePlanner.isMissed(now.minusMillis(lateMillis), now, Duration.ofSeconds(5))).isEqualTo(missed);
    }

    @Test
    void a_long_outage_of_a_frequent_schedule_costs_few_computations() {
        AtomicInteger calls = new AtomicInteger();
        MisfirePlanner.Times everySecond = every(Duration.ofSeconds(1));
        MisfirePlanner.Times counted = after -> {
            calls.incrementAndGet();
            return everySecond.nextAfter(after);
        };
        Instant now = T0.plus(Duration.ofDays(30)); // 2,592,000 missed times

        MisfirePlanner.Plan all = MisfirePlanner.plan(MisfirePolicy.ALL, 100, counted, t(1), now);

        assertThat(all.fires()).hasSize(100).last().isEqualTo(now);
        assertThat(all.fires().get(0)).isEqualTo(now.minusSeconds(99));
        assertThat(calls.get()).isLessThan(1_000);

        calls.set(0);
        MisfirePlanner.Plan once = MisfirePlanner.plan(MisfirePolicy.ONCE, 100, counted, t(1), now.plusMillis(500));
        assertThat(once.fires()).containsExactly(now);
        assertThat(calls.get()).isLessThan(100);
    }

    @Test
    void a_sparse_schedule_is_searched_back_far_enough() {
        // daily at T0's time of day, missed for 3 years
        MisfirePlanner.Times daily = every(Duration.ofDays(1));
        Instant now = T0.plus(Duration.ofDays(3 * 365)).plusSeconds(3_600);

        MisfirePlanner.Plan plan = MisfirePlanner.plan(MisfirePolicy.ALL, 3, daily, T0.plus(Duration.ofDays(1)), now);

        assertThat(plan.fires()).containsExactly(T0.plus(Duration.ofDays(3 * 365 - 2)),
                T0.plus(Duration.ofDays(3 * 365 - 1)), T0.plus(Duration.ofDays(3 * 365)));
    }
}
