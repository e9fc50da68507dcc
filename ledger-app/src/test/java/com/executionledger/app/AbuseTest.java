package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Hundreds of malformed requests over every endpoint of both services, as careless and hostile
 * clients send them: parameters, headers, paths, bodies, content types, methods and request lines
 * no client library would write. Every answer is the JSON envelope with its status and a request
 * id, none is a 5xx or shows our insides, nothing is logged as an ERROR or with a stack trace, and
 * the services answer valid requests afterwards.
 */
class AbuseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestLedger ledger;
    private static String clientToken;

    /** An endpoint, with the credential it takes: "client", "admin", or none (webhooks sign instead). */
    private record Endpoint(int port, String method, String path, String credential) {

        String authorization() {
            return switch (credential) {
                case "client" -> "Authorization: Bearer " + clientToken + "\r\n";
                case "admin" -> "Authorization: Bearer " + TestLedger.ADMIN_TOKEN + "\r\n";
                default -> "";
            };
        }
    }

    private record Case(String name, int port, String request) {
    }

    @BeforeAll
    static void start() {
        ledger = TestLedger.start("abuse");
        clientToken = ledger.tokenFor("org_abuse");
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void everyMalformedRequestIsAnsweredInTheEnvelopeWithoutA5xxOrAStackTrace() throws Exception {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logged);
        List<String> failures = new ArrayList<>();
        try {
            for (Case abuse : cases) {
                RawHttp.Answer answer;
                try {
                    answer = RawHttp.exchange(abuse.port(), abuse.request());
                } catch (IOException | RuntimeException e) {
                    failures.add(abuse.name() + ": no whole answer (" + e + ")");
                    continue;
                }
                String problem = problemWith(answer);
                if (problem != null) {
                    failures.add(abuse.name() + ": " + problem + " (HTTP " + answer.status() + ": "
                            + answer.body().substring(0, Math.min(300, answer.body().length())) + ")");
                }
            }
        } finally {
            root.detachAppender(logged);
        }
        assertThat(failures).as("answers outside the envelope or 5xx").isEmpty();
        assertThat(logged.list.stream().filter(event -> event.getLevel() == Level.ERROR || event.getThrowableProxy() != null)
                .map(event -> event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage()))
                .as("errors or stack traces logged for clients' mistakes").isEmpty();

        assertThat(ledger.api().get(clientToken, "/v1/executions").statusCode()).isEqualTo(200);
        assertThat(RawHttp.exchange(ledger.runtime().commandPort(), "GET /actuator/health HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n").status()).isEqualTo(200);
    }

    private static String problemWith(RawHttp.Answer answer) {
        if (answer.status() >= 500) {
            return "a server error";
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(answer.body());
        } catch (Exception e) {
            return "the body is not JSON";
        }
        if (answer.status() == RawHttp.HTTP_09) {
            return envelope != null && envelope.path("code").asInt() >= 400 && envelope.path("code").asInt() < 500
                    && envelope.path("requestId").isTextual() ? null : "not the envelope of a 4xx";
        }
        if (envelope == null || !envelope.path("code").isInt() || envelope.get("code").asInt() != answer.status()) {
            return "the body is not the envelope with the answer's status";
        }
        if (!envelope.path("requestId").isTextual() || envelope.get("requestId").asText().isEmpty()
                || !envelope.get("requestId").asText().equals(answer.header("X-Request-Id"))) {
            return "no request id, or not the X-Request-Id header's";
        }
        if (!envelope.path("message").isTextual() || !envelope.has("data")) {
            return "no message or no data";
        }
        String lower = answer.body().toLowerCase();
        if (lower.contains("exception") || lower.contains("at com.") || lower.contains("at org.") || lower.contains("<html")
                || lower.contains("sql")) {
            return "the answer shows the service's insides";
        }
        return null;
    }

    private static List<Case> cases() {
        int api = ledger.runtime().apiPort();
        int command = ledger.runtime().commandPort();
        List<Endpoint> endpoints = List.of(
                new Endpoint(api, "GET", "/v1/executions", "client"),
                new Endpoint(api, "GET", "/v1/executions/ex_abuse", "client"),
                new Endpoint(api, "GET", "/v1/executions/ex_abuse/events", "client"),
                new Endpoint(api, "GET", "/admin/set-aside", "admin"),
                new Endpoint(api, "POST", "/admin/set-aside/retry", "admin"),
                new Endpoint(api, "POST", "/admin/set-aside/ex_abuse/retry", "admin"),
                new Endpoint(api, "GET", "/admin/tokens", "admin"),
                new Endpoint(api, "POST", "/admin/tokens", "admin"),
                new Endpoint(api, "DELETE", "/admin/tokens/no_such_token", "admin"),
                new Endpoint(api, "GET", "/admin/ledger/digest", "admin"),
                new Endpoint(api, "POST", "/admin/ledger/verify", "admin"),
                new Endpoint(api, "GET", "/admin/read-model/rebuild", "admin"),
                new Endpoint(api, "POST", "/admin/read-model/swap", "admin"),
                new Endpoint(api, "GET", "/no/such/path", "client"),
                new Endpoint(command, "POST", "/v1/events", "none"),
                new Endpoint(command, "GET", "/admin/dead-letters", "admin"),
                new Endpoint(command, "GET", "/admin/dead-letters/1", "admin"),
                new Endpoint(command, "POST", "/admin/dead-letters/1/redrive", "admin"),
                new Endpoint(command, "GET", "/no/such/path", "admin"));
        List<Case> cases = new ArrayList<>();
        String bigToken = "t".repeat(10_240);
        List<Function<Endpoint, String>> headerAbuses = List.of(
                e -> line(e) + "Host: x\r\n" + close(),
                e -> line(e) + host() + e.authorization() + "Authorization: Bearer bogus\r\n" + close(),
                e -> line(e) + host() + "Authorization: Bearer " + bigToken + "\r\n" + close(),
                e -> line(e) + host() + "Authorization: Basic Zm9vOmJhcg==\r\n" + close(),
                e -> line(e) + host() + "Authorization: Bearer a b c\r\n" + close(),
                e -> line(e) + host() + e.authorization() + "Accept: text/html\r\n" + close(),
                e -> line(e) + host() + "Accept: application/xml\r\n" + close(),
                e -> line(e) + host() + e.authorization() + "(bad): header\r\n" + close(),
                e -> line(e) + host() + e.authorization() + "X-Big: " + "x".repeat(20_000) + "\r\n" + close(),
                e -> line(e) + host() + e.authorization() + "X-Request-Id: <script>alert(1)</script>\r\n" + close(),
                e -> line(e) + host() + e.authorization() + "X-Many: 1\r\n".repeat(150) + close(),
                e -> line(e) + host() + e.authorization() + "Content-Length: abc\r\n" + close(),
                e -> line(e) + host() + e.authorization() + "Content-Length: 1\r\nContent-Length: 2\r\n" + close() + "xx",
                e -> line(e) + host() + e.authorization() + "Transfer-Encoding: chunked\r\n" + close() + "zz\r\nxx\r\n0\r\n\r\n",
                e -> line(e) + host() + e.authorization() + "Transfer-Encoding: gzip\r\n" + close());
        for (Endpoint endpoint : endpoints) {
            for (int i = 0; i < headerAbuses.size(); i++) {
                cases.add(new Case(endpoint.method() + " " + endpoint.path() + " header abuse " + i, endpoint.port(),
                        headerAbuses.get(i).apply(endpoint)));
            }
            for (String method : List.of("PUT", "PATCH", "TRACE", "FOO", endpoint.method().toLowerCase())) {
                cases.add(new Case(method + " " + endpoint.path(), endpoint.port(),
                        method + " " + endpoint.path() + " HTTP/1.1\r\n" + host() + endpoint.authorization() + close()));
            }
            for (String query : List.of("?limit[]=1", "?%ZZ=1", "?limit=abc&offset=-5", "?cursor=" + "c".repeat(10_000),
                    "?asOf=yesterday", "?limit=1&limit=2", "?offset=99999999", "?limit=%00")) {
                cases.add(new Case(endpoint.method() + " " + endpoint.path() + query.substring(0, Math.min(20, query.length())),
                        endpoint.port(), endpoint.method() + " " + endpoint.path() + query + " HTTP/1.1\r\n" + host()
                        + endpoint.authorization() + close()));
            }
            if (endpoint.method().equals("POST")) {
                for (String[] body : bodies()) {
                    cases.add(new Case(endpoint.path() + " with " + body[0] + " " + body[1].substring(0, Math.min(20, body[1].length())),
                            endpoint.port(), line(endpoint) + host() + endpoint.authorization() + "Content-Type: " + body[0]
                            + "\r\nContent-Length: " + body[1].length() + "\r\n" + close() + body[1]));
                }
            }
        }
        for (String path : List.of("/v1/executions/%2F", "/v1/executions/%5C", "/v1/executions/%00", "/v1/executions/%ZZ",
                "/v1/executions/" + "x".repeat(10_000), "/v1/executions/../admin/tokens", "/v1/executions/ex%20id",
                "/v1/executions/%C3%28", "/v1/executions;jsessionid=1", "//v1//executions", "/v1/executions/%2e%2e/%2e%2e/",
                "/v1/executions/ex_abuse/events/extra", "/v1/executions/\u00e9")) {
            cases.add(new Case("GET " + path.substring(0, Math.min(40, path.length())), api,
                    "GET " + path + " HTTP/1.1\r\n" + host() + "Authorization: Bearer " + clientToken + "\r\n" + close()));
        }
        for (String path : List.of("/admin/dead-letters/abc", "/admin/dead-letters/99999999999999999999",
                "/admin/dead-letters/-1", "/admin/dead-letters?limit=abc", "/admin/dead-letters?limit=100000",
                "/admin/dead-letters/%2F")) {
            cases.add(new Case("GET " + path, command, "GET " + path + " HTTP/1.1\r\n" + host() + "Authorization: Bearer "
                    + TestLedger.ADMIN_TOKEN + "\r\n" + close()));
        }
        cases.add(new Case("POST redrive of abc", command, "POST /admin/dead-letters/abc/redrive HTTP/1.1\r\n" + host()
                + "Authorization: Bearer " + TestLedger.ADMIN_TOKEN + "\r\n" + close()));
        for (String requestLine : List.of("GET /v1/executions HTTP/9.9", "GET /v1/executions", "GET  /v1/executions HTTP/1.1",
                "GET http://evil.example/v1/executions HTTP/1.1", "GET * HTTP/1.1", "GET /v1/executions?a=\u0001 HTTP/1.1",
                "\u0000\u0001\u0002 / HTTP/1.1", "GET /v1/executions#fragment HTTP/1.1")) {
            for (int port : List.of(api, command)) {
                cases.add(new Case("request line " + requestLine.replaceAll("\\p{Cntrl}", "?") + " on " + port, port,
                        requestLine + "\r\n" + host() + "Authorization: Bearer " + clientToken + "\r\n" + close()));
            }
        }
        return cases;
    }

    private static List<String[]> bodies() {
        return List.of(
                new String[] {"application/json", "{"},
                new String[] {"application/json", "[]"},
                new String[] {"application/json", "null"},
                new String[] {"application/json", "\"text\""},
                new String[] {"application/json", "[".repeat(5_000) + "]".repeat(5_000)},
                new String[] {"application/json", "{\"organizationId\":\"\u00ff\u00fe\",\"name\":1e999999}"},
                new String[] {"application/json", "\u00ff\u00fe\u0000\u0001"},
                new String[] {"application/x-www-form-urlencoded", "organizationId=a&name=b"},
                new String[] {"application/xml", "<token/>"},
                new String[] {"text/plain", "hello"},
                new String[] {"multipart/form-data; boundary=x", "--x\r\n\r\n--x--"},
                new String[] {"application/json; charset=nonsense", "{}"});
    }

    private static String line(Endpoint endpoint) {
        return endpoint.method() + " " + endpoint.path() + " HTTP/1.1\r\n";
    }

    private static String host() {
        return "Host: localhost\r\n";
    }

    private static String close() {
        return "Connection: close\r\n\r\n";
    }
}
