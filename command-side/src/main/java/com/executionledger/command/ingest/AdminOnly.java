package com.executionledger.command.ingest;

import com.executionledger.store.AdminCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Admin endpoints ({@code /admin/**}) answer only to the operators' credential. */
@Configuration(proxyBeanMethods = false)
class AdminOnly implements WebMvcConfigurer, HandlerInterceptor {

    private final AdminCredential credential;

    AdminOnly(@Value("${ledger.admin.token:}") String adminToken) {
        this.credential = new AdminCredential(adminToken);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/admin/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (!credential.enabled()) {
            return refuse(response, 403, "admin operations are disabled: set LEDGER_ADMIN_TOKEN");
        }
        if (!credential.accepts(AdminCredential.bearerOf(request.getHeader(HttpHeaders.AUTHORIZATION)))) {
            return refuse(response, 401, "admin credential required");
        }
        return true;
    }

    private static boolean refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"code\":" + status + ",\"data\":null,\"message\":\"" + message + "\",\"requestId\":null}");
        return false;
    }
}
