package dev.firelane.deploy.job;

import dev.firelane.protocol.FirelaneException;

/** No answer from the server at all (refused, timed out, unknown host). Exit code 1. */
public final class ServerUnreachableException extends FirelaneException {
    public ServerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
