package dev.firelane.worker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.firelane.protocol.Fire;
import dev.firelane.worker.spi.RunContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link RunContext} for calling a handler directly: {@code TestRunContext.of(aFire()...build())}. */
public final class TestRunContext implements RunContext {
    private final Fire fire;
    private final Clock clock;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private TestRunContext(Fire fire, Clock clock) {
        this.fire = fire;
        this.clock = clock;
    }

    public static TestRunContext of(Fire fire) {
        return new TestRunContext(fire, Clock.fixed(fire.scheduledAt(), ZoneOffset.UTC));
    }

    /** Turns {@link #isCancelled()} on, as a cancel request would. */
    public TestRunContext cancel() {
        cancelled.set(true);
        return this;
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
}
