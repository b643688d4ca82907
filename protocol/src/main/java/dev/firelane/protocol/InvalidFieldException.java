package dev.firelane.protocol;

/**
 * Bad input, with the name of the field at fault. The API turns it into HTTP 400
 * {@code {"error":"invalid","field":...,"message":...}}; the CLI prints it.
 */
public class InvalidFieldException extends FirelaneException {
    private final String field;

    public InvalidFieldException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The field at fault, in the JSON spelling (e.g. {@code schedule}, {@code payload}). */
    public String field() {
        return field;
    }

    /** The message without the field prefix. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
