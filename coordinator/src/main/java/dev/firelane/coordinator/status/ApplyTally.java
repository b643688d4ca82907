package dev.firelane.coordinator.status;

import dev.firelane.protocol.RunOutcome;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one apply did that the meters count, kept apart until the transaction commits: a rolled-back
 * (and retried) apply must not count twice.
 */
final class ApplyTally {
    private int pausesPreserved;
    private final Map<RunOutcome, Integer> runsFinished = new EnumMap<>(RunOutcome.class);

    /** A completion was recorded for a job that is paused: the pause held against a run in flight. */
    void pausePreserved() {
        pausesPreserved++;
    }

    /** A run row was finished with {@code outcome}: its first completion (a redelivered one finishes nothing). */
    void runFinished(RunOutcome outcome) {
        runsFinished.merge(outcome, 1, Integer::sum);
    }

    int pausesPreserved() {
        return pausesPreserved;
    }

    Map<RunOutcome, Integer> runsFinished() {
        return runsFinished;
    }
}
