package com.executionledger.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Admin endpoints ({@code /admin/**}) answer only to the operators' credential, never to client
 * tokens, and within the operators' rate.
 */
class AdminOnly implements HandlerInterceptor {

    private final AdminCredential credential;
    private final RequestRates rates;

    AdminOnly(AdminCredential credential, RequestRates rates) {
        this.credential = credential;
        this.rates = rates;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Optional<AdminCredential.Refusal> refusal = credential.refusal(Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION)));
        refusal.ifPresent(refused -> {
            throw new ApiException(HttpStatus.valueOf(refused.status()), refused.message());
        });
        long wait = rates.secondsToWait(AdminCredential.CALLER);
        if (wait > 0) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, rates.refusal(), wait);
        }
        return true;
    }
}
