package dev.firelane.coordinator.status;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;

class RunRetentionOnH2Test extends RunRetentionContract {
    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.h2();
    }

    @Override
    void dropDatabase(DatabaseConfig config) {
        // in memory
    }
}
