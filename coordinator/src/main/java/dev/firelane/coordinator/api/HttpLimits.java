package dev.firelane.coordinator.api;

import java.util.Map;

/**
 * The limits of the JDK's HTTP server the REST API runs on: connections, request headers (count and size), and the
 * time to read a request and to write a response, so that a slow or greedy client (slowloris, a flood of
 * connections, huge headers) cannot tie the API up. They are the JDK's system properties, read once when the first
 * HTTP server of the JVM is created (so are the worker's metrics server's, when it runs in the same JVM); a value
 * already set ({@code -D…} on the command line) wins. Body sizes are
 * limited per route by the API itself ({@link ApiConfig#maxBodyBytes()}).
 */
public final class HttpLimits {
    /** Property → value. Times are in seconds. */
    static final Map<String, String> DEFAULTS = Map.of(
            "jdk.httpserver.maxConnections", "512",
            "sun.net.httpserver.maxReqHeaders", "100",
            "sun.net.httpserver.maxReqHeaderSize", Integer.toString(64 * 1024),
            // from the connection's first byte until the body is read: a 16 MiB bulk body needs well under this
            "sun.net.httpserver.maxReqTime", "60",
            "sun.net.httpserver.maxRspTime", "60",
            // answers go out at once: with Nagle's algorithm a response written in two parts waited for the
            // client's delayed acknowledgement, 40 ms a request
            "sun.net.httpserver.nodelay", "true");

    private HttpLimits() {
    }

    /**
     * Sets every limit the JVM does not set already. Call before the first HTTP server of the JVM is created: the
     * {@code firelane} command does so first thing, and the API server when its class is loaded.
     */
    public static void apply() {
        DEFAULTS.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }
}
