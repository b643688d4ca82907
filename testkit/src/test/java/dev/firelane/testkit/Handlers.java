package dev.firelane.testkit;

import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;

/** Handlers written inline in the kit's own tests. */
final class Handlers {
    /** A handler's body. */
    interface Body {
        HandlerResult run(RunContext context) throws Exception;
    }

    private Handlers() {
    }

    static JobHandler named(String name, Body body) {
        return new JobHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HandlerResult run(RunContext context) throws Exception {
                return body.run(context);
            }
        };
    }
}
