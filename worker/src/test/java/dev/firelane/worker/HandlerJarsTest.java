package dev.firelane.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A handler jar dropped into a directory is found, though its class is nowhere on the worker's class path. */
class HandlerJarsTest {
    private static final String SOURCE = """
            package com.example.dropin;
            public final class DropInHandler implements dev.firelane.worker.spi.JobHandler {
                public String name() { return "drop-in"; }
                public dev.firelane.worker.spi.HandlerResult run(dev.firelane.worker.spi.RunContext c) {
                    return dev.firelane.worker.spi.HandlerResult.ok();
                }
            }
            """;

    @TempDir
    Path temp;

    @Test
    void the_handlers_of_jars_in_the_directory_join_the_built_ins() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("handlers"));
        writeHandlerJar(dir.resolve("drop-in.jar"));
        Files.writeString(dir.resolve("README.txt"), "not a jar");

        HandlerRegistry registry = HandlerRegistry.load(dir);

        assertThat(registry.names()).containsExactly("drop-in", "http", "noop", "sleep");
        assertThat(registry.find("drop-in")).get().satisfies(h -> {
            assertThat(h.getClass().getName()).isEqualTo("com.example.dropin.DropInHandler");
            assertThat(h.getClass().getClassLoader().getName()).isEqualTo("firelane-handlers");
        });
        assertThatThrownBy(() -> Class.forName("com.example.dropin.DropInHandler"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void an_empty_directory_adds_nothing_and_a_missing_one_is_refused_by_its_path() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThat(HandlerRegistry.load(empty).names()).containsExactly("http", "noop", "sleep");
        assertThatThrownBy(() -> HandlerRegistry.load(temp.resolve("missing"))).isInstanceOf(WorkerException.class)
                .hasMessageContaining("handlers directory " + temp.resolve("missing").toAbsolutePath())
                .hasMessageContaining("does not exist");
    }

    @Test
    void jars_are_listed_by_name() throws IOException {
        Files.createFile(temp.resolve("b.jar"));
        Files.createFile(temp.resolve("a.jar"));
        Files.createDirectories(temp.resolve("c.jar"));
        assertThat(HandlerJars.in(temp)).extracting(p -> p.getFileName().toString()).containsExactly("a.jar", "b.jar");
    }

    /** Compiles the handler against the test's class path and packs it with its service file. */
    private void writeHandlerJar(Path jar) throws IOException {
        Path src = Files.createDirectories(temp.resolve("src/com/example/dropin")).resolve("DropInHandler.java");
        Files.writeString(src, SOURCE);
        Path classes = Files.createDirectories(temp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.toString());
        assertThat(status).as("javac exit status").isZero();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            String cls = "com/example/dropin/DropInHandler.class";
            put(out, cls, Files.readAllBytes(classes.resolve(cls)));
            put(out, "META-INF/services/dev.firelane.worker.spi.JobHandler",
                    "com.example.dropin.DropInHandler\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        ((OutputStream) out).write(bytes);
        out.closeEntry();
    }
}
