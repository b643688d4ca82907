package dev.firelane.coordinator.status;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterProperty;

/** {@link ApplyModelProperties} on H2: 5,000 random histories. */
class ApplyModelOnH2Test extends ApplyModelProperties {
    @Property(tries = 5_000, seed = "20261203")
    void the_applied_row_is_what_the_model_of_allowed_transitions_says(@ForAll("histories") List<Integer> ops,
                                                                       @ForAll("cuts") List<Integer> cuts) {
        check(ops, cuts);
    }

    @AfterProperty
    void closeDatabase() {
        close();
    }

    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.h2();
    }

    @Override
    void dropDatabase(DatabaseConfig config) {
        // in memory: gone with the JVM
    }
}
