package dev.firelane.coordinator.api;

import dev.firelane.protocol.ControlCommand;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Waits for the status stream to record a command in {@code job_commands}, polling the database. Time
 * is measured on a monotonic ticker (nanoseconds), not the wall clock.
 */
final class CommandAwaiter {
    /** A bulk wait polls at the poll interval at first and backs off (doubling) to this many times it. */
    static final int MAX_BULK_BACKOFF = 8;

    /** The fire topology is asked in memory: a short interval costs nothing. */
    private static final long STOPPED_POLL_NANOS = 2_000_000;

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
        RuntimeException unreadable = null;
        while (true) {
            Optional<CommandRow> row = Optional.empty();
            try {
                row = queries.command(commandId);
                unreadable = null;
            } catch (RuntimeException e) {
                // the command is on control already: a database that does not answer now may answer before the deadline
                unreadable = e;
            }
            long now = nanoTicker.getAsLong();
            if (row.isPresent() || now - deadline >= 0) {
                if (row.isEmpty() && unreadable != null) {
                    throw new CommandUnconfirmedException(commandId, unreadable);
                }
                return new Outcome(row, Duration.ofNanos(now - startNanos).toMillis());
            }
            pause(Math.min(pollInterval.toNanos(), deadline - now));
        }
    }

    /**
     * A command was published, but until the deadline the database could not be read to see it applied (the
     * database is away): the status stream applies it when the database is back. The API answers 503.
     */
    static final class CommandUnconfirmedException extends RuntimeException {
        private final String commandId;

        CommandUnconfirmedException(String commandId, RuntimeException cause) {
            super("command " + commandId + " was published, but the job database did not answer to confirm it; the"
                    + " status stream applies it when the database is back — check the job's audit", cause);
            this.commandId = commandId;
        }

        String commandId() {
            return commandId;
        }
    }

    /** The outcome of waiting for many commands: the rows recorded in time, by command id. */
    record BulkOutcome(Map<String, CommandRow> rows, long elapsedMillis) {
    }

    /**
     * Polls until every one of {@code commandIds} is recorded or {@code timeout} has passed since
     * {@code startNanos}. A poll is one query, for the oldest {@link JobQueries#IN_CHUNK} commands not seen yet
     * (the status stream applies them roughly in the order they were published); when all of those are there
     * the next chunk is asked for at once, otherwise it waits, the interval doubling up to
     * {@value #MAX_BULK_BACKOFF} times the poll interval: polling a large batch hard would only slow it down. At
     * the deadline one last look covers every command still missing.
     */
    BulkOutcome awaitAll(Collection<String> commandIds, long startNanos, Duration timeout) {
        long deadline = startNanos + timeout.toNanos();
        Set<String> pending = new LinkedHashSet<>(commandIds);
        Map<String, CommandRow> rows = new HashMap<>();
        long interval = pollInterval.toNanos();
        while (!pending.isEmpty()) {
            List<String> head = pending.stream().limit(JobQueries.IN_CHUNK).toList();
            List<CommandRow> found = commandsOrNone(head);
            record(found, rows, pending);
            long now = nanoTicker.getAsLong();
            if (pending.isEmpty()) {
                break;
            }
            if (now - deadline >= 0) {
                record(commandsOrNone(pending), rows, pending);
                break;
            }
            if (found.size() < head.size()) {
                pause(Math.min(interval, deadline - now));
                interval = Math.min(interval * 2, pollInterval.toNanos() * MAX_BULK_BACKOFF);
            }
        }
        return new BulkOutcome(rows, Duration.ofNanos(nanoTicker.getAsLong() - startNanos).toMillis());
    }

    /** The rows of these commands; none while the database does not answer (the commands are published already). */
    private List<CommandRow> commandsOrNone(Collection<String> commandIds) {
        try {
            return queries.commands(commandIds);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static void record(List<CommandRow> found, Map<String, CommandRow> rows, Set<String> pending) {
        for (CommandRow row : found) {
            rows.put(row.commandId(), row);
            pending.remove(row.commandId());
        }
    }

    /**
     * After a pause or delete is applied: waits until the fire topology has stopped firing its job too, or
     * {@code timeout} has passed since {@code startNanos}; whether it stopped.
     */
    boolean awaitStopped(FiringControl firing, ControlCommand command, long startNanos, Duration timeout) {
        long deadline = startNanos + timeout.toNanos();
        while (true) {
            if (firing.hasStopped(command)) {
                return true;
            }
            long now = nanoTicker.getAsLong();
            if (now - deadline >= 0) {
                return false;
            }
            pause(Math.min(STOPPED_POLL_NANOS, deadline - now));
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
