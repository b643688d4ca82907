package dev.firelane.deploy.testing;

import dev.firelane.deploy.FirelaneCli;
import java.io.IOException;

/**
 * The {@code firelane} command line in a child JVM that halts as soon as its standard input closes, so that a
 * {@code firelane coordinator} or {@code firelane worker} started by a test never outlives the test JVM, even one
 * that was killed. The parent never writes; end of input means it is gone.
 */
public final class WatchedCli {
    private WatchedCli() {
    }

    public static void main(String[] args) {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is ever written
                }
            } catch (IOException e) {
                // the pipe broke: the parent is gone as well
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
        FirelaneCli.main(args);
    }
}
