package dev.firelane.coordinator.status;

/**
 * What one apply did that the meters count, kept apart until the transaction commits: a rolled-back
 * (and retried) apply must not count twice.
 */
final class ApplyTally {
    private int pausesPreserved;

    /** A completion was recorded for a job that is paused: the pause held against a run in flight. */
    void pausePreserved() {
        pausesPreserved++;
    }

    int pausesPreserved() {
        return pausesPreserved;
    }
}
