package dev.firelane.coordinator.api.auth;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A bearer token of the REST API: a name (recorded as {@code requestedBy} of every command sent with it),
 * a role, and the secret itself. {@link #toString()} never shows the secret.
 */
public record ApiToken(String name, Role role, String secret) {
    /** Names end up in the audit and in log lines: short, printable, no separators of the token syntax. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    /** Short secrets can be guessed; 16 characters of a random token is the least accepted. */
    public static final int MIN_SECRET_LENGTH = 16;
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7e]+");

    public ApiToken {
        Objects.requireNonNull(role, "role");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("token name must match " + NAME.pattern() + "; got '" + name + "'");
        }
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("the secret of token '" + name + "' must have at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        if (!SECRET.matcher(secret).matches() || secret.contains(",")) {
            throw new IllegalArgumentException("the secret of token '" + name
                    + "' may hold only printable characters without spaces or commas");
        }
    }

    @Override
    public String toString() {
        return name + ":" + role.wire() + ":****";
    }
}
