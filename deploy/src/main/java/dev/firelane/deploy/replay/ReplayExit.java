package dev.firelane.deploy.replay;

import dev.firelane.coordinator.replay.ReplayException;
import dev.firelane.deploy.job.ApiCallException;

/** The exit codes of {@code firelane replay}: those of the {@code job} commands, plus 6 for differences. */
final class ReplayExit {
    static final int OK = 0;
    static final int OTHER = ApiCallException.EXIT_OTHER;
    static final int NOT_FOUND = ApiCallException.EXIT_NOT_FOUND;
    static final int INVALID = ApiCallException.EXIT_REFUSED;
    /** {@code replay diff} found rows that differ. */
    static final int DIFFERENCES = 6;

    private ReplayExit() {
    }

    static int of(ReplayException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> NOT_FOUND;
            case INVALID -> INVALID;
            case UNAVAILABLE -> OTHER;
        };
    }
}
