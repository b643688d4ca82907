package dev.firelane.deploy.failover;

import dev.firelane.deploy.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;

/** A {@link CoordinatorProcessMain} in a child JVM, to be SIGKILLed mid-transaction. */
final class ChildCoordinator {
    private ChildCoordinator() {
    }

    static ChildJvm start(String bootstrapServers, Path stateDir, String clientId, Duration commitInterval, Path log) {
        return ChildJvm.start(log, CoordinatorProcessMain.class, bootstrapServers, stateDir.toString(), clientId,
                commitInterval.toString());
    }
}
