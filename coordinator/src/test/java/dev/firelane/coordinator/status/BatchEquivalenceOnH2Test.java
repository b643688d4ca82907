package dev.firelane.coordinator.status;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import java.util.stream.LongStream;

class BatchEquivalenceOnH2Test extends BatchEquivalenceContract {
    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.h2();
    }

    @Override
    void dropDatabase(DatabaseConfig config) {
        // in memory: gone with the JVM
    }

    @Override
    long[] seeds() {
        return LongStream.rangeClosed(1, 40).toArray();
    }
}
