package dev.firelane.coordinator.api;

import dev.firelane.protocol.ControlCommand;

/** Puts an operator command on the {@code control} topic. */
public interface CommandPublisher extends AutoCloseable {
    /**
     * Returns once the broker has acknowledged the command; throws {@link CommandPublishException} if
     * it cannot be published.
     */
    void publish(ControlCommand command);

    @Override
    default void close() {
    }

    /** The command could not be published (broker down, timeout…). The API answers 503. */
    final class CommandPublishException extends dev.firelane.protocol.FirelaneException {
        public CommandPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
