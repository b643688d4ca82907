package dev.firelane.coordinator.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches a method and a path against templates such as {@code /api/jobs/{id}/runs}. A path that some
 * route matches with another method is a 405 (with the allowed methods), one no route matches a 404.
 */
final class Router {
    /** Handles one matched request. */
    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    private record Route(String method, String template, List<String> segments, Access access, int maxBodyBytes,
                         Handler handler) {
    }

    /**
     * The handler found for a request, with its path parameters.
     *
     * @param template     the route's template, e.g. {@code /api/jobs/{id}} (a bounded label for metrics)
     * @param maxBodyBytes the largest body this route reads; 0 for the server's limit
     */
    record Match(Handler handler, Map<String, String> pathParams, String template, Access access, int maxBodyBytes) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String template, Access access, Handler handler) {
        return add(method, template, access, 0, handler);
    }

    /** A route whose body may be larger (or must be smaller) than the server's limit. */
    Router add(String method, String template, Access access, int maxBodyBytes, Handler handler) {
        routes.add(new Route(method, template, split(template), access, maxBodyBytes, handler));
        return this;
    }

    /** Every route as "METHOD template" with its access, for tests that check the API's protection. */
    Map<String, Access> accessByRoute() {
        Map<String, Access> out = new LinkedHashMap<>();
        routes.forEach(route -> out.put(route.method() + " " + route.template(), route.access()));
        return out;
    }

    /** The route for this request; throws {@link ApiException} 404 or 405 when there is none. */
    Match route(String method, String rawPath) {
        List<String> segments = split(rawPath);
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> params = match(route.segments(), segments);
            if (params.isPresent()) {
                if (route.method().equals(method)) {
                    return new Match(route.handler(), params.get(), route.template(), route.access(),
                            route.maxBodyBytes());
                }
                allowed.add(route.method());
            }
        }
        if (!allowed.isEmpty()) {
            throw new MethodNotAllowed(method, rawPath, allowed);
        }
        throw ApiException.notFound("no such endpoint: " + method + " " + rawPath);
    }

    private static Optional<Map<String, String>> match(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                params.put(t.substring(1, t.length() - 1), ApiRequest.decodePathSegment(path.get(i)));
            } else if (!t.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                out.add(segment);
            }
        }
        return out;
    }

    /** 405, carrying the methods the path does accept (for the {@code Allow} header). */
    static final class MethodNotAllowed extends RuntimeException {
        private final Set<String> allowed;

        MethodNotAllowed(String method, String path, Set<String> allowed) {
            super(method + " is not allowed on " + path + "; use " + String.join(", ", allowed));
            this.allowed = allowed;
        }

        Set<String> allowed() {
            return allowed;
        }
    }
}
