package com.executionledger.query.api;

import com.executionledger.store.AdminCredential;
import com.executionledger.store.RequestRates;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Admin endpoints ({@code /admin/**}) answer only to the operators' credential, never to client tokens. */
@Configuration(proxyBeanMethods = false)
class AdminOnly implements WebMvcConfigurer, HandlerInterceptor {

    private final AdminCredential credential;
    private final RequestRates rates;

    AdminOnly(@Value("${ledger.admin.token:}") String adminToken, RequestRates rates) {
        this.credential = new AdminCredential(adminToken);
        this.rates = rates;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/admin/**");
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
