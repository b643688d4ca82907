package com.example.hello;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Greets into the worker's log: the greeter of a worker that loads this jar. */
final class LogGreeter implements Greeter {
    private static final Logger log = LoggerFactory.getLogger(LogGreeter.class);

    @Override
    public void greet(String idempotencyKey, String message) {
        log.info("{} {}", idempotencyKey, message);
    }
}
