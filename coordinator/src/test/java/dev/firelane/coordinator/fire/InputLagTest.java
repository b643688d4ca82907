package dev.firelane.coordinator.fire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputLagTest {
    private final InputLag lag = new InputLag();

    @Test
    void nothing_read_is_not_behind() {
        assertThat(lag.behind(5_000)).isFalse();
    }

    @Test
    void a_record_read_more_than_a_second_after_it_was_written_is_behind_and_a_recent_one_is_not() {
        lag.read(1_000, 2_001);
        assertThat(lag.behind(2_001)).isTrue();

        lag.read(2_000, 2_050);
        assertThat(lag.behind(2_050)).as("the last record read decides").isFalse();

        lag.read(1_000, 2_000);
        assertThat(lag.behind(2_000)).as("exactly a second: not yet").isFalse();
    }

    @Test
    void behind_ends_when_nothing_more_is_read_for_a_second() {
        lag.read(0, 5_000);
        assertThat(lag.behind(6_000)).isTrue();
        assertThat(lag.behind(6_001)).as("idle since: nothing to catch up with").isFalse();
    }
}
