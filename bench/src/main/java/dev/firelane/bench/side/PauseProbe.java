package dev.firelane.bench.side;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firelane.bench.fleet.Api;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pauses {@code pauses} of the steady load's jobs one after another ({@value #SPACING_MILLIS} ms apart) while
 * the load goes on, then checks each against the run rows: no fire emitted after its pause returned, no run
 * started more than a second after it, the job {@code paused}.
 */
final class PauseProbe {
    static final long SPACING_MILLIS = 200;
    /** Fires emitted before the pause may still be in flight this long; after it, everything is applied. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api api;
    private final Connection db;
    private final int jobs;
    private final int pauses;
    private final Clock clock;

    PauseProbe(Api api, Connection db, int jobs, int pauses, Clock clock) {
        this.api = api;
        this.db = db;
        this.jobs = jobs;
        this.pauses = pauses;
        this.clock = clock;
    }

    /** One pause: its job, HTTP status, time, whether the answer said firing stopped, and when it returned. */
    record Pause(String job, int status, double millis, boolean firingStopped, Instant returned) {
    }

    /** What the pauses did. */
    record Result(List<Pause> pauses, long firesAfter, long startedLate, long skipped, long notPaused) {
        void print(PrintStream out) {
            Percentiles t = Percentiles.of(pauses.stream().mapToDouble(Pause::millis).toArray());
            long failed = pauses.stream().filter(p -> p.status() != 200).count();
            long notStopped = pauses.stream().filter(p -> !p.firingStopped()).count();
            out.printf("%d pauses under that load: API p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms; %d not 200, %d without"
                    + " firingStopped%n", pauses.size(), t.p50(), t.p99(), t.max(), failed, notStopped);
            out.printf("after the pauses returned: %d fires emitted, %d runs started more than 1 s later, %d fires"
                    + " skipped by workers, %d jobs not paused%n", firesAfter, startedLate, skipped, notPaused);
        }
    }

    Result run() throws SQLException {
        List<Pause> done = new ArrayList<>();
        Instant next = clock.instant();
        for (int i = 0; i < pauses; i++) {
            FirelaneAtOnce.awaitInstant(clock, next);
            next = next.plusMillis(SPACING_MILLIS);
            String job = "steady-" + (i * (jobs / pauses));
            long start = System.nanoTime();
            Api.Answer answer = api.post("/api/jobs/" + job + "/pause", "{\"reason\":\"pause probe\"}");
            double millis = (System.nanoTime() - start) / 1e6;
            done.add(new Pause(job, answer.status(), millis, firingStopped(answer), clock.instant()));
        }
        FirelaneAtOnce.awaitInstant(clock, clock.instant().plus(SETTLE));
        long firesAfter = 0;
        long startedLate = 0;
        long skipped = 0;
        long notPaused = 0;
        for (Pause p : done) {
            String returned = SteadyFigures.utc(p.returned());
            String lateStart = SteadyFigures.utc(p.returned().plusSeconds(1));
            firesAfter += count("SELECT COUNT(*) FROM job_runs WHERE job_id = ? AND fired_at > ?", p.job(), returned);
            startedLate += count("SELECT COUNT(*) FROM job_runs WHERE job_id = ? AND started_at > ?"
                    + " AND outcome <> 'skipped'", p.job(), lateStart);
            skipped += count("SELECT COUNT(*) FROM job_runs WHERE job_id = ? AND outcome = 'skipped'", p.job(), null);
            notPaused += count("SELECT COUNT(*) FROM jobs WHERE id = ? AND status <> 'paused'", p.job(), null);
        }
        return new Result(done, firesAfter, startedLate, skipped, notPaused);
    }

    private static boolean firingStopped(Api.Answer answer) {
        try {
            return JSON.readTree(answer.body()).path("firingStopped").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    private long count(String sql, String job, String instant) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, job);
            if (instant != null) {
                s.setString(2, instant);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
