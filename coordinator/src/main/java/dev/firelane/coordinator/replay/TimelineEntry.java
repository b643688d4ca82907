package dev.firelane.coordinator.replay;

import java.time.Instant;

/**
 * One line of a job's timeline.
 *
 * @param time        the record's timestamp
 * @param topic       the topic's base name
 * @param kind        {@code Create}, {@code Pause}, …, {@code Fire}, {@code Started}, {@code Heartbeat},
 *                    {@code Completed}, {@code JobState}, or {@code Malformed}
 * @param description the event in words, with what became of it
 * @param status      the job's status after the record (for a {@code job-state} record: the status it
 *                    published), or null while the job does not exist
 * @param applied     whether the status stream applied it (false: it went to the dlq; job-state records: false)
 * @param fireId      the fire it is about, if any
 * @param commandId   the command it is, if any
 * @param event       the decoded value, or null (tombstone, malformed)
 */
public record TimelineEntry(Instant time, String topic, int partition, long offset, String kind, String description,
                            String status, boolean applied, String fireId, String commandId, Object event) {
    /** {@code control-2@17}. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }
}
