package dev.firelane.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The operator's lifecycle intent for a job. Run telemetry never changes it; only operator commands,
 * the success of an {@code at} job and the error limit do (see DESIGN.md, allowed transitions).
 */
public enum JobStatus {
    @JsonProperty("active") ACTIVE,
    @JsonProperty("paused") PAUSED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("deleted") DELETED;

    /** The lower-case name used on the wire and in SQL. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a wire name (as stored in SQL). */
    public static JobStatus fromWire(String text) {
        return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
}
