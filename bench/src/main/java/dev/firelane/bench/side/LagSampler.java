package dev.firelane.bench.side;

import dev.firelane.bench.fleet.Api;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The status stream's lag, sampled on a schedule: in records (its {@code firelane_status_lag} gauge) and in
 * time (now minus the newest {@code finished_at} applied: under a steady load runs finish every millisecond, so
 * this is how far the database trails the workers).
 */
final class LagSampler {
    private final Api api;
    private final Connection db;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Double> records = new ArrayList<>();
    private final List<Double> millis = new ArrayList<>();

    private LagSampler(Api api, Connection db, Clock clock) {
        this.api = api;
        this.db = db;
        this.clock = clock;
    }

    static LagSampler every(Duration interval, Api api, Connection db, Clock clock) {
        LagSampler sampler = new LagSampler(api, db, clock);
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return sampler;
    }

    void stop() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void sample() {
        try {
            api.metric("firelane_status_lag").ifPresent(records::add);
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(finished_at) FROM job_runs")) {
                if (rs.next() && rs.getObject(1) != null) {
                    Instant newest = rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                    millis.add((double) Duration.between(newest, clock.instant()).toMillis());
                }
            }
        } catch (SQLException | RuntimeException e) {
            System.err.println("lag sample failed: " + e);
        }
    }

    void print(PrintStream out) {
        Percentiles r = Percentiles.of(records.stream().mapToDouble(Double::doubleValue).toArray());
        Percentiles t = Percentiles.of(millis.stream().mapToDouble(Double::doubleValue).toArray());
        out.printf("status stream lag, sampled each second (%d samples): p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms;"
                + " in records p50 %,.0f, max %,.0f%n", t.count(), t.p50(), t.p99(), t.max(), r.p50(), r.max());
    }
}
