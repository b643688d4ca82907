package dev.firelane.coordinator.status;

import java.time.Instant;
import java.util.Objects;

/**
 * One fire's {@code job_runs} row as a batch sees it: as read (null for a new fire) and as its events leave
 * it. However many of a fire's events a batch holds — fire, start, completion — it makes one write.
 */
final class RunModel {
    private final RunRow read;
    private RunRow row;

    RunModel(RunRow read) {
        this.read = read;
        this.row = read;
    }

    RunRow row() {
        return row;
    }

    boolean exists() {
        return row != null;
    }

    boolean isFinished() {
        return row != null && row.finishedAt() != null;
    }

    /** The row exists from now on, whichever of fire, start and completion came first. */
    void ensure(RunRow first) {
        if (row == null) {
            row = first;
        }
    }

    /** The fire time, unless known already. */
    void fired(Instant firedAt) {
        if (row.firedAt() == null) {
            row = new RunRow(row.fireId(), row.jobId(), row.attempt(), row.scheduledAt(), firedAt, row.startedAt(),
                    row.finishedAt(), row.workerId(), row.outcome(), row.error(), row.deliveryStatus());
        }
    }

    /** The start of an unfinished run (a later start, of a redelivered fire, wins). */
    void started(String workerId, Instant startedAt) {
        if (!isFinished()) {
            row = new RunRow(row.fireId(), row.jobId(), row.attempt(), row.scheduledAt(), row.firedAt(), startedAt,
                    null, workerId, null, null, null);
        }
    }

    /** The first completion; the caller checks {@link #isFinished()} first. */
    void finished(Instant startedAt, Instant finishedAt, String workerId, String outcome, String error,
                  Integer deliveryStatus) {
        row = new RunRow(row.fireId(), row.jobId(), row.attempt(), row.scheduledAt(), row.firedAt(), startedAt,
                finishedAt, workerId, outcome, error, deliveryStatus);
    }

    /** The statement that makes the database agree, or null when nothing changed. */
    RunWrite write() {
        if (Objects.equals(read, row)) {
            return null;
        }
        if (read == null) {
            return new RunWrite(RunWrite.Kind.INSERT, row);
        }
        return read.finishedAt() == null ? new RunWrite(RunWrite.Kind.UPDATE, row) : new RunWrite(RunWrite.Kind.MARK_FIRED, row);
    }
}
