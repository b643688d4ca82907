package dev.firelane.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a job's {@code schedule} text is read. */
public enum ScheduleKind {
    /** A cron expression: Quartz 6/7-field (with seconds, optional year) or Unix 5-field, in the job's time zone. */
    @JsonProperty("cron") CRON,
    /** A fixed rate such as {@code 5s}, {@code 10m} or {@code PT5S}, anchored at the job's creation. */
    @JsonProperty("every") EVERY,
    /** A single ISO-8601 instant. */
    @JsonProperty("at") AT;

    /** The lower-case name used on the wire, in SQL and on the command line. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a wire name, case-insensitively; throws {@link InvalidFieldException} naming {@code scheduleKind}. */
    public static ScheduleKind fromWire(String text) {
        for (ScheduleKind kind : values()) {
            if (kind.wire().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        throw new InvalidFieldException("scheduleKind", "must be one of cron, every, at; got '" + text + "'");
    }
}
