package com.executionledger.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a query parameter that the ledger's endpoint does not take ({@link KnownParameters}).
 * Names are read from the query string alone: asking the servlet for its parameters would read a
 * form-encoded body, which is not ours to consume here.
 */
final class UnknownParameters implements HandlerInterceptor {

    private static final String OURS = "com.executionledger.";
    private static final int NAME_SHOWN = 60;

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() != DispatcherType.REQUEST || request.getQueryString() == null
                || !(handler instanceof HandlerMethod method) || !method.getBeanType().getName().startsWith(OURS)) {
            return true;
        }
        KnownParameters known = method.getMethodAnnotation(KnownParameters.class);
        List<String> taken = known == null ? List.of() : Arrays.asList(known.value());
        Set<String> unknown = new LinkedHashSet<>();
        for (String name : names(request.getQueryString())) {
            if (!taken.contains(name)) {
                unknown.add(shown(name));
            }
        }
        if (unknown.isEmpty()) {
            return true;
        }
        String first = unknown.iterator().next();
        throw ApiException.unknownParameter(first, (unknown.size() == 1 ? "unknown parameter '" + first + "'"
                : "unknown parameters '" + String.join("', '", unknown) + "'") + ": " + request.getMethod() + " "
                + request.getRequestURI() + (taken.isEmpty() ? " takes no parameters" : " takes " + String.join(", ", taken)));
    }

    private static Set<String> names(String query) {
        Set<String> names = new LinkedHashSet<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String raw = equals < 0 ? pair : pair.substring(0, equals);
            try {
                names.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                names.add(raw);
            }
        }
        return names;
    }

    private static String shown(String name) {
        String printable = name.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f) ? name : name.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= NAME_SHOWN ? printable : printable.substring(0, NAME_SHOWN) + "...";
    }
}
