package dev.firelane.coordinator.api;

import com.sun.net.httpserver.Headers;
import dev.firelane.coordinator.api.auth.ApiAuth;
import dev.firelane.coordinator.api.auth.Caller;
import dev.firelane.coordinator.api.auth.Role;
import java.util.Optional;

/**
 * Decides who a request comes from and whether it may go on: everything under {@code /api} needs a valid
 * bearer token (401 without one), commands need an operator token (403 for a viewer), public routes need
 * nothing. With authentication off every caller is an operator named by {@code X-Firelane-User}.
 */
final class Gatekeeper {
    static final String AUTHORIZATION = "Authorization";
    static final String CHALLENGE = "Bearer realm=\"firelane\"";
    private static final int MAX_USER_LENGTH = 128;
    private static final Caller ANONYMOUS = new Caller("anonymous", Role.VIEWER, false);

    private final ApiAuth auth;

    Gatekeeper(ApiAuth auth) {
        this.auth = auth;
    }

    /**
     * @param access what the matched route needs; null when no route matched (then only the path decides)
     * @param what   "METHOD template" for the 403 message
     * @throws ApiException 401 or 403
     */
    Caller admit(String path, Access access, String what, Headers headers) {
        if (auth.isOpen()) {
            return new Caller(userHeader(headers), Role.OPERATOR, false);
        }
        boolean needsToken = isApi(path) || (access != null && access != Access.PUBLIC);
        Optional<Caller> caller = auth.authenticate(headers.getFirst(AUTHORIZATION));
        if (caller.isEmpty()) {
            if (!needsToken) {
                return ANONYMOUS;
            }
            throw new ApiException(401, "unauthorized", null, headers.containsKey(AUTHORIZATION)
                    ? "the bearer token is not valid"
                    : "this endpoint needs a bearer token: send 'Authorization: Bearer <token>'");
        }
        if (access == Access.OPERATE && !caller.get().role().mayOperate()) {
            throw new ApiException(403, "forbidden", null, "token '" + caller.get().name() + "' has role "
                    + caller.get().role().wire() + "; " + what + " needs an operator token");
        }
        return caller.get();
    }

    static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    private static String userHeader(Headers headers) {
        String user = headers.getFirst(ApiRequest.USER_HEADER);
        if (user == null || user.isBlank()) {
            return ApiRequest.DEFAULT_USER;
        }
        if (user.length() > MAX_USER_LENGTH) {
            throw ApiException.invalid(ApiRequest.USER_HEADER, "is longer than " + MAX_USER_LENGTH + " characters");
        }
        return user.strip();
    }
}
