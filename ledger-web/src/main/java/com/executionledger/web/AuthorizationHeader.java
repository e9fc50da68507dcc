package com.executionledger.web;

import java.util.List;
import java.util.Locale;

/**
 * The bearer token of a request, from its {@code Authorization} headers, for both services: one
 * header exactly (two would let a proxy and the service disagree on who is asking), the scheme
 * {@code Bearer} in any case (RFC 9110), then the token.
 */
public final class AuthorizationHeader {

    private static final String SCHEME = "bearer ";

    /** The token, or why there is none usable; {@code problem} is null when {@code token} is set. */
    public record Bearer(String token, String problem) {
    }

    private AuthorizationHeader() {
    }

    public static Bearer bearer(List<String> headers) {
        if (headers.isEmpty() || headers.size() == 1 && headers.get(0).isBlank()) {
            return new Bearer(null, "missing bearer token: send 'Authorization: Bearer <token>'");
        }
        if (headers.size() > 1) {
            return new Bearer(null, "more than one Authorization header: send exactly one");
        }
        String value = headers.get(0).trim();
        if (value.length() <= SCHEME.length() || !value.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return new Bearer(null, "malformed Authorization header: expected 'Bearer <token>'");
        }
        return new Bearer(value.substring(SCHEME.length()).trim(), null);
    }
}
