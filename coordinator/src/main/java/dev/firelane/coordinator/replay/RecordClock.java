package dev.firelane.coordinator.replay;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock the status applier reads during replay: set to the timestamp of the record being applied, so a
 * rebuild never depends on when it runs. (The applier reads its clock only for {@code applied_at} of
 * commands, which live is the moment of the apply; replay gives the record's timestamp, the moment the
 * command was published.)
 */
final class RecordClock extends Clock {
    private Instant now = Instant.EPOCH;

    void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
