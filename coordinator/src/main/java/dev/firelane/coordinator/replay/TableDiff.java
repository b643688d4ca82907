package dev.firelane.coordinator.replay;

import java.util.List;

/**
 * How one table differs.
 *
 * @param ignored     columns not compared, with why (e.g. {@code applied_at})
 * @param schemaNotes columns that exist on one side only (not compared)
 */
public record TableDiff(String table, String key, long liveRows, long rebuiltRows, List<RowDiff> rows,
                        List<String> ignored, List<String> schemaNotes) {
    public TableDiff {
        rows = List.copyOf(rows);
        ignored = List.copyOf(ignored);
        schemaNotes = List.copyOf(schemaNotes);
    }

    public boolean differs() {
        return !rows.isEmpty() || !schemaNotes.isEmpty();
    }
}
