package dev.firelane.worker.handlers.http;

import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.spi.JobHandler;
import dev.firelane.worker.spi.RunContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Built-in {@code http}: calls a webhook. Payload
 * {@code {"method":"POST","url":"https://…","headers":{…},"body":<JSON or string>,"timeoutMs":N}} (see
 * {@link HttpCall}). A 2xx answer is {@code ok}; any other is an {@code error} keeping the status and the
 * start of the response body; no answer within the timeout (the payload's {@code timeoutMs}, else the
 * configured default, and never past the fire's deadline) is {@code timeout}. The status code is the run's
 * delivery status. Redirects are not followed (a 3xx is an error), so an allowed URL cannot bounce the call
 * elsewhere. Every request carries {@code Idempotency-Key: <fire id>} (unless the payload sets one) and
 * {@code X-Firelane-Job-Id}, {@code X-Firelane-Fire-Id}, {@code X-Firelane-Attempt}, so a receiver can drop
 * a redelivered fire.
 *
 * <p>Destinations are checked against an {@link AllowList} before anything is sent. Letting job authors
 * call any address lets them reach what the workers can reach: cloud metadata services, admin ports on
 * localhost, internal APIs. The default therefore allows public addresses only.
 */
public final class HttpHandler implements JobHandler {
    public static final String NAME = "http";
    /** How often a call in progress looks at the cancel flag. */
    static final long CHECK_EVERY_MS = 100;

    private final HttpHandlerConfig config;
    private final AllowList.Resolver resolver;
    private final HttpClient client;

    /** With {@link HttpHandlerConfig#defaults()}: public destinations only (the ServiceLoader instance). */
    public HttpHandler() {
        this(HttpHandlerConfig.defaults());
    }

    public HttpHandler(HttpHandlerConfig config) {
        this(config, AllowList.Resolver.SYSTEM);
    }

    HttpHandler(HttpHandlerConfig config, AllowList.Resolver resolver) {
        this.config = config;
        this.resolver = resolver;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    public HttpHandlerConfig config() {
        return config;
    }

    @Override
    public HandlerResult run(RunContext context) throws InterruptedException {
        HttpCall call;
        try {
            call = HttpCall.parse(context.payload());
        } catch (HttpCall.BadPayload e) {
            return HandlerResult.error("http: " + e.getMessage());
        }
        String refusal = config.allow().refusal(call.url(), resolver);
        if (refusal != null) {
            return HandlerResult.error("http: " + refusal);
        }
        Duration timeout = timeout(call, context);
        HttpRequest request;
        try {
            request = request(call, context, timeout);
        } catch (IllegalArgumentException e) {
            return HandlerResult.error("http: " + e.getMessage());
        }
        return send(call, request, timeout, context);
    }

    private Duration timeout(HttpCall call, RunContext context) {
        Duration timeout = call.timeout() != null ? call.timeout() : config.defaultTimeout();
        Duration left = context.timeLeft().orElse(timeout);
        timeout = left.compareTo(timeout) < 0 ? left : timeout;
        return timeout.isZero() ? Duration.ofMillis(1) : timeout;
    }

    private static HttpRequest request(HttpCall call, RunContext context, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(call.url()).timeout(timeout);
        call.headers().forEach(b::header);
        if (!call.hasHeader("Idempotency-Key")) {
            b.header("Idempotency-Key", context.fireId());
        }
        b.header("X-Firelane-Job-Id", context.jobId())
                .header("X-Firelane-Fire-Id", context.fireId())
                .header("X-Firelane-Attempt", Integer.toString(context.attempt()));
        if (!call.hasHeader("User-Agent")) {
            b.header("User-Agent", "firelane-worker");
        }
        if (call.body() != null && !call.hasHeader("Content-Type")) {
            b.header("Content-Type", call.jsonBody() ? "application/json" : "text/plain; charset=utf-8");
        }
        HttpRequest.BodyPublisher body = call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8);
        return b.method(call.method(), body).build();
    }

    private HandlerResult send(HttpCall call, HttpRequest request, Duration timeout, RunContext context)
            throws InterruptedException {
        CompletableFuture<HttpResponse<InputStream>> pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try {
            while (true) {
                if (context.isCancelled()) {
                    pending.cancel(true);
                    return HandlerResult.cancelled("http: cancelled while calling " + call.method() + " " + call.url());
                }
                try {
                    return answered(pending.get(CHECK_EVERY_MS, TimeUnit.MILLISECONDS));
                } catch (TimeoutException stillWaiting) {
                    // look at the cancel flag again
                }
            }
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return failed(call, timeout, e.getCause());
        }
    }

    private HandlerResult answered(HttpResponse<InputStream> response) {
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status >= 200 && status < 300) {
                return HandlerResult.ok(status);
            }
            String snippet = snippet(body);
            return HandlerResult.error("http: HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet), status);
        } catch (IOException e) {
            return status >= 200 && status < 300 ? HandlerResult.ok(status)
                    : HandlerResult.error("http: HTTP " + status + " (body unreadable: " + e.getMessage() + ")", status);
        }
    }

    private String snippet(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(config.snippetChars() * 4); // enough bytes for that many UTF-8 characters
        String text = new String(bytes, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return text.length() <= config.snippetChars() ? text : text.substring(0, config.snippetChars()) + "…";
    }

    private static HandlerResult failed(HttpCall call, Duration timeout, Throwable cause) {
        String target = call.method() + " " + call.url();
        if (cause instanceof HttpTimeoutException) {
            return HandlerResult.timeout("http: no answer from " + target + " within " + timeout.toMillis() + " ms", null);
        }
        if (cause instanceof ConnectException) {
            return HandlerResult.error("http: cannot connect to " + call.url().getHost()
                    + (call.url().getPort() < 0 ? "" : ":" + call.url().getPort()) + " (connection refused or unreachable)");
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return HandlerResult.error("http: " + target + " failed: " + message);
    }
}
