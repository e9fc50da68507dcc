package com.executionledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook senders against a ledger already running, such as {@code ./ledger}: the HTTP phase's
 * shuffled, redelivered histories in signed batches of 100, from {@code --senders} threads.
 * Prints events/s, batch p50/p99 and what the answers said. Run as BENCHMARKS.md shows.
 */
public final class WebhookSenders {

    private WebhookSenders() {
    }

    public static void main(String[] args) throws Exception {
        List<String> flags = Arrays.asList(args);
        URI events = URI.create(Benchmarks.textOption(flags, "--url", "http://localhost:8081") + "/v1/events");
        String source = Benchmarks.textOption(flags, "--source", HttpIngestBenchmark.SOURCE);
        String secret = Benchmarks.textOption(flags, "--secret", HttpIngestBenchmark.SECRET);
        int senders = Benchmarks.option(flags, "--senders", 8);
        List<byte[]> batches = HttpIngestBenchmark.batches(senders, Benchmarks.option(flags, "--events", 100_000));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Latencies latencies = new Latencies();
        AtomicInteger retried = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong appended = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            running.add(pool.submit(() -> {
                for (int at = next.getAndIncrement(); at < batches.size(); at = next.getAndIncrement()) {
                    long began = System.nanoTime();
                    JsonNode answer = HttpIngestBenchmark.deliver(http, events, source, secret, batches.get(at), retried);
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
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        long decided = appended.get() + duplicates.get() + rejected.get();
        System.out.printf("%d senders, %,d events in %d batches of 100 to %s: %,.0f events/s, batch p50 %.1f ms, p99 %.1f ms;"
                        + " %,d appended, %,d duplicates, %,d rejected; %d batches failed, %d answers 503 or 429 (sent again)%n",
                senders, decided, batches.size(), events, decided / seconds, latencies.percentileMillis(50),
                latencies.percentileMillis(99), appended.get(), duplicates.get(), rejected.get(), failed.get(), retried.get());
    }
}
