package com.executionledger.command.ingest;

import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The console is served by the query side, another origin, and calls the dead-letter endpoints
 * here from the operator's browser: those origins ({@code ledger.admin.allowed-origins}, patterns
 * such as {@code http://localhost:[*]} allowed) may, and no other. A filter rather than Spring
 * MVC's CORS support, so that a preflight is answered before the admin credential is asked for
 * (a preflight carries none). The credential is a bearer token the console sends itself, never a
 * cookie, so no credentials are allowed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${ledger.admin.allowed-origins:}'.isBlank()")
class ConsoleOrigins {

    @Bean
    FilterRegistrationBean<CorsFilter> consoleCors(@Value("${ledger.admin.allowed-origins}") String origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(Arrays.stream(origins.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList());
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Request-Id"));
        cors.setExposedHeaders(List.of("X-Request-Id", "Retry-After"));
        cors.setMaxAge(600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/admin/**", cors);
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
