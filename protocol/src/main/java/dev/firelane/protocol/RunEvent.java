package dev.firelane.protocol;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.util.Objects;

/** What workers report about runs: the value of the {@code runs} topic (keyed by job id). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RunEvent.Started.class, name = "Started"),
    @JsonSubTypes.Type(value = RunEvent.Heartbeat.class, name = "Heartbeat"),
    @JsonSubTypes.Type(value = RunEvent.Completed.class, name = "Completed")
})
public sealed interface RunEvent {
    String fireId();

    String jobId();

    String workerId();

    /** A worker began running a fire. */
    record Started(String fireId, String jobId, String workerId, int attempt, Instant scheduledAt, Instant startedAt)
            implements RunEvent {
        public Started {
            Objects.requireNonNull(fireId, "fireId");
            Objects.requireNonNull(jobId, "jobId");
            Objects.requireNonNull(workerId, "workerId");
            Objects.requireNonNull(startedAt, "startedAt");
        }
    }

    /** A worker is still running a fire. */
    record Heartbeat(String fireId, String jobId, String workerId, Instant at) implements RunEvent {
        public Heartbeat {
            Objects.requireNonNull(fireId, "fireId");
            Objects.requireNonNull(jobId, "jobId");
            Objects.requireNonNull(workerId, "workerId");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A run ended. Delivered at least once; the status stream applies it once per fire id.
     *
     * @param error          a short message for non-ok outcomes, else null
     * @param deliveryStatus a handler-defined status such as an HTTP code, else null
     * @param maxAttempts    the fire's {@link Fire#maxAttempts()}, copied from the fire: whether a failure of this
     *                       attempt ends the fire (no retry follows) is decided by it, the same way by the coordinator
     *                       and the status stream; 0 (unknown) in completions written before it existed
     */
    record Completed(String fireId, String jobId, String workerId, int attempt, Instant scheduledAt,
                     Instant startedAt, Instant finishedAt, RunOutcome outcome, String error,
                     Integer deliveryStatus, @JsonSetter(nulls = Nulls.AS_EMPTY) int maxAttempts) implements RunEvent {
        /** A completion that does not say how many attempts its fire has (as those written before). */
        public Completed(String fireId, String jobId, String workerId, int attempt, Instant scheduledAt,
                         Instant startedAt, Instant finishedAt, RunOutcome outcome, String error,
                         Integer deliveryStatus) {
            this(fireId, jobId, workerId, attempt, scheduledAt, startedAt, finishedAt, outcome, error, deliveryStatus, 0);
        }

        /** The completion of {@code fire} by {@code workerId}, carrying the fire's attempt and attempt limit. */
        public static Completed of(Fire fire, String workerId, Instant startedAt, Instant finishedAt,
                                   RunOutcome outcome, String error, Integer deliveryStatus) {
            return new Completed(fire.fireId(), fire.jobId(), workerId, fire.attempt(), fire.scheduledAt(), startedAt,
                    finishedAt, outcome, error, deliveryStatus, fire.maxAttempts());
        }

        public Completed {
            maxAttempts = Math.max(0, maxAttempts);
            Objects.requireNonNull(fireId, "fireId");
            Objects.requireNonNull(jobId, "jobId");
            Objects.requireNonNull(workerId, "workerId");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(finishedAt, "finishedAt");
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
