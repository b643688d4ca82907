package dev.firelane.bench.side;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firelane.bench.fleet.Child;
import dev.firelane.bench.fleet.ProcStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One anchor scheduler (db-scheduler, JobRunr, Quartz) run in a child JVM by {@code anchors.AnchorMain}, which
 * prints {@code PHASE due} when the jobs fall due, {@code PHASE done} after the last execution and a
 * {@code RESULT {json}} line. The database server's CPU and the child's peak memory are read here, between
 * the two phases.
 */
final class AnchorChild {
    private static final String PHASE_DUE = dev.firelane.bench.anchors.AnchorRun.PHASE_DUE;
    private static final String PHASE_DONE = dev.firelane.bench.anchors.AnchorRun.PHASE_DONE;
    static final String MAIN = dev.firelane.bench.anchors.AnchorMain.class.getName();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_MINUTES = 40;

    private AnchorChild() {
    }

    static Row run(String scheduler, int jobs, int threads, int warmup, Path logs) {
        List<String> args = List.of("--scheduler", scheduler, "--jobs", Integer.toString(jobs), "--threads", Integer.toString(threads),
                "--warmup", Integer.toString(warmup));
        try (Child child = Child.java(scheduler, logs, List.of("-Xmx1g"), MAIN, args,
                List.of(PHASE_DUE, PHASE_DONE, "RESULT "), line -> line.startsWith(scheduler + ":"))) {
            long db = ProcStats.databaseServerPid().orElse(-1L);
            child.awaitLine(PHASE_DUE, TIMEOUT_MINUTES, TimeUnit.MINUTES);
            double dbAtDue = db < 0 ? -1 : ProcStats.cpuSeconds(db);
            child.awaitLine(PHASE_DONE, TIMEOUT_MINUTES, TimeUnit.MINUTES);
            double dbCpu = db < 0 ? -1 : ProcStats.cpuSeconds(db) - dbAtDue;
            String memory = "peak RSS " + FirelaneAtOnce.mib(child.peakRssBytes());
            return row(child.awaitLine("RESULT ", 5, TimeUnit.MINUTES), dbCpu, memory);
        }
    }

    private static Row row(String json, double dbCpu, String memory) {
        try {
            JsonNode r = JSON.readTree(json);
            Percentiles lateness = new Percentiles(r.path("lateP50Ms").asDouble(), r.path("lateP99Ms").asDouble(),
                    r.path("lateMaxMs").asDouble(), r.path("executed").asInt());
            String warning = r.path("warning").isNull() || r.path("warning").isMissingNode() ? null : r.path("warning").asText();
            return new Row(r.path("scheduler").asText() + " " + r.path("version").asText(), r.path("settings").asText(),
                    r.path("jobs").asInt(), r.path("executed").asLong(), r.path("seconds").asDouble(), lateness,
                    r.path("cpuSeconds").asDouble(), dbCpu, memory, warning);
        } catch (IOException e) {
            throw new UncheckedIOException("not a RESULT line: " + json, e);
        }
    }
}
