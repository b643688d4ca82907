package dev.firelane.deploy.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The images of the container tier, named as {@code deploy/docker/images.sh names} names them (so {@code IMAGES=public}
 * or {@code KAFKA_IMAGE=…} in the environment pick other images), and built by that script on first use: the base
 * images once per machine, the Firelane image from this build's {@code deploy/target/firelane.jar}.
 */
final class ContainerImages {
    private static final Path ROOT = Path.of(System.getProperty("firelane.root", "..")).toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("deploy/docker/images.sh");
    private static Map<String, String> names;
    private static boolean built;

    private ContainerImages() {
    }

    static String kafka() {
        return name("KAFKA_IMAGE");
    }

    static String mysql() {
        return name("MYSQL_IMAGE");
    }

    static String firelane() {
        return name("FIRELANE_IMAGE");
    }

    /** Builds what is missing (base images, then the Firelane image from the fat jar); once per JVM. */
    static synchronized void build() {
        if (!built) {
            run(20, "all");
            built = true;
        }
    }

    private static synchronized String name(String key) {
        if (names == null) {
            Map<String, String> read = new LinkedHashMap<>();
            for (String line : run(1, "names").split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    read.put(line.substring(0, eq), line.substring(eq + 1).trim());
                }
            }
            names = read;
        }
        String name = names.get(key);
        if (name == null || name.isBlank()) {
            throw new IllegalStateException(SCRIPT + " names gave no " + key + ": " + names);
        }
        return name;
    }

    private static String run(int minutes, String step) {
        try {
            Process process = new ProcessBuilder("bash", SCRIPT.toString(), step).directory(ROOT.toFile())
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(SCRIPT + " " + step + " took more than " + minutes + " min");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(SCRIPT + " " + step + " exited " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + SCRIPT, e);
        }
    }
}
