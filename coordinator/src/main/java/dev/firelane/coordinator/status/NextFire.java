package dev.firelane.coordinator.status;

import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.protocol.JobSpec;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code next_fire_at} estimate shown to operators; the fire topology decides the real fires. */
final class NextFire {
    private static final Logger log = LoggerFactory.getLogger(NextFire.class);

    private final ScheduleCalculator calculator;

    NextFire(ScheduleCalculator calculator) {
        this.calculator = calculator;
    }

    /** The first fire time after {@code after}, or null when there is none or it cannot be computed. */
    Instant after(JobSpec spec, Instant anchor, Instant after) {
        try {
            return calculator.nextAfter(spec, anchor, after).orElse(null);
        } catch (RuntimeException e) {
            // only an estimate: a schedule the calculator refuses must not stop the row from being written
            log.warn("{} next fire time not computable: {}", spec.id(), e.getMessage());
            return null;
        }
    }
}
