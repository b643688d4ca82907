package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;

/** A live MariaDB against a rebuilt H2: the same values must read back as the same text on both. */
class DatabaseDiffOnMariaDbTest extends DatabaseDiffContract {
    @Override
    DatabaseConfig newLiveDatabase() {
        return TestDatabases.mariaDb();
    }

    @Override
    void dropLiveDatabase(DatabaseConfig config) {
        TestDatabases.dropMariaDb(config);
    }
}
