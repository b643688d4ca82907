package dev.firelane.deploy.replay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Parses the instants of the replay options: ISO-8601, {@code 2026-03-29T02:13:00Z} or with an offset. */
final class Instants {
    private Instants() {
    }

    /** The instant, or null for null; a usage error (exit 2) if it is not one. */
    static Instant parse(CommandSpec spec, String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new ParameterException(spec.commandLine(), option + " '" + text
                        + "' is not an ISO-8601 instant, e.g. 2026-03-29T02:13:00Z or 2026-03-29T04:13:00+02:00");
            }
        }
    }

    /** A usage error if both are given and {@code from} is after {@code to}. */
    static void requireOrdered(CommandSpec spec, Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new ParameterException(spec.commandLine(), "--from " + from + " is after --to " + to);
        }
    }
}
