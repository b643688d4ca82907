package com.example.hello;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import java.util.Objects;

/**
 * Greets everyone its job's payload names: {@code {"names": ["Ada", "Grace"]}}.
 *
 * <pre>
 * firelane job create --id greet --every 1m --handler hello --payload '{"names":["Ada","Grace"]}' --timeout 30s
 * </pre>
 *
 * <p>What it shows: the name jobs use, a bad payload as an {@code error} value, the fire id as the idempotency key
 * of each effect, a cancel checked between two greetings, and a blocking call left to the worker's interrupt at
 * the deadline. ServiceLoader creates it with the public no-argument constructor
 * ({@code META-INF/services/dev.firelane.worker.spi.JobHandler}); tests pass a {@link Greeter} of their own.
 * Stateless apart from its greeter, so one instance serves concurrent runs.
 */
public final class HelloHandler implements JobHandler {
    /** What jobs name: {@code --handler hello}. */
    public static final String NAME = "hello";

    private final Greeter greeter;

    /** The handler a worker loads: greetings go to the worker's log. */
    public HelloHandler() {
        this(new LogGreeter());
    }

    /**
     * A handler sending greetings to {@code greeter}.
     *
     * @param greeter where greetings go
     */
    public HelloHandler(Greeter greeter) {
        this.greeter = Objects.requireNonNull(greeter, "greeter");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public HandlerResult run(RunContext context) throws Exception {
        JsonNode names = context.payload().path("names");
        if (!names.isArray() || names.isEmpty()) {
            return HandlerResult.error("payload needs \"names\": [\"Ada\", …]");
        }
        int greeted = 0;
        for (JsonNode name : names) {
            if (context.isCancelled()) {
                return HandlerResult.cancelled("greeted " + greeted + " of " + names.size());
            }
            // a redelivered fire sends the same keys again, so the service can drop what it already has
            greeter.greet(context.fireId() + "/" + greeted, "Hello, " + name.asText() + "!");
            greeted++;
        }
        return HandlerResult.ok();
    }
}
