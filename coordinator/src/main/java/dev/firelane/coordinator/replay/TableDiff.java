package dev.firelane.coordinator.replay;

import java.util.List;

/**
 * How one table differs.
 *
 * @param differing   how many rows differ
 * @param rows        the first of them by key, column by column (at most {@link DatabaseDiff#ROWS_SHOWN})
 * @param ignored     columns not compared, with why (e.g. {@code applied_at})
 * @param schemaNotes columns that exist on one side only (not compared)
 */
public record TableDiff(String table, String key, long liveRows, long rebuiltRows, long differing, List<RowDiff> rows,
                        List<String> ignored, List<String> schemaNotes) {
    public TableDiff {
        rows = List.copyOf(rows);
        ignored = List.copyOf(ignored);
        schemaNotes = List.copyOf(schemaNotes);
    }

    public boolean differs() {
        return differing > 0 || !schemaNotes.isEmpty();
    }
}
