package dev.firelane.coordinator.status;

/**
 * One statement on {@code job_runs}: insert a new fire's row, update an unfinished row (guarded by
 * {@code finished_at IS NULL}), or fill the fire time of a finished one (guarded by {@code fired_at IS NULL}).
 */
record RunWrite(Kind kind, RunRow row) {
    enum Kind { INSERT, UPDATE, MARK_FIRED }

    void issue(RunMapper runs) {
        switch (kind) {
            case INSERT -> runs.insert(row);
            case UPDATE -> runs.update(row);
            case MARK_FIRED -> runs.markFired(row.fireId(), row.firedAt());
        }
    }
}
