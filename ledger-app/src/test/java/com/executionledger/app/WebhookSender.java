package com.executionledger.app;

import com.executionledger.events.WebhookSigning;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook source as upstream runs one: signs each delivery, and sends it again when the ledger
 * answers 503 (after its {@code Retry-After}, shortened here), as rule 7 asks of a sender.
 */
final class WebhookSender {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TRIES = 50;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String source;
    private final String secret;
    private final AtomicInteger unavailable = new AtomicInteger();

    WebhookSender(String source, String secret) {
        this.source = source;
        this.secret = secret;
    }

    /** Delivers the body to a command side until it is decided; answers the last answer's JSON. */
    JsonNode deliver(int port, byte[] body) throws Exception {
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events"))
                    .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            WebhookSigning.headers(source, secret, body).forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 503 || attempt == MAX_TRIES) {
                return JSON.readTree(response.body());
            }
            unavailable.incrementAndGet();
            Thread.sleep(50L * Math.min(attempt, 10));
        }
    }

    /** How many answers were 503, each followed by another try. */
    int unavailableAnswers() {
        return unavailable.get();
    }
}
