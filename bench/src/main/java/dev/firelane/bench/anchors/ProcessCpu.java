package dev.firelane.bench.anchors;

import java.lang.management.ManagementFactory;

/** CPU time used by this JVM so far, all threads together. */
final class ProcessCpu {
    private ProcessCpu() {
    }

    /** Nanoseconds of CPU time of this process, or -1 where the JVM cannot tell. */
    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
