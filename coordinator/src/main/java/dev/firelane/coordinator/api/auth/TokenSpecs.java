package dev.firelane.coordinator.api.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads API tokens written as {@code name:role:secret}: a comma list (the {@code api.tokens} key) or a
 * file with one token a line ({@code api.tokens.file}; blank lines and {@code #} comments are skipped).
 * Error messages name the token or line, never the secret.
 */
public final class TokenSpecs {
    private TokenSpecs() {
    }

    /** {@code alice:operator:<secret>,grafana:viewer:<secret>}; blank gives none. */
    public static List<ApiToken> parseList(String text) {
        List<ApiToken> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        int n = 0;
        for (String part : text.split(",")) {
            n++;
            if (!part.isBlank()) {
                out.add(parse(part.trim(), "token " + n));
            }
        }
        return out;
    }

    /** One {@code name:role:secret} a line. */
    public static List<ApiToken> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the API tokens file " + file + ": " + e.getMessage(), e);
        }
        List<ApiToken> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.isEmpty() && !line.startsWith("#")) {
                out.add(parse(line, file + " line " + (i + 1)));
            }
        }
        return out;
    }

    /** One {@code name:role:secret}; the secret is everything after the second colon. */
    public static ApiToken parse(String spec, String where) {
        String[] parts = spec.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException(where + " must be written name:role:secret");
        }
        try {
            return new ApiToken(parts[0].trim(), Role.fromWire(parts[1]), parts[2].trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
