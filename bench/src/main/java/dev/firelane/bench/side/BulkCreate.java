package dev.firelane.bench.side;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firelane.bench.fleet.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntFunction;

/** Creates jobs through {@code POST /api/jobs/bulk}, {@value #CHUNK} per request, and times it. */
final class BulkCreate {
    /** The server's default {@code api.bulk.max.items}. */
    static final int CHUNK = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Jobs created, the seconds from the first request sent to the last answer (every create applied), and of
     * those the seconds the server spent from publishing the commands to seeing them all applied.
     */
    record Timing(int jobs, double seconds, double appliedSeconds) {
        double perSecond() {
            return jobs / seconds;
        }
    }

    private BulkCreate() {
    }

    /**
     * Creates {@code count} jobs; {@code line} gives job {@code i} as one line of NDJSON. Fails unless every
     * item is {@code created} (the requests wait for the status stream to apply them).
     */
    static Timing create(Api api, int count, IntFunction<String> line) {
        long start = System.nanoTime();
        long appliedMillis = 0;
        for (int from = 0; from < count; from += CHUNK) {
            int to = Math.min(count, from + CHUNK);
            Api.Answer answer = api.post("/api/jobs/bulk", ndjson(from, to, line), "application/x-ndjson");
            JsonNode result = json(answer);
            int created = result.path("created").asInt(-1);
            appliedMillis += result.path("appliedInMs").asLong();
            if (answer.status() != 200 || created != to - from) {
                throw new IllegalStateException("bulk create of jobs " + from + ".." + (to - 1) + " answered "
                        + answer.status() + " with " + created + " created: "
                        + answer.body().substring(0, Math.min(600, answer.body().length())));
            }
        }
        return new Timing(count, (System.nanoTime() - start) / 1e9, appliedMillis / 1e3);
    }

    /**
     * Publishes jobs {@code from} to {@code to - 1} in one request without waiting for them to apply: the request
     * returns as soon as the commands are on {@code control}, so that each job's creation time is the send's.
     */
    static void send(Api api, int from, int to, IntFunction<String> line) {
        Api.Answer answer = api.post("/api/jobs/bulk?wait=false", ndjson(from, to, line), "application/x-ndjson");
        if (answer.status() != 202 && answer.status() != 200) {
            throw new IllegalStateException("bulk create of jobs " + from + ".." + (to - 1) + " answered "
                    + answer.status() + ": " + answer.body().substring(0, Math.min(600, answer.body().length())));
        }
    }

    private static String ndjson(int from, int to, IntFunction<String> line) {
        StringBuilder body = new StringBuilder((to - from) * 160);
        for (int i = from; i < to; i++) {
            body.append(line.apply(i)).append('\n');
        }
        return body.toString();
    }

    private static JsonNode json(Api.Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("bulk answer " + answer.status() + " is not JSON: " + answer.body(), e);
        }
    }
}
