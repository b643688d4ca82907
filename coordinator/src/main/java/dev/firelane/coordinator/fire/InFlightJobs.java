package dev.firelane.coordinator.fire;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What one stream task derives from its {@code in-flight} store, in memory: the store's keys by job, and its time
 * index (the {@code in-flight-index} store, in memory and not logged). Only jobs with something in flight are here,
 * so both are as small as the fires in flight. Asking whether a job has a run in flight (every
 * fire does) is then a map lookup and point reads, not a prefix scan: each fire adds a key under its job's
 * prefix and deletes it when the run ends, and RocksDB's iterators step over those tombstones one by one until
 * compaction, so the prefix scan of every fire grew with the minutes of load (a whole core, and a few fires per
 * second, after ten minutes of 1,000 jobs every 1 s). The index is not logged either: a fire would otherwise write a
 * changelog record for its index key when it is emitted and another when it ends. Both are filled from the store by
 * one scan at the task's first use after a (re)start (whatever the index held before is dropped: a standby promoted,
 * a task revived after an aborted transaction); kept by {@link InFlightBook}, the only writer of the store. Used by
 * the task's thread only.
 */
final class InFlightJobs {
    private final Map<String, Set<String>> keysByJob = new HashMap<>();
    private boolean loaded;

    /** The task (re)starts: what the store holds is read again at the first use. */
    void reset() {
        keysByJob.clear();
        loaded = false;
    }

    void added(InFlight record) {
        keysByJob.computeIfAbsent(record.jobId(), job -> new HashSet<>()).add(record.key());
    }

    void removed(InFlight record) {
        Set<String> keys = keysByJob.get(record.jobId());
        if (keys != null && keys.remove(record.key()) && keys.isEmpty()) {
            keysByJob.remove(record.jobId());
        }
    }

    /** The in-flight keys of the job (a copy: the caller may change the store while going through them). */
    List<String> keysOf(String jobId) {
        Set<String> keys = keysByJob.get(jobId);
        return keys == null ? List.of() : List.copyOf(keys);
    }

    /** Fills the keys by job and {@code index} from the store, once after every {@link #reset()}; call before any use. */
    void load(KeyValueStore<String, InFlight> store, DueIndex index) {
        if (loaded) {
            return;
        }
        keysByJob.clear();
        index.clear();
        try (KeyValueIterator<String, InFlight> all = store.all()) {
            all.forEachRemaining(kv -> {
                keysByJob.computeIfAbsent(kv.value.jobId(), job -> new HashSet<>()).add(kv.key);
                index.add(kv.value.wakeAt(), kv.key);
            });
        }
        loaded = true;
    }
}
