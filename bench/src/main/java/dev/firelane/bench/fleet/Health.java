package dev.firelane.bench.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Waits for a child's {@code /health} to answer 200: there is nothing to be told, so it asks every 200 ms. */
final class Health {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final long EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private Health() {
    }

    static void await(Child child, String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new IllegalStateException(child.name() + " exited while starting; see " + child.log());
            }
            if (up(url)) {
                return;
            }
            LockSupport.parkNanos(EVERY_NANOS);
        }
        throw new IllegalStateException(child.name() + " not healthy within " + timeout.toSeconds() + " s at " + url
                + "; see " + child.log());
    }

    private static boolean up(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
