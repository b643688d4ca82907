package dev.firelane.coordinator.replay;

import java.util.List;

/** What {@code replay diff} found, table by table. */
public record DiffReport(String live, String rebuilt, List<TableDiff> tables) {
    public DiffReport {
        tables = List.copyOf(tables);
    }

    public boolean hasDifferences() {
        return tables.stream().anyMatch(TableDiff::differs);
    }

    /** Rows that differ, over all tables. */
    public long differingRows() {
        return tables.stream().mapToLong(TableDiff::differing).sum();
    }
}
