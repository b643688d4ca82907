package dev.firelane.coordinator.fire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScanFloorTest {
    private final ScanFloor floor = new ScanFloor();

    @Test
    void starts_at_zero_the_whole_index() {
        assertThat(floor.millis()).isZero();
    }

    @Test
    void a_scan_that_saw_everything_up_to_now_moves_the_floor_past_now() {
        floor.scanning();
        floor.passed(1_000);

        assertThat(floor.millis()).isEqualTo(1_001);
    }

    @Test
    void a_key_added_lowers_the_floor_to_it() {
        floor.scanning();
        floor.passed(1_000);

        floor.lower(400);

        assertThat(floor.millis()).isEqualTo(400);
    }

    @Test
    void a_key_added_while_the_scan_is_handled_bounds_where_the_next_one_starts() {
        floor.scanning();
        floor.lower(700); // e.g. a missed time within the threshold, indexed again while handling

        floor.passed(1_000);

        assertThat(floor.millis()).isEqualTo(700);
    }

    @Test
    void a_key_added_before_the_scan_began_no_longer_holds_the_floor_back() {
        floor.lower(300);
        floor.scanning(); // this scan sees the key at 300, and handles it
        floor.passed(1_000);

        assertThat(floor.millis()).isEqualTo(1_001);
    }

    @Test
    void the_floor_never_moves_back_when_the_clock_does() {
        floor.scanning();
        floor.passed(1_000);
        floor.scanning();
        floor.passed(900);

        assertThat(floor.millis()).isEqualTo(1_001);
    }

    @Test
    void reset_scans_everything_again() {
        floor.scanning();
        floor.passed(1_000);

        floor.reset();

        assertThat(floor.millis()).isZero();
    }

    @Test
    void times_before_the_epoch_clamp_like_the_keys() {
        floor.lower(-5);

        assertThat(floor.millis()).isZero();
    }
}
