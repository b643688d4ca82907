package dev.firelane.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a run ended. */
public enum RunOutcome {
    @JsonProperty("ok") OK,
    @JsonProperty("error") ERROR,
    @JsonProperty("timeout") TIMEOUT,
    @JsonProperty("cancelled") CANCELLED,
    @JsonProperty("abandoned") ABANDONED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static RunOutcome fromWire(String text) {
        return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }

    /** Whether this outcome counts toward the job's consecutive errors. */
    public boolean isFailure() {
        return this == ERROR || this == TIMEOUT || this == ABANDONED;
    }
}
