package dev.firelane.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Process and disk measurements, printed as they are taken. */
final class Figures {
    private static final long MIB = 1024 * 1024;

    private Figures() {
    }

    /** Heap in use after a full collection (run twice: the first may only queue finalizable objects). */
    static long heapUsedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Resident set size of this process (heap, RocksDB's native memory, code…), or -1 off Linux. */
    static long residentBytes() {
        return dev.firelane.bench.fleet.ProcStats.rssBytes(ProcessHandle.current().pid());
    }

    /** Total size of the regular files under {@code dir}. */
    static long diskBytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(Figures::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.1f MiB", bytes / (double) MIB);
    }

    static String millis(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // RocksDB may delete a file while we walk
        }
    }
}
