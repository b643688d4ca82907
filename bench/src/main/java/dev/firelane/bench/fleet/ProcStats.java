package dev.firelane.bench.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** CPU time and memory of a process, read from Linux's {@code /proc} (-1 where it cannot be read). */
public final class ProcStats {
    /** Clock ticks per second of {@code /proc/PID/stat}: 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {
    }

    /** User + system CPU seconds the process has used so far. */
    public static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Resident set size now, in bytes. */
    public static long rssBytes(long pid) {
        return statusKib(pid, "VmRSS:") * 1024;
    }

    /** The largest resident set size the process has had, in bytes. */
    public static long peakRssBytes(long pid) {
        return statusKib(pid, "VmHWM:") * 1024;
    }

    /** The machine's MariaDB or MySQL server process, if one runs here (its CPU counts in a benchmark). */
    public static Optional<Long> databaseServerPid() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld")).orElse(false))
                .map(ProcessHandle::pid)
                .findFirst();
    }

    private static long statusKib(long pid, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return lines.stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
