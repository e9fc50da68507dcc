package com.executionledger.bench;

import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes at a steady rate and measures, for one in {@value #PROBE_ONE_IN} new executions of
 * one organization, the time from publishing its {@code execution_created} to the API answering it.
 */
final class LagBenchmark {

    /** Each probe's publishing time and stages, written by every run. */
    static final Path PROBES = Path.of("benchmarks/target/lag-probes.csv");
    /**
     * Together about 1,100 probes at 2,000 events/s, so that the p99 is not the worst of a hundred;
     * with 1 in 10 and a lag of 500 ms, some 740 lookups a second took half the query side's CPU
     * (async-profiler), and the asking loaded the API it measures into a longer lag.
     */
    private static final int PROBE_ONE_IN = 20;
    private static final int MEASURED_SECONDS = 60;

    private final Database database;
    private final Services services;
    private final Api api;
    private final String bootstrap;
    private final String topic;
    private final Report report;

    LagBenchmark(Database database, Services services, Api api, String bootstrap, String topic, Report report) {
        this.database = database;
        this.services = services;
        this.api = api;
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.report = report;
    }

    /**
     * Publishes at the given rate for the warm-up and then the measured seconds; only probes
     * published after the warm-up count (the first seconds compile the API's lookup path).
     */
    void run(int eventsPerSecond, int warmUpSeconds) throws Exception {
        run(eventsPerSecond, warmUpSeconds, "lag", "");
    }

    /** The same with executions {@code prefix_000000} on, each figure's name followed by {@code label} (the services' shape). */
    void run(int eventsPerSecond, int warmUpSeconds, String prefix, String label) throws Exception {
        Workload workload = new Workload(2, Instant.now(), 1);
        List<ExecutionEvent> events = new ArrayList<>();
        int warmUpEvents = eventsPerSecond * warmUpSeconds;
        for (int i = 0; events.size() < warmUpEvents + eventsPerSecond * MEASURED_SECONDS; i++) {
            events.addAll(workload.execution((prefix + "_%06d").formatted(i)));
        }
        // written before publishing starts: the suite shares the two cores with what it measures
        EnvelopeWriter writer = new EnvelopeWriter();
        List<byte[]> envelopes = events.stream().map(writer::write).toList();
        String token = api.tokenFor("org_0");
        Map<String, Instant> publishedAt = new ConcurrentHashMap<>();
        Map<String, Instant> measured = new ConcurrentHashMap<>();
        Set<String> outstanding = ConcurrentHashMap.newKeySet();
        Set<String> asking = ConcurrentHashMap.newKeySet();
        Map<String, Instant> visibleAt = new ConcurrentHashMap<>();
        Latencies latencies = new Latencies();
        AtomicLong lookups = new AtomicLong();
        // every outstanding probe is asked for every 25 ms, without waiting for the others' answers, so
        // that the figure is the pipeline's lag and not the time to go round the probes
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ScheduledExecutorService pollers = Executors.newSingleThreadScheduledExecutor();
        pollers.scheduleWithFixedDelay(() -> outstanding.forEach(id -> {
            if (asking.add(id)) {
                lookups.incrementAndGet();
                client.sendAsync(api.get(token, "/v1/executions/" + id), HttpResponse.BodyHandlers.discarding())
                        .whenComplete((answer, failure) -> {
                            if (answer != null && answer.statusCode() == 200 && outstanding.remove(id)
                                    && measured.containsKey(id)) {
                                Instant visible = Instant.now();
                                visibleAt.put(id, visible);
                                latencies.record(Duration.between(publishedAt.get(id), visible).toNanos());
                            }
                            asking.remove(id);
                        });
            }
        }), 25, 25, TimeUnit.MILLISECONDS);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // Kafka 4.0's default: an upstream producer batches what it sends within 5 ms instead of sending
        // each record as its own request (the broker shares the two cores with what it measures)
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        long start = System.nanoTime();
        // the events of each millisecond are sent together: a wake-up per event would cost this
        // process as much CPU as the broker's work
        int perTick = Math.max(1, eventsPerSecond / 1_000);
        long tickNanos = 1_000_000_000L * perTick / eventsPerSecond;
        CpuTime cpuWhenWarm = null;
        long warmAt = 0;
        long lookupsWhenWarm = 0;
        PlainReader plain = new PlainReader(measured);
        Thread plainReader = new Thread(plain);
        plainReader.start();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events.size(); i++) {
                long wait = start + (i / perTick) * tickNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (i == warmUpEvents) {
                    cpuWhenWarm = services.cpuTime();
                    warmAt = System.nanoTime();
                    lookupsWhenWarm = lookups.get();
                }
                ExecutionEvent event = events.get(i);
                String id = event.header().executionId();
                boolean probe = event.type().wireName().equals("execution_created") && id.hashCode() % PROBE_ONE_IN == 0
                        && event.header().organizationId().equals("org_0");
                producer.send(new ProducerRecord<>(topic, id, envelopes.get(i)));
                // a redelivered execution_created is not a second probe
                if (probe && publishedAt.putIfAbsent(id, Instant.now()) == null) {
                    outstanding.add(id);
                    if (i >= warmUpEvents) {
                        measured.put(id, publishedAt.get(id));
                    }
                }
            }
            producer.flush();
        }
        CpuTime cpuMeasured = services.cpuTime().since(cpuWhenWarm);
        Duration measuredFor = Duration.ofNanos(System.nanoTime() - warmAt);
        long measuredLookups = lookups.get() - lookupsWhenWarm;
        double achieved = events.size() / ((System.nanoTime() - start) / 1e9);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!outstanding.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        pollers.shutdownNow();
        plain.stop();
        plainReader.join();
        report.add("projection lag" + label + ", publish to visible through the API, p50 / p99 (" + latencies.count() + " of "
                        + measured.size() + " probes, at " + Report.rate(achieved) + " for " + MEASURED_SECONDS + " s after "
                        + warmUpSeconds + " s of warm-up)",
                Report.ms(latencies.percentileMillis(50)) + " / " + Report.ms(latencies.percentileMillis(99)),
                "", "", "p99 <= 100 ms at 5,000/s");
        // at a low rate each Kafka poll and each transaction carries few events: the cost per event
        // that decides how much of the two cores is left to absorb a burst
        report.add("CPU per event while publishing at that rate" + label
                        + ": command side / query side (probes' lookups included)",
                cpuMeasured.perUnit(events.size() - warmUpEvents), "", "", "");
        report.add("CPU per event while publishing at that rate" + label + " beside the services",
                cpuMeasured.besideTheServices(events.size() - warmUpEvents, measuredFor), "", "", "");
        report.note("The probes asked the API " + String.format("%,d", measuredLookups) + " times while publishing after the"
                + " warm-up, " + String.format("%.1f", measuredLookups / (double) Math.max(1, measured.size()))
                + " per probe: their lookups load the query side more the longer the lag.");
        if (!database.tracksCommitTimes()) {
            report.note("The lag's stages need the database's track_commit_timestamp = on (the embedded one has it).");
            return;
        }
        Map<String, Instant> committedAt = ledgerCommits(measured.keySet());
        Latencies appended = new Latencies();
        committedAt.forEach((id, committed) -> appended.record(Duration.between(measured.get(id), committed).toNanos()));
        report.add("of which publish to committed in the ledger (command side" + label + "), p50 / p99",
                Report.ms(appended.percentileMillis(50)) + " / " + Report.ms(appended.percentileMillis(99)),
                Report.ms(plain.latencies.percentileMillis(50)) + " / " + Report.ms(plain.latencies.percentileMillis(99))
                        + " publish to received by a plain Kafka consumer", "", "");
        Map<String, Long> projectionMicros = projectionMicros(measured.keySet());
        Latencies projected = new Latencies();
        projectionMicros.values().forEach(micros -> projected.record(micros * 1_000L));
        writeProbes(measured, visibleAt, committedAt, projectionMicros);
        report.add("of which committed in the ledger to committed in the read model (projection" + label + "), p50 / p99",
                Report.ms(projected.percentileMillis(50)) + " / " + Report.ms(projected.percentileMillis(99)), "", "", "");
    }

    /** The probes read by a plain Kafka consumer of its own: how soon the broker alone delivers them here. */
    private final class PlainReader implements Runnable {

        final Latencies latencies = new Latencies();
        private final Map<String, Instant> publishedAt;
        private volatile boolean running = true;

        PlainReader(Map<String, Instant> publishedAt) {
            this.publishedAt = publishedAt;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-lag-plain-" + System.nanoTime());
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        Instant sent = publishedAt.get(record.key());
                        if (sent != null && record.value() != null && new String(record.value()).contains("execution_created")) {
                            latencies.record(Duration.between(sent, Instant.now()).toNanos());
                        }
                    }
                }
            }
        }
    }

    /** When each probe's execution_created was committed to the event store. */
    private Map<String, Instant> ledgerCommits(Set<String> probes) throws Exception {
        Map<String, Instant> committedAt = new HashMap<>();
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement("""
                SELECT aggregate_identifier, pg_xact_commit_timestamp(xmin) FROM domain_event_entry
                WHERE aggregate_identifier = ANY (?) AND sequence_number = 0""")) {
            query.setArray(1, connection.createArrayOf("varchar", probes.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    committedAt.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return committedAt;
    }

    /**
     * For each probe's execution, the microseconds from the commit of its last event in the event
     * store to the commit of its read-model row (which that event wrote last).
     */
    private Map<String, Long> projectionMicros(Set<String> probes) throws Exception {
        Map<String, Long> micros = new HashMap<>();
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement("""
                SELECT e.id, (extract(epoch FROM pg_xact_commit_timestamp(e.xmin) - max(pg_xact_commit_timestamp(d.xmin)))
                    * 1000000)::bigint
                FROM executions e JOIN domain_event_entry d ON d.aggregate_identifier = e.id
                WHERE e.id = ANY (?) GROUP BY e.id, e.xmin""")) {
            query.setArray(1, connection.createArrayOf("varchar", probes.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    micros.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return micros;
    }

    /** Every probe's times, in publishing order, for finding when the slow ones happened. */
    private static void writeProbes(Map<String, Instant> publishedAt, Map<String, Instant> visibleAt,
                                    Map<String, Instant> committedAt, Map<String, Long> projectionMicros) throws Exception {
        List<String> lines = new ArrayList<>(List.of("execution_id,published_at,visible_ms,ledger_ms,projection_ms"));
        publishedAt.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(probe -> {
            String id = probe.getKey();
            lines.add(String.join(",", id, probe.getValue().toString(), millisBetween(probe.getValue(), visibleAt.get(id)),
                    millisBetween(probe.getValue(), committedAt.get(id)),
                    projectionMicros.containsKey(id) ? millis(projectionMicros.get(id) / 1e3) : ""));
        });
        Files.createDirectories(PROBES.getParent());
        Files.write(PROBES, lines);
    }

    private static String millisBetween(Instant from, Instant to) {
        return to == null ? "" : millis(Duration.between(from, to).toNanos() / 1e6);
    }

    private static String millis(double millis) {
        return String.format("%.1f", millis);
    }
}
