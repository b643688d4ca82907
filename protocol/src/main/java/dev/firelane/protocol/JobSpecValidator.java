package dev.firelane.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks a {@link JobSpec} before it becomes a command. Throws {@link InvalidFieldException} on the
 * first field at fault.
 */
public final class JobSpecValidator {
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    public static final Pattern HANDLER_PATTERN = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

    private final int maxPayloadBytes;
    private final Predicate<String> knownHandler;
    private final String knownHandlersText;

    /**
     * @param maxPayloadBytes largest payload accepted, as serialized JSON bytes
     * @param knownHandlers   handler names accepted; empty accepts any well-formed name
     */
    public JobSpecValidator(int maxPayloadBytes, Set<String> knownHandlers) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.knownHandler = knownHandlers.isEmpty() ? name -> true : knownHandlers::contains;
        this.knownHandlersText = String.join(", ", new java.util.TreeSet<>(knownHandlers));
    }

    /** Accepts any well-formed handler name and the default payload limit. */
    public static JobSpecValidator lenient() {
        return new JobSpecValidator(DEFAULT_MAX_PAYLOAD_BYTES, Set.of());
    }

    /** Throws {@link InvalidFieldException} if {@code id} is not a valid job id. */
    public static void checkId(String id) {
        if (id == null || id.isEmpty()) {
            throw new InvalidFieldException("id", "is required");
        }
        if (!ID_PATTERN.matcher(id).matches()) {
            throw new InvalidFieldException("id", "'" + id + "' must match " + ID_PATTERN.pattern());
        }
    }

    public void validate(JobSpec spec) {
        checkId(spec.id());
        if (spec.scheduleKind() == null) {
            throw new InvalidFieldException("scheduleKind", "is required: one of cron, every, at");
        }
        Schedules.parseZone(spec.timeZone());
        switch (spec.scheduleKind()) {
            case CRON -> Schedules.parseCron(spec.schedule());
            case EVERY -> Schedules.parseEvery(spec.schedule());
            case AT -> Schedules.parseAt(spec.schedule());
        }
        checkHandler(spec.handler());
        int payloadBytes = spec.payload().toString().getBytes(StandardCharsets.UTF_8).length;
        if (payloadBytes > maxPayloadBytes) {
            throw new InvalidFieldException("payload", "is " + payloadBytes + " bytes; the limit is " + maxPayloadBytes);
        }
        if (spec.maxErrors() < 0) {
            throw new InvalidFieldException("maxErrors", "must be 0 (no limit) or more; got " + spec.maxErrors());
        }
    }

    private void checkHandler(String handler) {
        if (handler == null || handler.isEmpty()) {
            throw new InvalidFieldException("handler", "is required");
        }
        if (!HANDLER_PATTERN.matcher(handler).matches()) {
            throw new InvalidFieldException("handler", "'" + handler + "' must match " + HANDLER_PATTERN.pattern());
        }
        if (!knownHandler.test(handler)) {
            throw new InvalidFieldException("handler", "unknown handler '" + handler + "'; known: " + knownHandlersText);
        }
    }
}
