package com.executionledger.query.listing;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The read model's position on every answer of the API and the operators' endpoints, and {@code
 * minPosition} where an endpoint takes it, once the request is known to be sound.
 */
@Configuration(proxyBeanMethods = false)
class FreshReadsConfiguration implements WebMvcConfigurer {

    private final ReadFreshness freshness;

    FreshReadsConfiguration(ReadFreshness freshness) {
        this.freshness = freshness;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(freshness).addPathPatterns("/v1/**", "/admin/**").order(Ordered.LOWEST_PRECEDENCE);
    }
}
