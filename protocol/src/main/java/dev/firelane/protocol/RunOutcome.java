package dev.firelane.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** How a run ended. */
public enum RunOutcome {
    /** The handler succeeded. */
    @JsonProperty("ok") OK,
    /** The handler failed. */
    @JsonProperty("error") ERROR,
    /** The run passed its deadline. */
    @JsonProperty("timeout") TIMEOUT,
    /** An operator cancelled the run. */
    @JsonProperty("cancelled") CANCELLED,
    /** Nothing was heard of the run any more: the coordinator gave up on it. */
    @JsonProperty("abandoned") ABANDONED,
    /**
     * The worker did not run the fire: its job was paused after the fire was emitted and before the run
     * started. Recorded in the run history; it is not a run, so the job's telemetry does not change.
     */
    @JsonProperty("skipped") SKIPPED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunOutcome fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /** Whether this outcome counts toward the job's consecutive errors. */
    public boolean isFailure() {
        return this == ERROR || this == TIMEOUT || this == ABANDONED;
    }

    /** Whether the handler ran at all: false for a fire the worker skipped. */
    public boolean isRun() {
        return this != SKIPPED;
    }
}
