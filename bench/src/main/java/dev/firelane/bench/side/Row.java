package dev.firelane.bench.side;

/**
 * One scheduler's figures in the side-by-side run.
 *
 * @param seconds         from the instant every job was due to the last execution (for Firelane: the last
 *                        outcome applied in MariaDB)
 * @param jvmCpuSeconds   CPU of the scheduler's own JVMs over that time (Firelane: broker, coordinator, workers)
 * @param dbCpuSeconds    CPU of the MariaDB server over that time
 * @param memory          resident memory of its processes, as words
 */
record Row(String scheduler, String settings, int jobs, long executed, double seconds, Percentiles lateness,
           double jvmCpuSeconds, double dbCpuSeconds, String memory, String warning) {

    double perSecond() {
        return executed / seconds;
    }

    /** Milliseconds of CPU (the scheduler's JVMs and the database) per execution. */
    double cpuMillisPerExecution() {
        return (jvmCpuSeconds + Math.max(0, dbCpuSeconds)) * 1000 / Math.max(1, executed);
    }
}
