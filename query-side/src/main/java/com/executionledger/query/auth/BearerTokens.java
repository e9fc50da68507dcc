package com.executionledger.query.auth;

import com.executionledger.query.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Decides the organization of every API request from its bearer token, or answers 401. */
@Component
class BearerTokens implements HandlerInterceptor {

    private static final Pattern BEARER = Pattern.compile("Bearer ([A-Za-z0-9_-]{1,200})");

    private final ApiTokens tokens;

    BearerTokens(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("missing bearer token: send 'Authorization: Bearer <token>'");
        }
        Matcher bearer = BEARER.matcher(authorization.trim());
        if (!bearer.matches()) {
            throw unauthorized("malformed Authorization header: expected 'Bearer <token>'");
        }
        Organization organization = tokens.organizationOf(bearer.group(1))
                .orElseThrow(() -> unauthorized("unknown or revoked token"));
        request.setAttribute(Organization.ATTRIBUTE, organization);
        return true;
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, message);
    }
}
