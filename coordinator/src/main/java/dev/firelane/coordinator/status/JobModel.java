package dev.firelane.coordinator.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One job as a batch sees it: the row as read, changed in memory event by event, and the statements that
 * will make the database agree. Fires and completions are coalesced into one {@link JobActivity} until the
 * next status change of the job (a command or a transition the stream causes), which is a barrier: the
 * activity before it is written before it, the activity after it after it.
 */
final class JobModel {
    private final String id;
    private JobRow row;
    private final List<JobWrite> writes = new ArrayList<>();
    private Pending pending;

    JobModel(String id, JobRow row) {
        this.id = id;
        this.row = row;
    }

    String id() {
        return id;
    }

    /** The row as it is now in this batch; null if the job has no row. */
    JobRow row() {
        return row;
    }

    boolean exists() {
        return row != null;
    }

    /** The row changed by a status statement: what came before it is written first. */
    void write(JobWrite write, JobRow after) {
        flushActivity();
        writes.add(write);
        row = after;
    }

    /** A fire newer than the last one: its id, and the schedule estimate (unchanged unless the job is active). */
    void fired(String fireId, Instant next) {
        activity();
        row = row.fired(fireId, next);
    }

    /**
     * A completion counted: its telemetry.
     *
     * @param reset     the run succeeded: the error streak ends
     * @param countError the fire failed for good: the error streak grows
     */
    void ran(Instant at, String outcome, String error, Integer deliveryStatus, boolean reset, boolean countError) {
        Pending p = activity();
        p.runs++;
        if (reset) {
            p.resetErrors = true;
            p.errors = 0;
        } else if (countError) {
            p.errors++;
        }
        int streak = reset ? 0 : countError ? row.consecutiveErrors() + 1 : row.consecutiveErrors();
        row = row.ran(at, outcome, error, deliveryStatus, streak);
    }

    /** Every statement of this job, in order, with the pending activity last. */
    List<JobWrite> writes() {
        flushActivity();
        return writes;
    }

    private Pending activity() {
        if (pending == null) {
            pending = new Pending();
        }
        return pending;
    }

    private void flushActivity() {
        if (pending == null) {
            return;
        }
        writes.add(new JobWrite.Activity(new JobActivity(id, pending.runs, pending.resetErrors, pending.errors,
                row.lastRunAt(), row.lastRunStatus(), row.lastError(), row.lastDeliveryStatus(), row.lastFireId(),
                row.nextFireAt())));
        pending = null;
    }

    /** What the activity since the last barrier adds up to. */
    private static final class Pending {
        int runs;
        boolean resetErrors;
        int errors;
    }
}
