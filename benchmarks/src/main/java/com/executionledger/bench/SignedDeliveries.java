package com.executionledger.bench;

import com.executionledger.events.WebhookSigning;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook senders posting signed batches to {@code POST /v1/events} until every batch is decided:
 * what the answers said, and how long each batch took. Used by the HTTP phase and by {@link WebhookSenders}.
 */
final class SignedDeliveries {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the senders got: events decided each way, batches refused, answers 503 or 429 (sent again). */
    record Outcome(long appended, long duplicates, long rejected, int failedBatches, int sentAgain, double seconds,
                   Latencies latencies) {

        long decided() {
            return appended + duplicates + rejected;
        }

        double eventsPerSecond() {
            return decided() / seconds;
        }
    }

    private SignedDeliveries() {
    }

    static Outcome send(URI events, String source, String secret, List<byte[]> batches, int senders) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Latencies latencies = new Latencies();
        AtomicInteger sentAgain = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong appended = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                running.add(pool.submit(() -> {
                    for (int at = next.getAndIncrement(); at < batches.size(); at = next.getAndIncrement()) {
                        long began = System.nanoTime();
                        JsonNode answer = deliver(http, events, source, secret, batches.get(at), sentAgain);
                        latencies.record(System.nanoTime() - began);
                        if (answer.get("code").asInt() != 200) {
                            failed.incrementAndGet();
                            System.err.println("batch " + at + ": " + answer);
                        } else {
                            appended.addAndGet(answer.at("/data/appended").asLong());
                            duplicates.addAndGet(answer.at("/data/duplicates").asLong());
                            rejected.addAndGet(answer.at("/data/rejected").asLong());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : running) {
                sender.get();
            }
        } finally {
            pool.shutdown();
        }
        return new Outcome(appended.get(), duplicates.get(), rejected.get(), failed.get(), sentAgain.get(),
                (System.nanoTime() - started) / 1e9, latencies);
    }

    /** Posts until the batch is decided: after a 503 or 429 the same batch goes again, and what was recorded of it is a duplicate. */
    private static JsonNode deliver(HttpClient http, URI events, String source, String secret, byte[] body,
                                    AtomicInteger sentAgain) throws Exception {
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
            WebhookSigning.headers(source, secret, body).forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 503 && response.statusCode() != 429) {
                return JSON.readTree(response.body());
            }
            sentAgain.incrementAndGet();
            Thread.sleep(50);
        }
    }
}
