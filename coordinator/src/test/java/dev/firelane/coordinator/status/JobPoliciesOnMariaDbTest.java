package dev.firelane.coordinator.status;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;

class JobPoliciesOnMariaDbTest extends JobPoliciesContract {
    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.mariaDb();
    }

    @Override
    void dropDatabase(DatabaseConfig config) {
        if (config != null) {
            TestDatabases.dropMariaDb(config);
        }
    }
}
