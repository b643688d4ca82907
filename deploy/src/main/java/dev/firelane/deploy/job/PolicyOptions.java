package dev.firelane.deploy.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The optional parts of a job definition that {@code create} and {@code update} share, written into the API's
 * JSON body only when given (the server fills defaults and validates, naming the field at fault).
 */
final class PolicyOptions {
    /** What {@code update} takes to remove an optional value (a window bound, the timeout). */
    static final String NONE = "none";

    @Option(names = "--payload", paramLabel = "JSON", description = "JSON handed to the handler (default: {})")
    String payload;

    @Option(names = "--max-errors", paramLabel = "N",
            description = "consecutive failed fires after which the job is failed (0 = no limit)")
    Integer maxErrors;

    @Option(names = "--overlap", paramLabel = "skip|allow|queue",
            description = "when due while a run is in flight (default: skip)")
    String overlap;

    @Option(names = "--misfire", paramLabel = "skip|once|all",
            description = "fire times missed while down or paused (default: once)")
    String misfire;

    @Option(names = "--max-attempts", paramLabel = "N",
            description = "attempts per fire, the first included; failures are retried with backoff (default: 1)")
    Integer maxAttempts;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "longest a run may take: 30s, 5m, PT1H (default: none)")
    String timeout;

    @Option(names = "--not-before", paramLabel = "INSTANT", description = "no fire before this ISO-8601 instant")
    String notBefore;

    @Option(names = "--not-after", paramLabel = "INSTANT", description = "no fire after this ISO-8601 instant")
    String notAfter;

    @Option(names = "--misfire-limit", paramLabel = "N",
            description = "most catch-up fires the 'all' misfire policy makes at once (default: 100)")
    Integer misfireLimit;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why, recorded in the audit")
    String reason;

    /** Whether any option that changes the definition was given ({@code --reason} does not). */
    boolean changesDefinition() {
        return payload != null || maxErrors != null || overlap != null || misfire != null || maxAttempts != null
                || timeout != null || notBefore != null || notAfter != null || misfireLimit != null;
    }

    /**
     * Writes the given options into {@code body}.
     *
     * @param clearable whether {@value #NONE} removes a window bound or the timeout (update) rather than being sent
     */
    void putInto(ObjectNode body, CommandLine commandLine, boolean clearable) {
        if (payload != null) {
            body.set("payload", parsePayload(commandLine));
        }
        if (maxErrors != null) {
            body.put("maxErrors", maxErrors);
        }
        putText(body, "overlap", overlap, false);
        putText(body, "misfire", misfire, false);
        if (maxAttempts != null) {
            body.put("maxAttempts", maxAttempts);
        }
        putText(body, "timeout", timeout, clearable);
        putText(body, "notBefore", notBefore, clearable);
        putText(body, "notAfter", notAfter, clearable);
        if (misfireLimit != null) {
            body.put("misfireLimit", misfireLimit);
        }
        putText(body, "reason", reason, false);
    }

    private static void putText(ObjectNode body, String field, String value, boolean clearable) {
        if (value == null) {
            return;
        }
        if (clearable && NONE.equalsIgnoreCase(value.trim())) {
            body.putNull(field);
        } else {
            body.put(field, value);
        }
    }

    private JsonNode parsePayload(CommandLine commandLine) {
        try {
            JsonNode node = JobClient.MAPPER.readTree(payload);
            if (node == null) {
                throw new ParameterException(commandLine, "--payload is empty; give JSON such as '{\"ms\": 100}'");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ParameterException(commandLine, "--payload is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
