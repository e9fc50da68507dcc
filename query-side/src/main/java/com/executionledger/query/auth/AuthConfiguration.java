package com.executionledger.query.auth;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration implements WebMvcConfigurer {

    private final BearerTokens bearerTokens;

    AuthConfiguration(BearerTokens bearerTokens) {
        this.bearerTokens = bearerTokens;
    }

    /** The API answers JSON only, so a browser's {@code Accept: text/html} gets JSON, not a 406. */
    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer negotiation) {
        negotiation.ignoreAcceptHeader(true).defaultContentType(MediaType.APPLICATION_JSON);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(bearerTokens).addPathPatterns("/v1/**");
    }
}
