package dev.firelane.deploy.failover;

import dev.firelane.coordinator.fire.FireStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A coordinator instance (the fire topology only) in a JVM of its own, so that the failover test can
 * crash it for real with SIGKILL. Arguments: bootstrap servers, state dir, client id, commit interval
 * (ISO-8601 duration). It stops by
 * itself when its standard input closes, so it never outlives a test JVM that died.
 */
public final class CoordinatorProcessMain {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorProcessMain.class);

    private CoordinatorProcessMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: CoordinatorProcessMain BOOTSTRAP_SERVERS STATE_DIR CLIENT_ID COMMIT_INTERVAL");
        }
        FireStream stream = new FireStream(FailoverSettings.streamsProperties(args[0], Path.of(args[1]), args[2],
                Duration.parse(args[3])), FailoverSettings.topology(Clock.systemUTC()));
        stream.start();
        log.info("clientId={} fire stream started", args[2]);
        InputStream in = System.in;
        while (in.read() >= 0) {
            // the parent never writes; end of input means it is gone
        }
        log.info("clientId={} standard input closed; stopping", args[2]);
        stream.close(Duration.ofSeconds(5));
        System.exit(0);
    }
}
