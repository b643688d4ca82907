package dev.firelane.coordinator.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Column sizes of the schema (V1..V4) and fitting values into them. */
final class Columns {
    static final int JOB_ID = 128;
    static final int SCHEDULE = 512;
    static final int FIRE_ID = 200;
    static final int COMMAND_ID = 64;
    static final int REQUESTED_BY = 128;
    static final int REASON = 1024;
    static final int ERROR = 1024;
    static final int WORKER_ID = 128;

    private Columns() {
    }

    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        // keep a surrogate pair whole so the stored text stays valid UTF-16/utf8mb4
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /** DATETIME(3): both databases then read back exactly what was written (H2 rounds, MariaDB truncates). */
    static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
