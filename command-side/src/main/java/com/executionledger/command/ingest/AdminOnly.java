package com.executionledger.command.ingest;

import com.executionledger.store.AdminCredential;
import com.executionledger.store.RequestRates;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Admin endpoints ({@code /admin/**}) answer only to the operators' credential. */
@Configuration(proxyBeanMethods = false)
class AdminOnly implements WebMvcConfigurer, HandlerInterceptor {

    private final AdminCredential credential;
    private final RequestRates rates;
    private final ObjectMapper json;

    AdminOnly(@Value("${ledger.admin.token:}") String adminToken, RequestRates rates, ObjectMapper json) {
        this.credential = new AdminCredential(adminToken);
        this.rates = rates;
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/admin/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        Optional<AdminCredential.Refusal> refusal = credential.refusal(Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION)));
        if (refusal.isPresent()) {
            if (refusal.get().status() == 401) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"execution-ledger\"");
            }
            return refuse(refusal.get().status(), refusal.get().message(), request, response);
        }
        long wait = rates.secondsToWait(AdminCredential.CALLER);
        if (wait > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
            return refuse(HttpStatus.TOO_MANY_REQUESTS.value(), rates.refusal(), request, response);
        }
        return true;
    }

    private boolean refuse(int status, String message, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write(json.writeValueAsString(new ApiAnswer<>(status, null, message,
                AnswerHeaders.requestId(request))));
        return false;
    }
}
