package dev.firelane.coordinator.fire;

/**
 * The earliest time (epoch millis) at which one time index may still hold a key, so that a scan can start
 * there rather than at the index's first key. A scan from the first key steps over the tombstones of every
 * entry already handled, which RocksDB skips one by one until compaction: under a steady load of fires,
 * that made each of the frequent punctuations cost about a millisecond per task.
 *
 * <p>Invariant: every key in the index is at or after {@link #millis()}. It holds from a {@link #reset()}
 * (zero: the whole index), every key added lowers the floor to it, and once everything a scan returned has
 * been handled (removed, or added again at a later time), a scan that saw every key up to its {@code now}
 * moves the floor past {@code now}, but not past a key added since the scan began. A scan whose results
 * were not all handled (a budget reached, an exception) leaves the floor where it was. One per index per
 * stream task, used by that task's thread only.
 */
final class ScanFloor {
    private long millis;
    private long addedSinceScan = Long.MAX_VALUE;
    private long firstKey;

    /** The whole index is to be scanned: after a (re)start, when nothing is known. */
    void reset() {
        millis = 0;
        addedSinceScan = Long.MAX_VALUE;
        firstKey = 0;
    }

    /**
     * No key of the index is before this (epoch millis), as far as it is known: zero after a reset, the first
     * key after a scan's {@code now} as {@link #firstKeyAfterScan} was told, lowered by every key added. A scan
     * for a time before it would find nothing, and can be skipped.
     */
    long firstKey() {
        return firstKey;
    }

    /** After {@link #passed}: the first key after the scan's {@code now} is at {@code keyMillis} (or none: MAX_VALUE). */
    void firstKeyAfterScan(long keyMillis) {
        firstKey = Math.min(keyMillis, addedSinceScan);
    }

    long millis() {
        return millis;
    }

    /** A key at {@code keyMillis} is added. */
    void lower(long keyMillis) {
        long key = Math.max(0L, keyMillis);
        millis = Math.min(millis, key);
        addedSinceScan = Math.min(addedSinceScan, key);
        firstKey = Math.min(firstKey, key);
    }

    /** A scan begins. */
    void scanning() {
        addedSinceScan = Long.MAX_VALUE;
    }

    /** The scan saw every key up to {@code nowMillis}, and all it returned is handled. */
    void passed(long nowMillis) {
        millis = Math.min(Math.max(millis, nowMillis + 1), addedSinceScan);
    }
}
