package dev.firelane.deploy.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The faults of the chaos suite, in order, each logged with the time it was injected since the start. */
final class Nemesis {
    private static final Logger log = LoggerFactory.getLogger(Nemesis.class);

    private final List<String> events = new ArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);
    private long startNanos = System.nanoTime();

    void started() {
        startNanos = System.nanoTime();
        note("fleet running, operators and nemesis start");
    }

    void inject(String what, Runnable fault) {
        long before = System.nanoTime();
        fault.run();
        note(what + String.format(Locale.ROOT, " (took %.1f s)", (System.nanoTime() - before) / 1e9));
    }

    synchronized void note(String what) {
        String line = String.format(Locale.ROOT, "+%6.1f s  %s", (System.nanoTime() - startNanos) / 1e9, what);
        events.add(line);
        log.info("nemesis: {}", line);
    }

    /** Lets the fleet run with the fault in place (or recover from it) for {@code time}. */
    void hold(Duration time) {
        try {
            // the fault lasts this long by design: there is nothing to wait for but time
            boolean ignored = never.await(time.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }
}
