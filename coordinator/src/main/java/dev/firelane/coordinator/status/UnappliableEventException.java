package dev.firelane.coordinator.status;

import dev.firelane.protocol.FirelaneException;

/**
 * An event that can never be applied, however often it is retried (it does not fit the schema, its key
 * contradicts its value, the database refuses its data). The status stream sends its record to the dlq
 * with this message as the reason, so the partition goes on.
 */
public class UnappliableEventException extends FirelaneException {
    private final int index;

    public UnappliableEventException(String message) {
        this(message, null, -1);
    }

    public UnappliableEventException(String message, Throwable cause) {
        this(message, cause, -1);
    }

    private UnappliableEventException(String message, Throwable cause, int index) {
        super(message, cause);
        this.index = index;
    }

    /** Where the event is in the list that was applied; -1 if unknown. */
    public int index() {
        return index;
    }

    /** The same refusal, naming the event's place in the list applied. */
    UnappliableEventException at(int position) {
        return new UnappliableEventException(getMessage(), getCause(), position);
    }
}
