package com.executionledger.bench;

import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes at a steady rate and measures, for every tenth new execution, the time from
 * publishing its {@code execution_created} to the API answering it; and the same for the read
 * model's table queried directly.
 */
final class LagBenchmark {

    private final Database database;
    private final Api api;
    private final String bootstrap;
    private final String topic;
    private final Report report;

    LagBenchmark(Database database, Api api, String bootstrap, String topic, Report report) {
        this.database = database;
        this.api = api;
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.report = report;
    }

    void run(int eventsPerSecond, int seconds) throws Exception {
        Workload workload = new Workload(2, Instant.now(), 1);
        List<ExecutionEvent> events = new ArrayList<>();
        for (int i = 0; events.size() < eventsPerSecond * seconds; i++) {
            events.addAll(workload.execution("lag_%06d".formatted(i)));
        }
        String token = api.tokenFor("org_0");
        Map<String, Long> outstanding = new ConcurrentHashMap<>();
        Latencies latencies = new Latencies();
        ExecutorService pollers = Executors.newFixedThreadPool(4);
        for (int p = 0; p < 4; p++) {
            int poller = p;
            pollers.submit(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    for (Map.Entry<String, Long> probe : outstanding.entrySet()) {
                        if (Math.floorMod(probe.getKey().hashCode(), 4) != poller) {
                            continue;
                        }
                        try {
                            if (api.status(token, "/v1/executions/" + probe.getKey()) == 200
                                    && outstanding.remove(probe.getKey()) != null) {
                                latencies.record(System.nanoTime() - probe.getValue());
                            }
                        } catch (Exception e) {
                            return null;
                        }
                    }
                    Thread.sleep(2);
                }
                return null;
            });
        }
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        EnvelopeWriter writer = new EnvelopeWriter();
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / eventsPerSecond;
        int probes = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events.size(); i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                ExecutionEvent event = events.get(i);
                String id = event.header().executionId();
                boolean probe = event.type().wireName().equals("execution_created") && id.hashCode() % 10 == 0
                        && event.header().organizationId().equals("org_0");
                long sentAt = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, id, writer.write(event)));
                if (probe && !outstanding.containsKey(id)) {
                    outstanding.put(id, sentAt);
                    probes++;
                }
            }
            producer.flush();
        }
        double achieved = events.size() / ((System.nanoTime() - start) / 1e9);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!outstanding.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        pollers.shutdownNow();
        report.add("projection lag, publish to visible through the API, p50 / p99 (" + latencies.count() + " of "
                        + probes + " probes, at " + Report.rate(achieved) + " for " + seconds + " s)",
                Report.ms(latencies.percentileMillis(50)) + " / " + Report.ms(latencies.percentileMillis(99)),
                "", "", "p99 <= 250 ms at 2,000/s");
    }
}
