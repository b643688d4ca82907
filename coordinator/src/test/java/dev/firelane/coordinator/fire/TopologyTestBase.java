package dev.firelane.coordinator.fire;

import dev.firelane.coordinator.testing.SettableClock;
import dev.firelane.protocol.Fire;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared set-up of the fire topology policy tests: a harness at {@link #T0} and helpers for instants.
 * Stores are in memory here, which makes a test several times faster; {@link FireTopologyTest} runs on
 * the production RocksDB stores.
 */
abstract class TopologyTestBase {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path stateDir;

    FireTopologyHarness harness;

    FireTopologyHarness start(UnaryOperator<FireTopologyConfig.Builder> tweak) {
        SettableClock clock = new SettableClock(T0);
        // zero: unreported fires judged by the clock alone, as the tests before RunsProgress expect; its own tests set it
        FireTopologyConfig.Builder builder = FireTopologyConfig.builder().clock(clock).storeType(Materialized.StoreType.IN_MEMORY)
                .startupReadGrace(Duration.ZERO);
        harness = new FireTopologyHarness(tweak.apply(builder).build(), clock, stateDir);
        return harness;
    }

    FireTopologyHarness start() {
        return start(b -> b);
    }

    @AfterEach
    void closeDriver() {
        if (harness != null) {
            harness.close();
        }
    }

    /** T0 plus {@code seconds}, to the millisecond. */
    static Instant t(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    /** {@code "10 15 20"} → t(10), t(15), t(20). */
    static List<Instant> ts(String seconds) {
        return seconds.isBlank() ? List.of()
                : Arrays.stream(seconds.trim().split("\\s+")).map(s -> t(Double.parseDouble(s))).toList();
    }

    static List<Instant> scheduledTimes(List<Fire> fires) {
        return fires.stream().map(Fire::scheduledAt).toList();
    }

    static List<Instant> firedTimes(List<Fire> fires) {
        return fires.stream().map(Fire::firedAt).toList();
    }
}
