package dev.firelane.protocol;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.util.Objects;

/**
 * A job as the status stream applied it: the value of the compacted {@code job-state} topic, from
 * which the fire topology learns what to schedule. A deleted job is a tombstone.
 *
 * @param spec        the job's definition
 * @param status      lifecycle status after the apply
 * @param generation  bumped on every pause, resume and update
 * @param createdAt   creation instant; the anchor of {@code every} schedules
 * @param updatedAt   instant of the command that produced this state
 * @param incarnation which creation of the job id this is: 1 for the first, one more for each re-create after a
 *                    delete; 1 in records written before incarnations existed
 * @param trigger     set only on the record the status stream publishes when it applies a {@code Trigger}: the
 *                    trigger it accepted, which the fire topology then fires (the status stream decides, the fire
 *                    topology follows); null on every other record
 */
public record JobState(JobSpec spec, JobStatus status, long generation, Instant createdAt, Instant updatedAt,
                       @JsonSetter(nulls = Nulls.AS_EMPTY) long incarnation, Trigger trigger) {
    /**
     * A {@code Trigger} command the status stream applied to the job.
     *
     * @param commandId   the command's id
     * @param requestedAt its request time, to the millisecond: the schedule time of the fire it asks for
     */
    public record Trigger(String commandId, Instant requestedAt) {
        public Trigger {
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(requestedAt, "requestedAt");
        }
    }

    public JobState {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        incarnation = Math.max(1, incarnation);
    }

    /** A state of the job's first incarnation. */
    public JobState(JobSpec spec, JobStatus status, long generation, Instant createdAt, Instant updatedAt) {
        this(spec, status, generation, createdAt, updatedAt, 1);
    }

    /** A state without a trigger. */
    public JobState(JobSpec spec, JobStatus status, long generation, Instant createdAt, Instant updatedAt,
                    long incarnation) {
        this(spec, status, generation, createdAt, updatedAt, incarnation, null);
    }

    /** This state, published for an applied trigger. */
    public JobState withTrigger(Trigger applied) {
        return new JobState(spec, status, generation, createdAt, updatedAt, incarnation, applied);
    }

    /**
     * Whether this state is older than {@code other} of the same job id: an earlier incarnation, or the same one
     * at a lower generation (every operator change bumps the generation, so a record that comes after one with a
     * higher generation is stale).
     */
    public boolean isOlderThan(JobState other) {
        return incarnation != other.incarnation ? incarnation < other.incarnation : generation < other.generation;
    }

    public String jobId() {
        return spec.id();
    }
}
