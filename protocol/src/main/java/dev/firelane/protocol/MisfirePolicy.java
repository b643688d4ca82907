package dev.firelane.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens to fire times missed while the coordinator was down. */
public enum MisfirePolicy {
    /** Go straight to the next future time. */
    @JsonProperty("skip") SKIP,
    /** One catch-up fire now, then the next future time (the default). */
    @JsonProperty("once") ONCE,
    /** Every missed time, bounded. */
    @JsonProperty("all") ALL;

    public static final MisfirePolicy DEFAULT = ONCE;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a wire name; throws {@link InvalidFieldException} naming {@code misfire}. */
    public static MisfirePolicy fromWire(String text) {
        for (MisfirePolicy policy : values()) {
            if (policy.wire().equalsIgnoreCase(text)) {
                return policy;
            }
        }
        throw new InvalidFieldException("misfire", "must be one of skip, once, all; got '" + text + "'");
    }
}
