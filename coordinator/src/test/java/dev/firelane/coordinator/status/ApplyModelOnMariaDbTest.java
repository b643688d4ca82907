package dev.firelane.coordinator.status;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * {@link ApplyModelProperties} on MariaDB, where every batch is a real transaction with the grouped JSON_TABLE
 * statements: 1,000 random histories (a tenth of a second each here; H2 runs 5,000).
 */
class ApplyModelOnMariaDbTest extends ApplyModelProperties {
    @Property(tries = 1_000, seed = "20261203")
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
        return TestDatabases.mariaDb();
    }

    @Override
    void dropDatabase(DatabaseConfig config) {
        if (config != null) {
            TestDatabases.dropMariaDb(config);
        }
    }
}
