package dev.firelane.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Largest {@link JobSpec#maxAttempts()} accepted; the smallest is 1. */
    public static final int MAX_ATTEMPTS = 100;
    /** Shortest {@link JobSpec#timeout()} accepted. */
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    /** Longest {@link JobSpec#timeout()} accepted. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(24);
    /** Largest {@link JobSpec#misfireLimit()} accepted; the smallest is 1. */
    public static final int MAX_MISFIRE_LIMIT = 10_000;
    /** Most cron verdicts remembered (then forgotten all at once): enough for a bulk request's few expressions. */
    static final int MAX_REMEMBERED_CRONS = 4096;

    private final int maxPayloadBytes;
    private final Predicate<String> knownHandler;
    private final String knownHandlersText;
    /**
     * The verdict on cron texts already checked: "" for accepted, else why not. Checking one costs ~0.1-1 ms in
     * cron-utils, and proving that an expression never fires up to ~100 ms, which a bulk of thousands of jobs
     * sharing a few expressions would pay per job. The check is a pure function of the text, so remembering the
     * verdict changes nothing else.
     */
    private final Map<String, String> cronVerdicts = new ConcurrentHashMap<>();

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

    /**
     * Checks every field of {@code spec}: id, schedule (a cron must fire at least once), time zone,
     * window ({@code notAfter} after {@code notBefore}; an {@code at} instant inside it), handler,
     * payload size and the ranges of {@code maxErrors}, {@code maxAttempts} (1..{@value #MAX_ATTEMPTS}),
     * {@code timeout} (1 s..24 h) and {@code misfireLimit} (1..{@value #MAX_MISFIRE_LIMIT}).
     *
     * @throws InvalidFieldException naming the first field at fault
     */
    public void validate(JobSpec spec) {
        checkId(spec.id());
        if (spec.scheduleKind() == null) {
            throw new InvalidFieldException("scheduleKind", "is required: one of cron, every, at");
        }
        Schedules.parseZone(spec.timeZone());
        switch (spec.scheduleKind()) {
            case CRON -> checkCron(spec.schedule());
            case EVERY -> Schedules.parseEvery(spec.schedule());
            case AT -> Schedules.parseAt(spec.schedule());
        }
        checkWindow(spec.notBefore(), spec.notAfter());
        if (spec.scheduleKind() == ScheduleKind.AT) {
            checkAtInWindow(Schedules.parseAt(spec.schedule()), spec);
        }
        checkHandler(spec.handler());
        int payloadBytes = spec.payload().toString().getBytes(StandardCharsets.UTF_8).length;
        if (payloadBytes > maxPayloadBytes) {
            throw new InvalidFieldException("payload", "is " + payloadBytes + " bytes; the limit is " + maxPayloadBytes);
        }
        if (spec.maxErrors() < 0) {
            throw new InvalidFieldException("maxErrors", "must be 0 (no limit) or more; got " + spec.maxErrors());
        }
        checkRange("maxAttempts", spec.maxAttempts(), MAX_ATTEMPTS);
        checkTimeout(spec.timeout());
        checkRange("misfireLimit", spec.misfireLimit(), MAX_MISFIRE_LIMIT);
    }

    private void checkCron(String text) {
        if (text == null) {
            Schedules.parseCron(null);
        }
        String verdict = cronVerdicts.get(text);
        if (verdict == null) {
            try {
                Schedules.parseCron(text);
                verdict = "";
            } catch (InvalidFieldException e) {
                verdict = e.reason();
            }
            if (cronVerdicts.size() >= MAX_REMEMBERED_CRONS) {
                cronVerdicts.clear();
            }
            cronVerdicts.put(text, verdict);
        }
        if (!verdict.isEmpty()) {
            throw new InvalidFieldException("schedule", verdict);
        }
    }

    private static void checkWindow(Instant notBefore, Instant notAfter) {
        if (notBefore != null && notAfter != null && !notAfter.isAfter(notBefore)) {
            throw new InvalidFieldException("notAfter", "must be after notBefore; the window "
                    + notBefore + " .. " + notAfter + " is empty");
        }
    }

    private static void checkAtInWindow(Instant at, JobSpec spec) {
        if (spec.notBefore() != null && at.isBefore(spec.notBefore())) {
            throw new InvalidFieldException("schedule", "the job would never fire: its instant " + at
                    + " is before notBefore " + spec.notBefore());
        }
        if (spec.notAfter() != null && at.isAfter(spec.notAfter())) {
            throw new InvalidFieldException("schedule", "the job would never fire: its instant " + at
                    + " is after notAfter " + spec.notAfter());
        }
    }

    private static void checkRange(String field, int value, int max) {
        if (value < 1 || value > max) {
            throw new InvalidFieldException(field, "must be between 1 and " + max + "; got " + value);
        }
    }

    private static void checkTimeout(Duration timeout) {
        if (timeout != null && (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0)) {
            throw new InvalidFieldException("timeout", "must be between 1s and 24h; got " + timeout);
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
