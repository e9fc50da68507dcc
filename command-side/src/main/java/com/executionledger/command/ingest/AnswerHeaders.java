package com.executionledger.command.ingest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every answer of the command side carries the request's id ({@code X-Request-Id}: the caller's
 * when it is a sane token, a new one otherwise), says not to be stored or sniffed, and is JSON
 * whatever the request accepts.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AnswerHeaders extends OncePerRequestFilter implements WebMvcConfigurer {

    static final String REQUEST_ID = "X-Request-Id";
    private static final String ATTRIBUTE = AnswerHeaders.class.getName() + ".requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** The id this request answers with, in its header and its envelope. */
    static String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id != null ? id.toString() : UUID.randomUUID().toString();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        identify(request, response);
        chain.doFilter(request, response);
    }

    /**
     * Gives the request its id and the answer its headers, unless done already: an error the
     * container raised before the filters ran reaches the error page without them.
     */
    static String identify(HttpServletRequest request, HttpServletResponse response) {
        Object assigned = request.getAttribute(ATTRIBUTE);
        if (assigned != null) {
            return assigned.toString();
        }
        String given = request.getHeader(REQUEST_ID);
        String requestId = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, requestId);
        response.setHeader(REQUEST_ID, requestId);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        return requestId;
    }

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer negotiation) {
        negotiation.ignoreAcceptHeader(true).defaultContentType(MediaType.APPLICATION_JSON);
    }
}
