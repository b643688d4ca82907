package dev.firelane.coordinator.status;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;

class RunRetentionOnMariaDbTest extends RunRetentionContract {
    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.mariaDb();
    }

    @Override
    void dropDatabase(DatabaseConfig config) {
        TestDatabases.dropMariaDb(config);
    }
}
