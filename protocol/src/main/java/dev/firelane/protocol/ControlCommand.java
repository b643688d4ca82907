package dev.firelane.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.Objects;

/**
 * An operator's command, the value of the {@code control} topic (keyed by job id). Every command
 * carries who asked, when and why; the status stream records it in {@code job_commands} with the
 * result of applying it, which is what a waiting API call polls for.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ControlCommand.Create.class, name = "Create"),
    @JsonSubTypes.Type(value = ControlCommand.Update.class, name = "Update"),
    @JsonSubTypes.Type(value = ControlCommand.Pause.class, name = "Pause"),
    @JsonSubTypes.Type(value = ControlCommand.Resume.class, name = "Resume"),
    @JsonSubTypes.Type(value = ControlCommand.Trigger.class, name = "Trigger"),
    @JsonSubTypes.Type(value = ControlCommand.Cancel.class, name = "Cancel"),
    @JsonSubTypes.Type(value = ControlCommand.Delete.class, name = "Delete")
})
public sealed interface ControlCommand {
    /** Unique id of this command; the key of its audit row. */
    String commandId();

    /** The job it is about (also the record key). */
    String jobId();

    /** Who asked: a token name, a user, or {@code system}. */
    String requestedBy();

    /** When it was asked for. */
    Instant requestedAt();

    /** Why, in the operator's words; may be null. */
    String reason();

    /** The command's name as on the wire: {@code Create}, {@code Pause}, … */
    default String kind() {
        return getClass().getSimpleName();
    }

    private static void require(String commandId, String jobId, String requestedBy, Instant requestedAt) {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** Creates a job; {@code paused} creates it paused. */
    record Create(String commandId, String jobId, String requestedBy, Instant requestedAt, String reason,
                  JobSpec spec, boolean paused) implements ControlCommand {
        public Create {
            require(commandId, jobId, requestedBy, requestedAt);
            Objects.requireNonNull(spec, "spec");
        }
    }

    /** Replaces a job's definition; takes effect from the next schedule computation. */
    record Update(String commandId, String jobId, String requestedBy, Instant requestedAt, String reason,
                  JobSpec spec) implements ControlCommand {
        public Update {
            require(commandId, jobId, requestedBy, requestedAt);
            Objects.requireNonNull(spec, "spec");
        }
    }

    /** Stops new fires; runs in flight complete and are recorded, the job stays paused. */
    record Pause(String commandId, String jobId, String requestedBy, Instant requestedAt, String reason)
            implements ControlCommand {
        public Pause {
            require(commandId, jobId, requestedBy, requestedAt);
        }
    }

    /** Makes a paused or failed job active again. */
    record Resume(String commandId, String jobId, String requestedBy, Instant requestedAt, String reason)
            implements ControlCommand {
        public Resume {
            require(commandId, jobId, requestedBy, requestedAt);
        }
    }

    /** Fires an active job now, outside its schedule. */
    record Trigger(String commandId, String jobId, String requestedBy, Instant requestedAt, String reason)
            implements ControlCommand {
        public Trigger {
            require(commandId, jobId, requestedBy, requestedAt);
        }
    }

    /** Asks the worker running {@code fireId} to stop it; the run ends {@code cancelled}. */
    record Cancel(String commandId, String jobId, String requestedBy, Instant requestedAt, String reason,
                  String fireId) implements ControlCommand {
        public Cancel {
            require(commandId, jobId, requestedBy, requestedAt);
            Objects.requireNonNull(fireId, "fireId");
        }
    }

    /** Deletes a job; its run history is kept. */
    record Delete(String commandId, String jobId, String requestedBy, Instant requestedAt, String reason)
            implements ControlCommand {
        public Delete {
            require(commandId, jobId, requestedBy, requestedAt);
        }
    }
}
