package com.executionledger.query.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console's pages, scripts and styles, served from the jar at {@code /console/}: nothing is
 * fetched from elsewhere, and the browser is told so (a content security policy that allows this
 * origin, and the command side's for its admin API, only).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration implements WebMvcConfigurer {

    static final String PAGE = "/console/index.html";

    private final String commandSideOrigin;

    ConsoleConfiguration(@Value("${ledger.console.command-side-url:}") String commandSideUrl) {
        this.commandSideOrigin = origin(commandSideUrl);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // small files, changed with each release: the browser asks again and gets a 304 when unchanged
        registry.addResourceHandler("/console/**").addResourceLocations("classpath:/console/")
                .setCacheControl(CacheControl.noCache());
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", PAGE);
        registry.addRedirectViewController("/console/", PAGE);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        String policy = "default-src 'self'; connect-src 'self'" + (commandSideOrigin.isEmpty() ? "" : " " + commandSideOrigin)
                + "; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                response.setHeader("Content-Security-Policy", policy);
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Referrer-Policy", "no-referrer");
                return true;
            }
        }).addPathPatterns("/console", "/console/**");
    }

    private static String origin(String url) {
        if (url.isBlank()) {
            return "";
        }
        URI uri = URI.create(url.trim());
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
