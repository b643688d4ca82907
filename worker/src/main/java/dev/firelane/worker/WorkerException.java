package dev.firelane.worker;

import dev.firelane.protocol.FirelaneException;

/** The worker's unchecked exception for real faults (bad wiring, a client that cannot start). */
public class WorkerException extends FirelaneException {
    public WorkerException(String message) {
        super(message);
    }

    public WorkerException(String message, Throwable cause) {
        super(message, cause);
    }
}
