package dev.firelane.coordinator.fire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fires of one stream task that are not finished: the {@code in-flight} store and its time index,
 * kept consistent (a record's {@code wakeAt} is indexed, and nothing else is). A job's records are found
 * through {@link InFlightJobs} (point reads), never by scanning the store; the index is rebuilt from the store at
 * the task's first use after a (re)start.
 */
final class InFlightBook {
    private static final Logger log = LoggerFactory.getLogger(InFlightBook.class);

    private final KeyValueStore<String, InFlight> records;
    private final DueIndex index;
    private final InFlightJobs jobs;
    private final Liveness liveness;

    InFlightBook(KeyValueStore<String, InFlight> records, DueIndex index, InFlightJobs jobs, Liveness liveness) {
        this.records = records;
        this.index = index;
        this.jobs = jobs;
        this.liveness = liveness;
    }

    Optional<InFlight> get(String key) {
        return Optional.ofNullable(records.get(key));
    }

    void put(InFlight record) {
        jobs.load(records, index);
        InFlight old = records.get(record.key());
        if (old != null && !old.wakeAt().equals(record.wakeAt())) {
            index.remove(old.wakeAt(), old.key());
        }
        index.add(record.wakeAt(), record.key());
        records.put(record.key(), record);
        jobs.added(record);
    }

    void remove(InFlight record) {
        jobs.load(records, index);
        index.remove(record.wakeAt(), record.key());
        records.delete(record.key());
        jobs.removed(record);
    }

    /**
     * Whether incarnation {@code incarnation} of the job has a run in flight at {@code now}: one waiting to retry,
     * or one running whose expiry has not passed (an expired one is abandoned at the next punctuation). Runs of a
     * deleted incarnation are still followed, but they are another job's: a re-created job does not wait for them.
     */
    boolean busy(String jobId, long incarnation, Instant now) {
        for (InFlight record : ofJob(jobId)) {
            if (record.incarnation() != incarnation) {
                continue;
            }
            if (record.phase() == InFlight.Phase.RETRY_PENDING || liveness.expiry(record).isAfter(now)) {
                return true;
            }
        }
        return false;
    }

    /** Every record of the job, in key order (found through {@link InFlightJobs}: point reads, no prefix scan). */
    List<InFlight> ofJob(String jobId) {
        jobs.load(records, index);
        List<InFlight> all = new ArrayList<>();
        for (String key : jobs.keysOf(jobId)) {
            InFlight record = records.get(key);
            if (record != null) {
                all.add(record);
            }
        }
        all.sort(Comparator.comparing(InFlight::key));
        return all;
    }

    /**
     * Up to {@code limit} records whose wake time is at or before {@code now}; drops index keys gone stale.
     * Call {@link #awakeHandled()} once every one is handled.
     */
    List<InFlight> awake(Instant now, int limit) {
        jobs.load(records, index);
        List<InFlight> awake = new ArrayList<>();
        for (KeyValue<String, String> hit : index.due(now, limit)) {
            InFlight record = records.get(hit.value);
            if (record == null || !DueIndex.key(record.wakeAt(), hit.value).equals(hit.key)) {
                log.warn("key={} dropping stale in-flight index key {}", hit.value, hit.key);
                index.remove(hit.key);
                continue;
            }
            awake.add(record);
        }
        return awake;
    }

    /** Every record the last {@link #awake} returned is handled: the next scan starts after them. */
    void awakeHandled() {
        index.handled();
    }
}
