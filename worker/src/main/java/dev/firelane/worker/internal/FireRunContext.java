package dev.firelane.worker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.firelane.protocol.Fire;
import dev.firelane.worker.spi.RunContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@link RunContext} of one fire. */
final class FireRunContext implements RunContext {
    private final Fire fire;
    private final AtomicBoolean cancelled;
    private final Clock clock;

    FireRunContext(Fire fire, AtomicBoolean cancelled, Clock clock) {
        this.fire = fire;
        this.cancelled = cancelled;
        this.clock = clock;
    }

    @Override
    public String fireId() {
        return fire.fireId();
    }

    @Override
    public String jobId() {
        return fire.jobId();
    }

    @Override
    public int attempt() {
        return fire.attempt();
    }

    @Override
    public Instant scheduledAt() {
        return fire.scheduledAt();
    }

    @Override
    public Optional<Instant> deadline() {
        return Optional.ofNullable(fire.deadline());
    }

    @Override
    public JsonNode payload() {
        return fire.payload() == null ? NullNode.getInstance() : fire.payload();
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "RunContext[" + fire.fireId() + "]";
    }
}
