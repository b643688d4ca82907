package dev.firelane.coordinator.status;

import java.sql.SQLException;

/**
 * Decides what a failed apply means. Only a failure that belongs to the records themselves is a rejection
 * (dlq): the database refusing their data (SQLState class 22 or 23); the apply code refusing an event says so
 * with an {@link UnappliableEventException} instead. Anything else — the database or the deployment failing
 * (connection, deadlock, pool closed, a mapping or SQL syntax error), a row changed under the batch, or a fault
 * in the apply code itself — would hit a good record as well: it is retried, and never lets a record be skipped.
 */
final class ApplyFailures {
    enum Verdict { RETRY, REJECT }

    private ApplyFailures() {
    }

    static Verdict classify(Throwable failure) {
        SQLException sql = deepestSql(failure);
        if (sql != null) {
            String state = sql.getSQLState();
            return state != null && (state.startsWith("22") || state.startsWith("23")) ? Verdict.REJECT : Verdict.RETRY;
        }
        return Verdict.RETRY;
    }

    /** A one-line description: the deepest SQL message if there is one, else the failure's own. */
    static String describe(Throwable failure) {
        Throwable cause = deepestSql(failure);
        Throwable shown = cause != null ? cause : failure;
        String message = shown.getMessage();
        String text = shown.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static SQLException deepestSql(Throwable failure) {
        SQLException deepest = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                deepest = sql;
            }
        }
        return deepest;
    }
}
