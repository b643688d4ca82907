package dev.firelane.worker.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.firelane.protocol.Fire;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The {@link RunContext} of one fire ({@link RunContext#of}). */
final class FireRunContext implements RunContext {
    private final Fire fire;
    private final BooleanSupplier cancelled;
    private final Clock clock;

    FireRunContext(Fire fire, BooleanSupplier cancelled, Clock clock) {
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
        return cancelled.getAsBoolean();
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
