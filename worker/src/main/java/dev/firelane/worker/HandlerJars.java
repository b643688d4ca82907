package dev.firelane.worker;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class loader over the jars of a handlers directory, so that an image or an installation adds handlers by
 * dropping jars into a folder (the launcher runs {@code java -jar}, which ignores {@code -cp}). Its parent is the
 * worker's own class loader: handler jars see Firelane's classes (the SPI, Jackson, SLF4J) and its versions of
 * them. The loader is never closed: handlers live as long as the worker.
 */
final class HandlerJars {
    private static final Logger log = LoggerFactory.getLogger(HandlerJars.class);

    private HandlerJars() {
    }

    /** The {@code *.jar} files directly in {@code dir}, by name. */
    static List<Path> in(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new WorkerException("handlers directory " + dir.toAbsolutePath() + " does not exist or is not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new WorkerException("cannot list handlers directory " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    static ClassLoader classLoader(Path dir, ClassLoader parent) {
        List<Path> jars = in(dir);
        log.info("handlers directory {}: {} jar(s) {}", dir.toAbsolutePath(), jars.size(),
                jars.stream().map(j -> j.getFileName().toString()).toList());
        URL[] urls = jars.stream().map(HandlerJars::url).toArray(URL[]::new);
        return new URLClassLoader("firelane-handlers", urls, parent);
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new WorkerException("cannot read handler jar " + jar + ": " + e.getMessage(), e);
        }
    }
}
