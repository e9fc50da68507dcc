package com.executionledger.producer;

import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.EventJson;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.WebhookSigning;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers events to the ledger's webhook ({@code POST /v1/events}), signed with the source's
 * secret. A 503 (the ledger could not decide now) or a 429 (this source sends too fast) is sent
 * again after the {@code Retry-After} the ledger gave, or a growing, jittered back-off, and so is
 * a delivery that got no answer; whatever of a batch the ledger had recorded comes back as
 * duplicates, so sending again is always safe. Anything else the ledger refuses is thrown.
 */
public final class LedgerWebhookClient {

    /** How hard to try: attempts in all, the first back-off (doubled each time) and the longest. */
    public record Retries(int attempts, Duration firstBackOff, Duration longestBackOff) {
        public static final Retries DEFAULT = new Retries(8, Duration.ofMillis(200), Duration.ofSeconds(30));
    }

    /** What became of one event: {@code appended} (with its ledger position), {@code duplicate} or {@code rejected} (with why). */
    public record Outcome(String eventId, String executionId, String outcome, String reason, Long position) {
    }

    /** The ledger's answer to a batch, and how many deliveries it took. */
    public record Delivery(int appended, int duplicates, int rejected, List<Outcome> events, int attempts) {
    }

    /** The ledger refused the batch (not a 429 or 503), or kept answering 429 or 503 beyond the attempts. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final EnvelopeWriter writer = new EnvelopeWriter();
    private final URI events;
    private final String source;
    private final String secret;
    private final Retries retries;

    public LedgerWebhookClient(URI ledger, String source, String secret) {
        this(ledger, source, secret, Retries.DEFAULT);
    }

    public LedgerWebhookClient(URI ledger, String source, String secret, Retries retries) {
        this.events = ledger.resolve("/v1/events");
        this.source = source;
        this.secret = secret;
        this.retries = retries;
    }

    /** Delivers the events as one batch (the ledger takes up to 500) and answers what became of each. */
    public Delivery send(List<? extends ExecutionEvent> batch) throws InterruptedException {
        List<Map<String, Object>> envelopes = new ArrayList<>();
        for (ExecutionEvent event : batch) {
            envelopes.add(writer.envelope(ExecutionEvents.checked(event)));
        }
        byte[] body;
        try {
            body = EventJson.mapper().writeValueAsBytes(envelopes);
        } catch (IOException e) {
            throw new IllegalArgumentException("the batch cannot be written as JSON", e);
        }
        String lastProblem = null;
        Duration backOff = retries.firstBackOff();
        for (int attempt = 1; attempt <= retries.attempts(); attempt++) {
            Duration wait;
            try {
                HttpResponse<byte[]> answer = http.send(signed(body), HttpResponse.BodyHandlers.ofByteArray());
                if (answer.statusCode() == 200) {
                    return delivery(EventJson.mapper().readTree(answer.body()).get("data"), attempt);
                }
                String message = message(answer.body());
                if (answer.statusCode() != 503 && answer.statusCode() != 429) {
                    throw new Refused(answer.statusCode(), "the ledger refused the batch (" + answer.statusCode() + "): " + message);
                }
                lastProblem = answer.statusCode() + ": " + message;
                wait = answer.headers().firstValueAsLong("Retry-After").stream()
                        .mapToObj(Duration::ofSeconds).findFirst().orElse(jittered(backOff));
            } catch (IOException noAnswer) {
                lastProblem = "no answer: " + noAnswer;
                wait = jittered(backOff);
            }
            if (attempt < retries.attempts()) {
                Thread.sleep(wait.toMillis());
            }
            backOff = backOff.multipliedBy(2).compareTo(retries.longestBackOff()) > 0 ? retries.longestBackOff() : backOff.multipliedBy(2);
        }
        throw new Refused(503, "the ledger did not take the batch in " + retries.attempts() + " attempts; last " + lastProblem);
    }

    private HttpRequest signed(byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        WebhookSigning.headers(source, secret, body).forEach(request::header); // signed again each time: a fresh timestamp
        return request.build();
    }

    /** Between half the back-off and all of it, so that senders refused together do not come back together. */
    private static Duration jittered(Duration backOff) {
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(backOff.toMillis() / 2, backOff.toMillis() + 1));
    }

    private static Delivery delivery(JsonNode data, int attempts) {
        List<Outcome> outcomes = new ArrayList<>();
        for (JsonNode event : data.get("events")) {
            outcomes.add(new Outcome(text(event, "eventId"), text(event, "executionId"), text(event, "outcome"),
                    text(event, "reason"), event.hasNonNull("position") ? event.get("position").asLong() : null));
        }
        return new Delivery(data.get("appended").asInt(), data.get("duplicates").asInt(), data.get("rejected").asInt(),
                outcomes, attempts);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String message(byte[] body) {
        try {
            return EventJson.mapper().readTree(body).path("message").asText("(no message)");
        } catch (IOException e) {
            return "(an answer that is not JSON)";
        }
    }
}
