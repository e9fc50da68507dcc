package com.executionledger.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

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
        int senders = Benchmarks.option(flags, "--senders", 8);
        List<byte[]> batches = HttpIngestBenchmark.batches(senders, Benchmarks.option(flags, "--events", 100_000), 1);
        SignedDeliveries.Outcome outcome = SignedDeliveries.send(events,
                Benchmarks.textOption(flags, "--source", HttpIngestBenchmark.SOURCE),
                Benchmarks.textOption(flags, "--secret", HttpIngestBenchmark.SECRET), batches, senders);
        System.out.printf("%d senders, %,d events in %d batches of 100 to %s: %,.0f events/s, batch p50 %.1f ms, p99 %.1f ms;"
                        + " %,d appended, %,d duplicates, %,d rejected; %d batches failed, %d answers 503 or 429 (sent again)%n",
                senders, outcome.decided(), batches.size(), events, outcome.eventsPerSecond(),
                outcome.latencies().percentileMillis(50), outcome.latencies().percentileMillis(99), outcome.appended(),
                outcome.duplicates(), outcome.rejected(), outcome.failedBatches(), outcome.sentAgain());
    }
}
