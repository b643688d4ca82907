package dev.firelane.deploy.replay;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Firelane's own INFO lines while a replay command runs: the status applier logs every command it applies, which
 * in a replay would bury the output on stderr. Warnings still show.
 */
final class QuietLogs implements AutoCloseable {
    private final Logger logger;
    private final Level before;

    private QuietLogs(Logger logger) {
        this.logger = logger;
        this.before = logger.getLevel();
        logger.setLevel(Level.WARN);
    }

    static QuietLogs start() {
        if (LoggerFactory.getLogger("dev.firelane") instanceof Logger logback) {
            return new QuietLogs(logback);
        }
        return null;
    }

    @Override
    public void close() {
        logger.setLevel(before);
    }
}
