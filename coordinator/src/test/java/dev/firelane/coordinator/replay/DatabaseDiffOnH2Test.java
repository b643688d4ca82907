package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;

class DatabaseDiffOnH2Test extends DatabaseDiffContract {
    @Override
    DatabaseConfig newLiveDatabase() {
        return TestDatabases.h2();
    }

    @Override
    void dropLiveDatabase(DatabaseConfig config) {
    }
}
