package dev.firelane.coordinator.fire;

import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.protocol.FirelaneException;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.ScheduleKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule state of one stream task: the {@code schedules} store and the {@link DueIndex}, kept
 * consistent (an entry's {@code nextFireAt} is indexed, and nothing else is).
 */
final class ScheduleBook {
    private static final Logger log = LoggerFactory.getLogger(ScheduleBook.class);

    private final KeyValueStore<String, ScheduleEntry> entries;
    private final DueIndex index;
    private final ScheduleCalculator calculator;

    ScheduleBook(KeyValueStore<String, ScheduleEntry> entries, DueIndex index, ScheduleCalculator calculator) {
        this.entries = entries;
        this.index = index;
        this.calculator = calculator;
    }

    /** Applies a {@code job-state} record; a null state is a tombstone (the job was deleted). */
    void apply(String jobId, JobState state, Instant now) {
        ScheduleEntry old = entries.get(jobId);
        if (state == null) {
            if (old != null) {
                unindex(old);
                entries.delete(jobId);
            }
            return;
        }
        Instant last = old == null ? null : old.lastScheduledAt();
        Instant next = state.status() == JobStatus.ACTIVE ? nextOnApply(old, state, now) : null;
        // the entry survives a pause so that lastScheduledAt still guards the resume
        save(old, new ScheduleEntry(state, next, last));
    }

    /** The job's entry if it is known and active. */
    Optional<ScheduleEntry> active(String jobId) {
        return Optional.ofNullable(entries.get(jobId)).filter(e -> e.job().status() == JobStatus.ACTIVE);
    }

    /** Up to {@code limit} active entries due at or before {@code now}; drops index keys gone stale. */
    List<ScheduleEntry> due(Instant now, int limit) {
        List<ScheduleEntry> due = new ArrayList<>();
        for (KeyValue<String, String> hit : index.due(now, limit)) {
            ScheduleEntry entry = entries.get(hit.value);
            if (entry == null || entry.nextFireAt() == null || entry.job().status() != JobStatus.ACTIVE
                    || !DueIndex.key(entry.nextFireAt(), hit.value).equals(hit.key)) {
                log.warn("jobId={} dropping stale due-index key {}", hit.value, hit.key);
                index.remove(hit.key);
                continue;
            }
            due.add(entry);
        }
        return due;
    }

    /** Records that {@code entry}'s due time fired and schedules its next one, from no earlier than now. */
    void fired(ScheduleEntry entry, Instant now) {
        Instant dueAt = entry.nextFireAt();
        Instant next = compute(entry.job(), latest(dueAt, now));
        save(entry, new ScheduleEntry(entry.job(), next, dueAt));
    }

    /** Moves an entry whose due time is not after its last fired time to its next new time. */
    void skip(ScheduleEntry entry, Instant now) {
        Instant next = compute(entry.job(), latest(entry.lastScheduledAt(), now));
        save(entry, new ScheduleEntry(entry.job(), next, entry.lastScheduledAt()));
    }

    private Instant nextOnApply(ScheduleEntry old, JobState state, Instant now) {
        if (old != null && old.nextFireAt() != null && sameSchedule(old.job(), state)) {
            // a redelivery must not move a pending (possibly overdue) time past now
            return old.nextFireAt();
        }
        Instant last = old == null ? null : old.lastScheduledAt();
        if (state.spec().scheduleKind() == ScheduleKind.AT) {
            // an instant not yet fired is due, even if already past (one catch-up)
            return compute(state, last == null ? Instant.MIN : last);
        }
        return compute(state, latest(last, now));
    }

    /** Same job, same generation, same schedule inputs: nothing an operator changed. */
    private static boolean sameSchedule(JobState a, JobState b) {
        return a.status() == JobStatus.ACTIVE && b.status() == JobStatus.ACTIVE
                && a.generation() == b.generation()
                && a.createdAt().equals(b.createdAt())
                && a.spec().scheduleKind() == b.spec().scheduleKind()
                && Objects.equals(a.spec().schedule(), b.spec().schedule())
                && Objects.equals(a.spec().timeZone(), b.spec().timeZone())
                && a.spec().misfire() == b.spec().misfire();
    }

    private Instant compute(JobState job, Instant after) {
        try {
            return calculator.nextAfter(job.spec(), job.createdAt(), after).orElse(null);
        } catch (FirelaneException | IllegalArgumentException e) {
            // validated upstream; if it still cannot be computed, the job is not scheduled at all
            log.warn("jobId={} cannot compute next fire: {}", job.jobId(), e.getMessage());
            return null;
        }
    }

    private void save(ScheduleEntry old, ScheduleEntry entry) {
        if (old != null && old.nextFireAt() != null && !old.nextFireAt().equals(entry.nextFireAt())) {
            index.remove(old.nextFireAt(), old.jobId());
        }
        if (entry.nextFireAt() != null) {
            index.add(entry.nextFireAt(), entry.jobId());
        }
        entries.put(entry.jobId(), entry);
    }

    private void unindex(ScheduleEntry entry) {
        if (entry.nextFireAt() != null) {
            index.remove(entry.nextFireAt(), entry.jobId());
        }
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
