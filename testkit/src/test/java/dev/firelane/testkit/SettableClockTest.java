package dev.firelane.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SettableClockTest {
    @Test
    void the_clock_stands_still_until_set_or_advanced() {
        SettableClock clock = new SettableClock();
        assertThat(clock.instant()).isEqualTo(SettableClock.DEFAULT_START);
        assertThat(clock.millis()).isEqualTo(SettableClock.DEFAULT_START.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);

        clock.advance(Duration.ofMinutes(2));
        assertThat(clock.instant()).isEqualTo(SettableClock.DEFAULT_START.plusSeconds(120));
        Instant earlier = Instant.parse("2029-12-31T23:00:00Z");
        assertThat(clock.set(earlier).instant()).isEqualTo(earlier);
    }

    @Test
    void a_zoned_view_moves_with_the_clock() {
        SettableClock clock = new SettableClock();
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        clock.advance(Duration.ofHours(1));
        assertThat(paris.instant()).isEqualTo(clock.instant());
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    }

    @Test
    void listeners_hear_every_move_until_removed() {
        SettableClock clock = new SettableClock();
        AtomicInteger moves = new AtomicInteger();
        Runnable listener = moves::incrementAndGet;
        clock.onChange(listener);
        clock.advance(Duration.ofSeconds(1));
        clock.set(Instant.EPOCH);
        clock.removeOnChange(listener);
        clock.advance(Duration.ofSeconds(1));
        assertThat(moves).hasValue(2);
    }
}
