package dev.firelane.coordinator.fire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    /** A generator whose {@code nextDouble()} is always {@code u}. */
    static RandomGenerator fixed(double u) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return u;
            }
        };
    }

    private static RetryBackoff defaultsWith(RandomGenerator random) {
        return new RetryBackoff(RetryBackoff.DEFAULT_BASE, RetryBackoff.DEFAULT_MAX, RetryBackoff.DEFAULT_JITTER, random);
    }

    @ParameterizedTest(name = "after attempt {0} with u={1}: {2} ms")
    @CsvSource({
        "1,  0.5, 1000",
        "2,  0.5, 2000",
        "3,  0.5, 4000",
        "9,  0.5, 256000",
        "10, 0.5, 300000",
        "64, 0.5, 300000",
        "2147483647, 0.5, 300000",
        "1,  0.0, 800",
        "3,  0.0, 3200",
        "10, 0.0, 240000",
        "1,  0.75, 1100",
        "10, 0.99999, 359999",
    })
    void delay_doubles_from_the_base_up_to_the_cap_then_jitters_by_20_percent(int attempt, double u, long millis) {
        assertThat(defaultsWith(fixed(u)).delayAfter(attempt)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void a_seeded_generator_gives_the_same_delays_every_time_within_the_jitter_band() {
        RetryBackoff a = defaultsWith(new SplittableRandom(42));
        RetryBackoff b = defaultsWith(new SplittableRandom(42));
        for (int attempt = 1; attempt <= 12; attempt++) {
            Duration delay = a.delayAfter(attempt);
            assertThat(delay).isEqualTo(b.delayAfter(attempt));
            long nominal = Math.min(300_000L, 1000L << (attempt - 1));
            assertThat(delay.toMillis()).isBetween(Math.round(nominal * 0.8), Math.round(nominal * 1.2));
        }
    }

    @Test
    void defaults_are_one_second_five_minutes_and_twenty_percent() {
        RetryBackoff defaults = RetryBackoff.defaults();
        assertThat(defaults.base()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.max()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.jitter()).isEqualTo(0.2);
        assertThat(defaults.delayAfter(1).toMillis()).isBetween(800L, 1200L);
    }

    @Test
    void bad_settings_are_refused() {
        RandomGenerator random = fixed(0.5);
        assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1), 0.2, random))
                .hasMessageContaining("base");
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.2, random))
                .hasMessageContaining("max");
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.0, random))
                .hasMessageContaining("jitter");
        assertThatThrownBy(() -> defaultsWith(random).delayAfter(0)).hasMessageContaining("failedAttempt");
    }
}
