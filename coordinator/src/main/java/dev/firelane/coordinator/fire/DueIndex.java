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
 * in-flight keys by expiry or retry time.
 */
final class DueIndex {
    private static final String FORMAT = "%019d|%s";
    // '}' sorts right after '|', so "<millis>}" bounds every key of that millisecond
    private static final String UPPER_SUFFIX = "}";
    private static final String LOWER_BOUND = "0";

    private final KeyValueStore<String, String> store;

    DueIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    static String key(Instant dueAt, String id) {
        // times before the epoch are simply overdue; clamping keeps keys fixed-width and sortable
        return String.format(FORMAT, Math.max(0L, dueAt.toEpochMilli()), id);
    }

    void add(Instant dueAt, String id) {
        store.put(key(dueAt, id), id);
    }

    void remove(Instant dueAt, String id) {
        store.delete(key(dueAt, id));
    }

    void remove(String key) {
        store.delete(key);
    }

    /** Up to {@code limit} index entries due at or before {@code now}, earliest first. */
    List<KeyValue<String, String>> due(Instant now, int limit) {
        String upper = String.format("%019d", Math.max(0L, now.toEpochMilli())) + UPPER_SUFFIX;
        List<KeyValue<String, String>> due = new ArrayList<>();
        // collect first: the store must not change while the iterator is open
        try (KeyValueIterator<String, String> it = store.range(LOWER_BOUND, upper)) {
            while (it.hasNext() && due.size() < limit) {
                due.add(it.next());
            }
        }
        return due;
    }
}
