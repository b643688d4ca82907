package dev.firelane.coordinator.replay;

/** Offsets {@code start} (inclusive) to {@code end} (exclusive) of one topic partition. */
record OffsetRange(long start, long end) {
    OffsetRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("not an offset range: " + start + ".." + end);
        }
    }

    boolean isEmpty() {
        return start == end;
    }
}
