package dev.firelane.deploy.server;

import dev.firelane.protocol.FirelaneException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code FIRELANE_*} environment as configuration keys: {@code FIRELANE_} and the key upper-cased with dots as
 * underscores, or that name and {@code _FILE} for a file holding the value (a mounted secret).
 */
final class ConfigEnvironment {
    /** The variables' prefix. */
    static final String PREFIX = "FIRELANE_";
    /** {@code FIRELANE_} variables of the launcher and the image, not configuration keys. */
    static final Set<String> LAUNCHER_VARIABLES = Set.of("FIRELANE_CONFIG", "FIRELANE_JAR", "FIRELANE_JAVA_OPTS",
            "FIRELANE_JVM_FLAGS", "FIRELANE_HEALTH_PORT", "FIRELANE_IMAGE");
    /** Suffix of a variable that names a file holding the value. */
    private static final String FILE_SUFFIX = "_FILE";
    private static final String KAFKA_PREFIX = FirelaneProperties.KAFKA_PREFIX;

    private ConfigEnvironment() {
    }

    /** The variable that sets {@code key}: {@code db.password} is {@code FIRELANE_DB_PASSWORD}. */
    static String variableOf(String key) {
        return PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The key {@code name} sets; an {@link IllegalArgumentException} naming the variable if it sets none. */
    static String keyOf(String name) {
        return variable(name).key();
    }

    /** A variable's key, and whether its value is the name of a file holding the key's value. */
    private record Variable(String key, boolean fromFile) {
    }

    /**
     * {@code FIRELANE_API_TOKENS_FILE} is the key {@code api.tokens.file}; a {@code kafka.} variable ending in
     * {@code _FILE} always names a file (no client property ends in {@code .file}).
     */
    private static Variable variable(String name) {
        String direct = directKey(name);
        boolean file = name.endsWith(FILE_SUFFIX);
        if (direct != null && !(file && direct.startsWith(KAFKA_PREFIX))) {
            return new Variable(direct, false);
        }
        String viaFile = file ? directKey(name.substring(0, name.length() - FILE_SUFFIX.length())) : null;
        if (viaFile == null) {
            throw new IllegalArgumentException("environment variable " + name + " sets no configuration key;"
                    + " variables are FIRELANE_ and a key upper-cased with dots as underscores (db.password is"
                    + " FIRELANE_DB_PASSWORD, kafka.<client property> is FIRELANE_KAFKA_…), or such a name and _FILE");
        }
        return new Variable(viaFile, true);
    }

    /** The key {@code name} names directly, or null. */
    private static String directKey(String name) {
        if (!name.startsWith(PREFIX) || name.length() == PREFIX.length()) {
            return null;
        }
        String key = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        return FirelaneProperties.KEYS.contains(key) || (key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length()) ? key : null;
    }

    /** The keys {@code env}'s {@code FIRELANE_*} variables set; a {@code _FILE} variable's file is read here. */
    static Map<String, String> keys(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(PREFIX) || LAUNCHER_VARIABLES.contains(name)) {
                continue;
            }
            Variable variable;
            try {
                variable = variable(name);
            } catch (IllegalArgumentException refused) {
                throw new FirelaneException(refused.getMessage());
            }
            String key = variable.key();
            if (variable.fromFile() && env.containsKey(variableOf(key))) {
                throw new FirelaneException("both " + variableOf(key) + " and " + name + " set '" + key
                        + "'; remove one");
            }
            out.put(key, variable.fromFile() ? readSecret(name, e.getValue()) : e.getValue());
        }
        return out;
    }

    private static String readSecret(String variable, String file) {
        try {
            return Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw new FirelaneException("cannot read the file " + variable + " names (" + file + "): " + e.getMessage(), e);
        }
    }
}
