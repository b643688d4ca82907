package dev.firelane.coordinator.status;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;

class BatchEquivalenceOnMariaDbTest extends BatchEquivalenceContract {
    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.mariaDb();
    }

    @Override
    void dropDatabase(DatabaseConfig config) {
        TestDatabases.dropMariaDb(config);
    }

    @Override
    long[] seeds() {
        return new long[] {101, 202, 303, 404, 505, 606};
    }
}
