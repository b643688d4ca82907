package dev.firelane.coordinator.status;

import dev.firelane.protocol.FirelaneException;

/**
 * An event that can never be applied, however often it is retried (it does not fit the schema, its key
 * contradicts its value, the database refuses its data). The status stream sends its record to the dlq
 * with this message as the reason, so the partition goes on.
 */
public class UnappliableEventException extends FirelaneException {
    public UnappliableEventException(String message) {
        super(message);
    }

    public UnappliableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
