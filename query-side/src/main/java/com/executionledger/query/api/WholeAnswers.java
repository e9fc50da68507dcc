package com.executionledger.query.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Holds each answer until it is whole, so that it leaves with a Content-Length in one socket write.
 * Spring flushes a body as soon as it is written, which made a page of the list (about 20 KB) go out
 * in chunks, one write per 8 KB buffer: the writes were a tenth of a list request's CPU. Every
 * answer of this API is a bounded page, so holding it costs little memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class WholeAnswers extends OncePerRequestFilter {

    /** A page of 100 executions fits, so headers and body leave together. */
    static final int BUFFER_BYTES = 128 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setBufferSize(BUFFER_BYTES);
        ContentCachingResponseWrapper whole = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, whole);
        whole.copyBodyToResponse();
    }
}
