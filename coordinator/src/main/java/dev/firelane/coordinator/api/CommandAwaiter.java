package dev.firelane.coordinator.api;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Waits for the status stream to record a command in {@code job_commands}, polling the database. Time
 * is measured on a monotonic ticker (nanoseconds), not the wall clock.
 */
final class CommandAwaiter {
    private final JobQueries queries;
    private final Duration pollInterval;
    private final LongSupplier nanoTicker;

    CommandAwaiter(JobQueries queries, Duration pollInterval, LongSupplier nanoTicker) {
        this.queries = queries;
        this.pollInterval = pollInterval;
        this.nanoTicker = nanoTicker;
    }

    /** The outcome of waiting: the command's row if it was recorded in time, and how long it took. */
    record Outcome(Optional<CommandRow> row, long elapsedMillis) {
    }

    /** Polls until the row appears or {@code timeout} has passed since {@code startNanos}. */
    Outcome await(String commandId, long startNanos, Duration timeout) {
        long deadline = startNanos + timeout.toNanos();
        while (true) {
            Optional<CommandRow> row = queries.command(commandId);
            long now = nanoTicker.getAsLong();
            if (row.isPresent() || now - deadline >= 0) {
                return new Outcome(row, Duration.ofNanos(now - startNanos).toMillis());
            }
            pause(Math.min(pollInterval.toNanos(), deadline - now));
        }
    }

    long now() {
        return nanoTicker.getAsLong();
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted", null, "the server is shutting down");
        }
    }
}
