package dev.firelane.coordinator.fire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.fire.OverlapGate.Admission;
import dev.firelane.protocol.OverlapPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OverlapGateTest {
    @ParameterizedTest(name = "{0}, in flight {1}, queued {2} → {3}")
    @CsvSource({
        "SKIP,  false, false, FIRE",
        "SKIP,  true,  false, SKIP",
        "SKIP,  true,  true,  SKIP",
        "ALLOW, false, false, FIRE",
        "ALLOW, true,  false, FIRE",
        "ALLOW, true,  true,  FIRE",
        "QUEUE, false, false, FIRE",
        "QUEUE, true,  false, QUEUE",
        "QUEUE, true,  true,  SKIP",
        "QUEUE, false, true,  FIRE",
    })
    void admission_follows_the_policy(OverlapPolicy policy, boolean inFlight, boolean queued, Admission expected) {
        assertThat(OverlapGate.admit(policy, inFlight, queued)).isEqualTo(expected);
    }
}
