package dev.firelane.coordinator.replay;

import dev.firelane.protocol.FirelaneException;

/** A replay that cannot be done, with the kind of reason, which the CLI maps to its exit codes. */
public final class ReplayException extends FirelaneException {
    /** Why the replay cannot be done. */
    public enum Kind {
        /** The job (or what the question is about) is not on the topics. */
        NOT_FOUND,
        /** The request contradicts itself or would touch what replay never touches (the live database). */
        INVALID,
        /** Kafka or a database cannot be reached, or a topic is missing. */
        UNAVAILABLE
    }

    private final Kind kind;

    public ReplayException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ReplayException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
