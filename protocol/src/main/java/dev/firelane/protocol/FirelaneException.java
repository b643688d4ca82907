package dev.firelane.protocol;

/** The root of Firelane's unchecked exceptions for real faults and refused input. */
public class FirelaneException extends RuntimeException {
    public FirelaneException(String message) {
        super(message);
    }

    public FirelaneException(String message, Throwable cause) {
        super(message, cause);
    }
}
