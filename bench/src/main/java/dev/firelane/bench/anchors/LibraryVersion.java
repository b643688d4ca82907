package dev.firelane.bench.anchors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of a library on the class path. Maven-built jars carry a {@code pom.properties} that survives the
 * shaded bench jar; a jar's manifest does not (the shaded jar has its own), so that is only the second try.
 */
final class LibraryVersion {
    private LibraryVersion() {
    }

    /** From {@code group:artifact}'s pom.properties, else from {@code type}'s jar manifest, else {@code declared}. */
    static String of(Class<?> type, String group, String artifact, String declared) {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = type.getResourceAsStream(path)) {
            if (in != null) {
                Properties pom = new Properties();
                pom.load(in);
                String version = pom.getProperty("version");
                if (version != null) {
                    return version;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String manifest = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return manifest != null ? manifest : declared;
    }
}
