package com.executionledger.bench;

import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Webhook senders posting signed batches of 100 events, as upstream systems that deliver over
 * HTTP do: the executions' histories shuffled together with about 10% redeliveries, so that
 * concurrent batches touch the same executions. One sender, then eight, each beside the Kafka
 * ingest rate of the same run.
 */
final class HttpIngestBenchmark {

    static final String SOURCE = "bench";
    static final String SECRET = "whsec_bench";
    private static final int BATCH = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final Services services;
    private final Report report;

    HttpIngestBenchmark(Database database, Services services, Report report) {
        this.database = database;
        this.services = services;
        this.report = report;
    }

    /** One run: its executions are its own ({@code run} is in their ids). */
    void run(double kafkaRate, int events, int run) throws Exception {
        long burntBefore = burntGlobalIndexes();
        for (int senders : List.of(1, 8)) {
            SignedDeliveries.Outcome outcome = SignedDeliveries.send(URI.create("http://localhost:" + services.commandPort
                    + "/v1/events"), SOURCE, SECRET, batches(senders, events, run), senders);
            double rate = outcome.eventsPerSecond();
            Latencies latencies = outcome.latencies();
            report.add("HTTP ingest, " + senders + " sender" + (senders == 1 ? "" : "s") + " (" + String.format("%,d", outcome.decided())
                            + " events in signed batches of " + BATCH + ", shuffled, ~10% redelivered)",
                    Report.rate(rate), Report.rate(kafkaRate) + " Kafka ingest, this run", Report.ratio(rate, kafkaRate),
                    senders == 8 ? ">= 0.50" : "");
            report.add("HTTP batch latency p50 / p99, " + senders + " sender" + (senders == 1 ? "" : "s"),
                    Report.ms(latencies.percentileMillis(50)) + " / " + Report.ms(latencies.percentileMillis(99)), "", "",
                    senders == 8 ? "p99 <= 500 ms" : "");
            report.note(String.format("HTTP ingest with %d sender(s): %d answers 503 or 429 (then sent again), %d batches"
                    + " failed, %d events rejected (none should be: every event is valid).", senders, outcome.sentAgain(),
                    outcome.failedBatches(), outcome.rejected()));
        }
        report.note(String.format("HTTP ingest: %d global index values burnt by rolled-back appends (gaps the projection"
                + " tracks), %s batches retried after meeting another writer.", burntGlobalIndexes() - burntBefore, retries()));
    }

    /** The events of fresh executions, shuffled together, with about 10% redeliveries, in signed-ready batches. */
    static List<byte[]> batches(int senders, int events, int run) throws Exception {
        Workload workload = new Workload(100 + senders, Instant.parse("2026-11-15T00:00:00Z"), 1_000);
        Random random = new Random(senders);
        List<ExecutionEvent> delivered = new ArrayList<>(events + events / 8);
        for (int i = 0; delivered.size() < events; i++) {
            for (ExecutionEvent event : workload.execution("http%d_%d_%07d".formatted(run, senders, i))) {
                delivered.add(event);
                if (random.nextInt(100) < 7) { // with the workload's own 3%, about 10%
                    delivered.add(event);
                }
            }
        }
        Collections.shuffle(delivered, random);
        EnvelopeWriter writer = new EnvelopeWriter();
        List<byte[]> batches = new ArrayList<>();
        for (int from = 0; from < delivered.size(); from += BATCH) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write('[');
            for (int i = from; i < Math.min(from + BATCH, delivered.size()); i++) {
                if (i > from) {
                    body.write(',');
                }
                body.write(writer.write(delivered.get(i)));
            }
            body.write(']');
            batches.add(body.toByteArray());
        }
        return batches;
    }

    private long burntGlobalIndexes() throws Exception {
        return database.count("SELECT coalesce(max(global_index), 0) - count(*) FROM domain_event_entry");
    }

    private String retries() {
        try {
            JsonNode metric = JSON.readTree(services.get(services.commandPort, "/actuator/metrics/ledger.ingest.retries"));
            return String.format("%.0f", metric.at("/measurements/0/value").asDouble());
        } catch (Exception none) {
            return "0";
        }
    }
}
