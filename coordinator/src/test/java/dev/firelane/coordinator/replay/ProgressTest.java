package dev.firelane.coordinator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final AtomicLong nanos = new AtomicLong();
    private final List<String> lines = new ArrayList<>();
    private final Progress progress = new Progress(lines::add, nanos::get, "replay rebuild");

    @Test
    void prints_nothing_for_a_read_shorter_than_a_second() {
        progress.add(5_000);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(900));
        progress.add(5_000);
        progress.finish();
        assertThat(lines).isEmpty();
        assertThat(progress.count()).isEqualTo(10_000);
    }

    @Test
    void prints_the_records_read_and_the_rate_at_most_once_a_second() {
        progress.add(10_000);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        progress.add(30_000);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        progress.add(5_000);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        progress.add(5_000);
        progress.finish();
        assertThat(lines).as("the rate since the line before, then the average").containsExactly(
                "replay rebuild: 40,000 records read (40,000/s)",
                "replay rebuild: 50,000 records read (10,000/s)",
                "replay rebuild: 50,000 records read in 2.0 s (25,000/s)");
    }

    @Test
    void counts_time_from_the_first_record_not_from_connecting() {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));
        progress.add(0);
        progress.add(23);
        progress.finish();
        assertThat(lines).isEmpty();
    }
}
