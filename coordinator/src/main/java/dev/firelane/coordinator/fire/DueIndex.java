package dev.firelane.coordinator.fire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A time index over a key-value store: keys {@code <19-digit epoch millis>|<id>}, values the id, so a
 * range scan up to now yields exactly what is due, in time order, without visiting anything not due.
 * The {@code due-index} store indexes job ids by next fire time; the {@code in-flight-index} store indexes
 * in-flight keys by expiry or retry time. Scans start at the index's {@link ScanFloor}, not at its first key,
 * so they do not step over what earlier scans handled.
 */
final class DueIndex {
    // '}' sorts right after '|', so "<millis>}" bounds every key of that millisecond
    private static final String UPPER_SUFFIX = "}";
    private static final long NOT_COMPLETE = -1;

    private static final int MILLIS_DIGITS = 19;
    private static final String LAST_KEY = "9".repeat(MILLIS_DIGITS) + UPPER_SUFFIX;

    private final KeyValueStore<String, String> store;
    private final ScanFloor floor;
    private final boolean peekAhead;
    private long completeUpTo = NOT_COMPLETE;

    DueIndex(KeyValueStore<String, String> store, ScanFloor floor) {
        this(store, floor, false);
    }

    /**
     * @param peekAhead after a complete scan, look up the first key after it (one more seek) and skip scans
     *                  until that time or an earlier key added. For an index whose keys are mostly deleted
     *                  before their time (in-flight expiries: a run that ends deletes its key seconds ahead):
     *                  RocksDB's seek steps over every such tombstone until compaction, and scanning at every
     *                  punctuation (10 ms) took a whole core at 1,000 fires/s after a few minutes.
     */
    DueIndex(KeyValueStore<String, String> store, ScanFloor floor, boolean peekAhead) {
        this.store = store;
        this.floor = floor;
        this.peekAhead = peekAhead;
    }

    static String key(Instant dueAt, String id) {
        // times before the epoch are simply overdue; clamping keeps keys fixed-width and sortable
        return millis(Math.max(0L, dueAt.toEpochMilli())) + "|" + id;
    }

    /** Epoch millis, zero-padded to a fixed width so that keys sort by time (a hot path: no String.format). */
    static String millis(long epochMillis) {
        if (epochMillis < 0) {
            return String.format("%019d", epochMillis); // sorts before every key, as it always did
        }
        String digits = Long.toString(epochMillis);
        return digits.length() >= MILLIS_DIGITS ? digits : "0".repeat(MILLIS_DIGITS - digits.length()) + digits;
    }

    void add(Instant dueAt, String id) {
        floor.lower(dueAt.toEpochMilli());
        store.put(key(dueAt, id), id);
    }

    void remove(Instant dueAt, String id) {
        store.delete(key(dueAt, id));
    }

    void remove(String key) {
        store.delete(key);
    }

    /** Removes every key (before the index is rebuilt from its primary store); the floor is reset with it. */
    void clear() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> it = store.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(store::delete);
        floor.reset();
    }

    /**
     * Up to {@code limit} index entries due at or before {@code now}, earliest first. Call {@link #handled()}
     * once all of them are handled.
     */
    List<KeyValue<String, String>> due(Instant now, int limit) {
        long nowMillis = Math.max(0L, now.toEpochMilli());
        if (peekAhead && nowMillis < floor.firstKey()) {
            completeUpTo = NOT_COMPLETE;
            return List.of();
        }
        floor.scanning();
        List<KeyValue<String, String>> due = new ArrayList<>();
        if (floor.millis() <= nowMillis) {
            String lower = millis(floor.millis());
            String upper = millis(nowMillis) + UPPER_SUFFIX;
            // collect first: the store must not change while the iterator is open
            try (KeyValueIterator<String, String> it = store.range(lower, upper)) {
                while (it.hasNext() && due.size() < limit) {
                    due.add(it.next());
                }
            }
        }
        completeUpTo = due.size() < limit ? nowMillis : NOT_COMPLETE;
        return due;
    }

    /** Everything the last {@link #due} returned is handled: later scans start after what it saw. */
    void handled() {
        if (completeUpTo != NOT_COMPLETE) {
            floor.passed(completeUpTo);
            if (peekAhead) {
                floor.firstKeyAfterScan(firstAfter(completeUpTo));
            }
        }
        completeUpTo = NOT_COMPLETE;
    }

    /** The epoch millis of the first key after {@code nowMillis}, or {@code Long.MAX_VALUE} if there is none. */
    private long firstAfter(long nowMillis) {
        try (KeyValueIterator<String, String> it = store.range(millis(nowMillis + 1), LAST_KEY)) {
            return it.hasNext() ? Long.parseLong(it.next().key.substring(0, MILLIS_DIGITS)) : Long.MAX_VALUE;
        }
    }
}
