package dev.firelane.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens when a job is due while a run of it is still in flight. */
public enum OverlapPolicy {
    /** No fire while a run is in flight (the default). */
    @JsonProperty("skip") SKIP,
    /** Fire regardless; runs may overlap. */
    @JsonProperty("allow") ALLOW,
    /** Fire as soon as the in-flight run completes; at most one waits. */
    @JsonProperty("queue") QUEUE;

    public static final OverlapPolicy DEFAULT = SKIP;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a wire name; throws {@link InvalidFieldException} naming {@code overlap}. */
    public static OverlapPolicy fromWire(String text) {
        for (OverlapPolicy policy : values()) {
            if (policy.wire().equalsIgnoreCase(text)) {
                return policy;
            }
        }
        throw new InvalidFieldException("overlap", "must be one of skip, allow, queue; got '" + text + "'");
    }
}
