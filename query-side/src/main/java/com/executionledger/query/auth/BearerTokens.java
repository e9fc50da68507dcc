package com.executionledger.query.auth;

import com.executionledger.web.ApiException;
import com.executionledger.web.AuthorizationHeader;
import com.executionledger.web.RequestRates;
import com.executionledger.web.TokenHash;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Decides the organization of every API request from its bearer token, or answers 401; 429 beyond the token's rate. */
@Component
class BearerTokens implements HandlerInterceptor {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private final ApiTokens tokens;
    private final RequestRates rates;

    BearerTokens(ApiTokens tokens, RequestRates rates) {
        this.tokens = tokens;
        this.rates = rates;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        AuthorizationHeader.Bearer bearer = AuthorizationHeader.bearer(Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION)));
        if (bearer.problem() != null) {
            throw unauthorized(bearer.problem());
        }
        if (!TOKEN.matcher(bearer.token()).matches()) {
            throw unauthorized("malformed Authorization header: expected 'Bearer <token>'");
        }
        Organization organization = tokens.organizationOf(bearer.token())
                .orElseThrow(() -> unauthorized("unknown or revoked token"));
        long wait = rates.secondsToWait("token " + HexFormat.of().formatHex(TokenHash.sha256(bearer.token())));
        if (wait > 0) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, rates.refusal(), wait);
        }
        request.setAttribute(Organization.ATTRIBUTE, organization);
        return true;
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, message);
    }
}
