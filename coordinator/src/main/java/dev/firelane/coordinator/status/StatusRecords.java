package dev.firelane.coordinator.status;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunEvent;

/**
 * The status stream's rules for one input record, in one place so that replay accepts and refuses exactly
 * the records the live stream does: what a record must be to be applied, and which apply failures are the
 * record's own fault (the live stream sends it to the dlq) rather than the database's.
 */
public final class StatusRecords {
    private StatusRecords() {
    }

    /**
     * The job id of a record's value, checked as the status stream checks it before applying.
     *
     * @throws UnappliableEventException for a tombstone, a value that is no status event, or a key that is
     *                                   not the value's job id
     */
    public static String check(String topic, String key, Object event) {
        if (event == null) {
            throw new UnappliableEventException("a record without a value (tombstone) on " + topic + " means nothing");
        }
        String jobId = jobIdOf(event);
        if (!jobId.equals(key)) {
            throw new UnappliableEventException("record key '" + key + "' is not the jobId '" + jobId + "'");
        }
        return jobId;
    }

    /**
     * If an apply failure belongs to the record (it can never be applied, and the live stream sends the record
     * to the dlq), the reason the dlq gets; null if it is the database's failure (the live stream retries).
     */
    public static String rejection(RuntimeException failure) {
        if (failure instanceof UnappliableEventException) {
            return failure.getMessage();
        }
        return ApplyFailures.classify(failure) == ApplyFailures.Verdict.REJECT
                ? "cannot be applied: " + ApplyFailures.describe(failure)
                : null;
    }

    private static String jobIdOf(Object event) {
        if (event instanceof ControlCommand command) {
            return command.jobId();
        }
        if (event instanceof Fire fire) {
            return fire.jobId();
        }
        if (event instanceof RunEvent run) {
            return run.jobId();
        }
        throw new UnappliableEventException("not a status event: " + event.getClass().getName());
    }
}
