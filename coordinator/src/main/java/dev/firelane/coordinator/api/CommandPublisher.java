package dev.firelane.coordinator.api;

import dev.firelane.protocol.ControlCommand;
import java.util.List;

/** Puts an operator command on the {@code control} topic. */
public interface CommandPublisher extends AutoCloseable {
    /**
     * Returns once the broker has acknowledged the command; throws {@link CommandPublishException} if
     * it cannot be published.
     */
    void publish(ControlCommand command);

    /**
     * Publishes many commands at once and returns once the broker has acknowledged all of them; throws
     * {@link CommandPublishException} if any could not be published (the others may have been). This default
     * publishes one by one; a real publisher sends them all and waits once.
     */
    default void publishAll(List<ControlCommand> commands) {
        commands.forEach(this::publish);
    }

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
