package dev.firelane.coordinator.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the REST API knows its callers: either a set of bearer tokens, or {@linkplain #open() open} (no
 * authentication; every caller is an operator and names itself). Only SHA-256 digests of the secrets are
 * kept; a presented token is digested and compared with every known digest in constant time, and the
 * loop never stops early, so neither the answer's timing nor its content tells how close a guess was.
 */
public final class ApiAuth {
    private static final String BEARER = "bearer ";

    private record Entry(String name, Role role, byte[] digest) {
    }

    private final List<Entry> entries;
    private final boolean open;

    private ApiAuth(List<Entry> entries, boolean open) {
        this.entries = entries;
        this.open = open;
    }

    /** No authentication: for {@code firelane dev --no-auth} and tests; never on a shared network. */
    public static ApiAuth open() {
        return new ApiAuth(List.of(), true);
    }

    /** Bearer tokens; at least one, names and secrets unique. */
    public static ApiAuth tokens(List<ApiToken> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("at least one API token is needed (or run the API open)");
        }
        Set<String> names = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        List<Entry> entries = new ArrayList<>();
        for (ApiToken token : tokens) {
            if (!names.add(token.name())) {
                throw new IllegalArgumentException("two API tokens are named '" + token.name()
                        + "'; names must be unique, the audit records them");
            }
            if (!secrets.add(token.secret())) {
                throw new IllegalArgumentException("API tokens '" + token.name() + "' and another share a secret");
            }
            entries.add(new Entry(token.name(), token.role(), digest(token.secret())));
        }
        return new ApiAuth(List.copyOf(entries), false);
    }

    public boolean isOpen() {
        return open;
    }

    /**
     * The caller an {@code Authorization} header value ({@code Bearer <token>}) stands for; empty when the
     * header is missing, malformed or names no known token. Always empty when the API is open.
     */
    public Optional<Caller> authenticate(String authorization) {
        if (open || authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        byte[] presented = digest(authorization.substring(BEARER.length()).trim());
        Entry match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), presented) && match == null) {
                match = entry;
            }
        }
        return match == null ? Optional.empty() : Optional.of(new Caller(match.name(), match.role(), true));
    }

    /** Names and roles only, e.g. {@code tokens[alice:operator, grafana:viewer]}; never a secret. */
    @Override
    public String toString() {
        if (open) {
            return "open (no authentication)";
        }
        return entries.stream().map(e -> e.name() + ":" + e.role().wire())
                .collect(Collectors.joining(", ", "tokens[", "]"));
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
