package com.example.hello;

import java.io.IOException;

/**
 * Where greetings go: a chat, a mail service, a log. The handler's one outside effect, so that a test can stand in
 * for it.
 */
public interface Greeter {
    /**
     * Sends one greeting. Called again with the same key when a fire is delivered again: a real service should
     * drop the repeat (most chat and mail APIs take an idempotency key for this).
     *
     * @param idempotencyKey the fire id and the greeting's position in it
     * @param message        the text to send
     * @throws IOException          if the service cannot be reached or refuses the greeting
     * @throws InterruptedException if the run is interrupted (its deadline passed, or it was cancelled)
     */
    void greet(String idempotencyKey, String message) throws IOException, InterruptedException;
}
