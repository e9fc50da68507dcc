package com.executionledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * The servlet container's own answers in the API's envelope, instead of Tomcat's HTML page: a
 * request line, path, query or header that Tomcat cannot parse, or a method it refuses, never
 * reaches the application. The message is stable and says nothing of the server.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (status == 501 || status == 505) { // a transfer coding or HTTP version Tomcat does not speak: the client's doing
            status = 400;
            response.setStatus(status);
        }
        String requestId = UUID.randomUUID().toString();
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("X-Request-Id", requestId);
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.getOutputStream().write(JSON.writeValueAsBytes(ApiEnvelope.error(status, messageFor(status), requestId)));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the answer was already under way: nothing more to say
        }
    }

    static String messageFor(int status) {
        return switch (status) {
            case 400 -> "the request cannot be read: its request line, HTTP version, path, query, headers or framing are"
                    + " malformed or too large";
            case 404 -> "no such path";
            case 405 -> "this method is not allowed here";
            case 413 -> "the request is too large";
            default -> status >= 500 ? "internal error" : "the request cannot be served";
        };
    }
}
