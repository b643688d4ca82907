package dev.firelane.deploy;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a server command in the foreground until Ctrl-C or SIGTERM, then closes what it started (in the
 * shutdown hook, so the JVM waits for a clean stop).
 */
public final class UntilShutdown {
    private static final Logger log = LoggerFactory.getLogger(UntilShutdown.class);

    private UntilShutdown() {
    }

    /** Blocks until the JVM is asked to stop and {@code running} has been closed. */
    public static void await(AutoCloseable running, String name) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping {}", name);
            try {
                running.close();
            } catch (Exception e) {
                log.warn("error while stopping {}: {}", name, e.toString());
            } finally {
                stopped.countDown();
            }
        }, "firelane-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
