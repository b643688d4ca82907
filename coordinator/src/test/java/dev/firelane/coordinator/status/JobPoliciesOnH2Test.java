package dev.firelane.coordinator.status;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;

class JobPoliciesOnH2Test extends JobPoliciesContract {
    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.h2();
    }

    @Override
    void dropDatabase(DatabaseConfig config) {
        // in memory: gone with the JVM
    }
}
