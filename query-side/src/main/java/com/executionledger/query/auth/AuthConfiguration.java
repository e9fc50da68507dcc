package com.executionledger.query.auth;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Client tokens on the public API; the operators' credential on {@code /admin/**} comes with the shared web edge. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration implements WebMvcConfigurer {

    private final BearerTokens bearerTokens;

    AuthConfiguration(BearerTokens bearerTokens) {
        this.bearerTokens = bearerTokens;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(bearerTokens).addPathPatterns("/v1/**");
    }
}
