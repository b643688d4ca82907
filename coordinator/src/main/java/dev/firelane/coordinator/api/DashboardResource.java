package dev.firelane.coordinator.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard: {@code GET /} and its few files under {@code /assets/}, read from the jar (nothing comes
 * from the internet). The page loads without a token and asks for one before it shows or changes any job;
 * its Content-Security-Policy lets it talk to this server only.
 */
final class DashboardResource {
    static final String BASE = "/dev/firelane/coordinator/dashboard/";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** The files there are, with their types: a fixed list, so no request can name anything else. */
    private static final Map<String, String> ASSETS = Map.of(
            "app.js", "text/javascript; charset=utf-8",
            "dom.js", "text/javascript; charset=utf-8",
            "charts.js", "text/javascript; charset=utf-8",
            "system.js", "text/javascript; charset=utf-8",
            "timeline.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private final Map<String, byte[]> files;

    DashboardResource() {
        Map<String, byte[]> files = new java.util.HashMap<>();
        files.put("index.html", read("index.html"));
        ASSETS.keySet().forEach(name -> files.put(name, read(name)));
        this.files = Map.copyOf(files);
    }

    void register(Router router) {
        router.add("GET", "/", Access.PUBLIC, request -> file("index.html", "text/html; charset=utf-8"))
                .add("GET", "/assets/{name}", Access.PUBLIC, request -> asset(request.pathParam("name")));
    }

    private ApiResponse asset(String name) {
        String type = ASSETS.get(name);
        if (type == null) {
            throw ApiException.notFound("no dashboard file '" + name + "'");
        }
        return file(name, type);
    }

    private ApiResponse file(String name, String type) {
        return ApiResponse.raw(200, type, files.get(name), Map.of("Cache-Control", "no-cache",
                "Content-Security-Policy", CSP, "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY"));
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardResource.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard file " + BASE + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
