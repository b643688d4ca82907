package dev.firelane.deploy.dev;

import dev.firelane.coordinator.api.auth.ApiToken;
import dev.firelane.coordinator.api.auth.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The operator token of a {@code firelane dev} run: new at every start (256 random bits), named after the
 * user at the keyboard so the audit says who paused a job, and written where the CLI finds it.
 */
final class DevToken {
    static final String FILE_NAME = "operator.token";
    static final String PREFIX = "fl_";
    private static final String FALLBACK_NAME = "operator";

    private DevToken() {
    }

    static ApiToken generate(SecureRandom random, String userName) {
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        return new ApiToken(nameFor(userName), Role.OPERATOR, secret);
    }

    /** The login name if it is a valid token name, else {@code operator}. */
    static String nameFor(String userName) {
        return userName != null && ApiToken.NAME.matcher(userName).matches() ? userName : FALLBACK_NAME;
    }

    /** Writes the secret to {@code dataDir/operator.token}, readable by its owner only where the file system can say so. */
    static Path write(Path dataDir, ApiToken token) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, token.secret() + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the operator token to " + file, e);
        }
    }

    /** A run without authentication leaves no token file behind that would no longer work. */
    static void remove(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
