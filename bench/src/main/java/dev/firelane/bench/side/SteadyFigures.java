package dev.firelane.bench.side;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Lateness of the fires scheduled in a window, read from {@code job_runs} (instants are UTC there). */
record SteadyFigures(long expected, long fires, long started, Percentiles fireLateness, Percentiles startLateness) {
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    static SteadyFigures read(Connection db, Instant from, Instant to, int jobs) throws SQLException {
        List<Double> fire = new ArrayList<>();
        List<Double> start = new ArrayList<>();
        long fires = 0;
        try (PreparedStatement s = db.prepareStatement("SELECT TIMESTAMPDIFF(MICROSECOND, scheduled_at, fired_at),"
                + " TIMESTAMPDIFF(MICROSECOND, scheduled_at, started_at) FROM job_runs"
                + " WHERE scheduled_at >= ? AND scheduled_at < ?")) {
            s.setString(1, utc(from));
            s.setString(2, utc(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    fires++;
                    fire.add(rs.getLong(1) / 1000.0);
                    long started = rs.getLong(2);
                    if (!rs.wasNull()) {
                        start.add(started / 1000.0);
                    }
                }
            }
        }
        long expected = (long) jobs * java.time.Duration.between(from, to).toSeconds();
        return new SteadyFigures(expected, fires, start.size(), Percentiles.of(array(fire)), Percentiles.of(array(start)));
    }

    /** As text: Connector/J drops the milliseconds of a {@code LocalDateTime} parameter on MariaDB. */
    static String utc(Instant instant) {
        return TEXT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    void print(PrintStream out) {
        out.printf("fires scheduled in the window: %,d of %,d expected; %,d started%n", fires, expected, started);
        out.printf("fire lateness (firedAt - scheduledAt):   p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms%n",
                fireLateness.p50(), fireLateness.p99(), fireLateness.max());
        out.printf("start lateness (startedAt - scheduledAt): p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms%n",
                startLateness.p50(), startLateness.p99(), startLateness.max());
    }
}
