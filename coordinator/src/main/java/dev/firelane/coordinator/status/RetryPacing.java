package dev.firelane.coordinator.status;

import java.time.Duration;

/**
 * When to try a failed batch again: {@code first}, doubled for each failure in a row, at most {@code max};
 * a success starts over. The status stream never gives up on a batch (it would lose records): it keeps trying,
 * more and more slowly, and says so in its health.
 */
final class RetryPacing {
    private final Duration first;
    private final Duration max;
    private int failures;

    RetryPacing(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    /** One more failure in a row; the wait before the next try. */
    Duration failed() {
        failures++;
        Duration wait = first.multipliedBy(1L << Math.min(failures - 1, 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }

    void succeeded() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
