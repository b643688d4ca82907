package dev.firelane.coordinator.replay;

import java.util.List;

/**
 * One row that is not the same in both databases.
 *
 * @param key     the row's primary key
 * @param columns the columns that differ (every column of the row if it is on one side only)
 */
public record RowDiff(String key, Kind kind, List<ColumnDiff> columns) {
    public enum Kind {
        ONLY_LIVE, ONLY_REBUILT, CHANGED
    }

    public RowDiff {
        columns = List.copyOf(columns);
    }

    /** A column's value on each side (null for SQL NULL or a missing row). */
    public record ColumnDiff(String column, String live, String rebuilt) {
    }
}
