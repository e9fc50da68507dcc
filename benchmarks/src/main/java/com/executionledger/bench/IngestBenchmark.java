package com.executionledger.bench;

import com.executionledger.events.EnvelopeReader;
import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.ReadResult;
import com.executionledger.lifecycle.ExecutionLifecycle;
import com.executionledger.lifecycle.ExecutionState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
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
 * Publishes the workload to Kafka and times the ledger until every execution is visible in the
 * read model; then checks every row against the contract, and times the same events appended by
 * the database alone and consumed by a plain upserting consumer.
 */
final class IngestBenchmark {

    private final Database database;
    private final String bootstrap;
    private final String topic;
    private final Report report;
    private final Services services;

    IngestBenchmark(Database database, Services services, String bootstrap, String topic, Report report) {
        this.database = database;
        this.services = services;
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.report = report;
    }

    /**
     * Ingests the warm-up once, then measures a run of each size, each a fresh workload of the same
     * shape beside both baselines; answers the run of the median rate, which the HTTP and instances
     * phases compare their own with. Runs of different sizes are also compared with the first (the
     * scale run: ten million events against one million, in the same invocation).
     *
     * @param warmUpEvents events of other executions ingested first and not counted, by the ledger
     *                     and by both baselines alike: the figures are those of warm JVMs, as a
     *                     service runs, not of the JIT compiling them (half of a cold service's CPU)
     */
    Measured run(List<Integer> runSizes, int warmUpEvents) throws Exception {
        Map<String, List<ExecutionEvent>> warmUp = new LinkedHashMap<>();
        List<ExecutionEvent> warmUpPublished = workload(new Workload(2, Instant.parse("2026-10-01T00:00:00Z"), 1_000),
                "warm_%07d", warmUpEvents, warmUp);
        if (!warmUpPublished.isEmpty()) {
            System.out.printf("Warm-up: %,d events for %,d executions%n", warmUpPublished.size(), warmUp.size());
            publish(warmUpPublished);
            awaitReadModel(warmUp.size());
        }
        List<Measured> all = new ArrayList<>();
        int publishedBefore = warmUpPublished.size();
        for (int run = 1; run <= runSizes.size(); run++) {
            Measured measured = measure(run == 1 ? "exe" : "exe" + run, 1, runSizes.get(run - 1));
            all.add(measured);
            // a run of another size than the first is the scale run: compared with the first, not
            // with baselines again (at ten million events they would add half an hour)
            if (!runSizes.get(run - 1).equals(runSizes.get(0))) {
                reportAgainstTheFirstRun(measured, all.get(0));
            } else {
                reportBesideBaselines(measured, warmUpPublished, publishedBefore);
            }
            publishedBefore += measured.published().size();
        }
        if (!warmUpPublished.isEmpty()) {
            report.note(String.format("Ingest figures are of warm services: %,d events of %,d other executions were"
                    + " ingested first and not counted, and the baselines warmed up on the same events.",
                    warmUpPublished.size(), warmUp.size()));
        }
        reportDisk();
        return all.stream().sorted(Comparator.comparingDouble(Measured::rate)).toList().get(all.size() / 2);
    }

    private void reportBesideBaselines(Measured measured, List<ExecutionEvent> warmUpPublished, int publishedBefore)
            throws Exception {
        double appendRate = databaseAloneAppends(warmUpPublished, measured.published());
        // the plain consumer reads the topic from its start: what came before this run warms it up
        double plainRate = plainConsumer(publishedBefore, measured.published().size());
        report.add("ingest, end to end (" + measured.describe() + ")",
                Report.rate(measured.rate()), Report.rate(appendRate) + " database alone, batched appends",
                Report.ratio(measured.rate(), appendRate), ">= 0.60");
        report.add("ingest vs a plain Kafka consumer that upserts rows (no ledger)", Report.rate(measured.rate()),
                Report.rate(plainRate), Report.ratio(measured.rate(), plainRate), "");
        report.add("CPU per ingested event: command side / query side (every thread, JIT included)",
                measured.cpu().perUnit(measured.published().size()), "", "", "");
        reportMachine(measured, appendRate);
        report.note("Read model checked against the contract after ingest: " + measured.executions() + " rows, "
                + measured.mismatches() + " mismatches.");
    }

    /**
     * Where the machine's CPU went while the ledger ingested, per event, beside the services' own:
     * PostgreSQL's and everything else's (the broker, the bench's publisher, other tenants). What
     * those two spend per event bounds the rate on this machine even if the services took none.
     */
    private void reportMachine(Measured measured, double appendRate) {
        long events = measured.published().size();
        CpuTime cpu = measured.cpu();
        String share = cpu.besideTheServices(events, Duration.ofNanos((long) (events / measured.rate() * 1e9)));
        if (cpu.database() == null) {
            report.add("CPU per ingested event beside the services", share, "", "", "");
            return;
        }
        double ceiling = Runtime.getRuntime().availableProcessors() * 1e6
                / CpuTime.micros(cpu.database().plus(cpu.rest()), events);
        report.add("CPU per ingested event beside the services: PostgreSQL / the rest (broker, publisher)", share,
                Report.rate(ceiling) + " if the services took no CPU", Report.ratio(ceiling, appendRate), "");
    }

    /** The scale run's rows: worded apart from the others, since the report combines runs by their wording. */
    private void reportAgainstTheFirstRun(Measured measured, Measured first) {
        report.add(String.format("ingest at scale (%s) against the run of %,d events", measured.describe(),
                        first.published().size()), Report.rate(measured.rate()), Report.rate(first.rate()),
                Report.ratio(measured.rate(), first.rate()), ">= 0.80");
        report.add("CPU per ingested event at scale: command side / query side",
                measured.cpu().perUnit(measured.published().size()), "", "", "");
        report.note("Read model checked against the contract after the scale run: " + measured.executions() + " rows, "
                + measured.mismatches() + " mismatches.");
    }

    /** What the ledger and the read model take on disk (tables, indexes and TOAST), per million events and executions. */
    private void reportDisk() throws SQLException {
        long events = database.count("SELECT count(*) FROM domain_event_entry");
        long executions = database.count("SELECT count(*) FROM executions");
        long ledger = database.count("SELECT pg_total_relation_size('domain_event_entry') + pg_total_relation_size('event_id')");
        long readModel = database.count("SELECT pg_total_relation_size('executions')");
        report.add(String.format("disk: the ledger (events, their indexes, event ids; %,d events)", events),
                String.format("%,.0f MB per million events", ledger / 1e6 * 1e6 / Math.max(events, 1)), "", "", "reported");
        report.add(String.format("disk: the read model (executions and their indexes; %,d rows)", executions),
                String.format("%,.0f MB per million executions", readModel / 1e6 * 1e6 / Math.max(executions, 1)), "", "", "reported");
    }

    /** One timed ingest: what was published, how fast it was visible, the CPU it took and the rows that differ from the contract. */
    record Measured(List<ExecutionEvent> published, int executions, Duration publishing, double rate, CpuTime cpu,
                    long mismatches) {
        String describe() {
            return String.format("%,d events, %,d executions, published in %.1f s", published.size(), executions,
                    seconds(publishing));
        }
    }

    /**
     * Publishes a fresh workload of about {@code events} events (executions {@code prefix_0000000}
     * on, from workload seed {@code seed}) to the services as they run, and times it until every
     * execution is visible; its rows are then checked against the contract.
     */
    Measured measure(String prefix, int seed, int events) throws Exception {
        Map<String, List<ExecutionEvent>> deliveries = new LinkedHashMap<>();
        List<ExecutionEvent> published = workload(new Workload(seed, Instant.parse("2026-11-01T00:00:00Z"), 1_000),
                prefix + "_%07d", events, deliveries);
        long distinct = deliveries.values().stream().mapToLong(delivered ->
                delivered.stream().map(event -> event.header().eventId()).distinct().count()).sum();
        System.out.printf("Ingest: %,d events (%,d duplicates) for %,d executions%n", published.size(),
                published.size() - distinct, deliveries.size());
        long rowsBefore = database.count("SELECT count(*) FROM executions");
        CpuTime cpuBefore = services.cpuTime();
        Instant start = Instant.now();
        publish(published);
        Duration publishing = Duration.between(start, Instant.now());
        awaitReadModel(rowsBefore + deliveries.size());
        Duration endToEnd = Duration.between(start, Instant.now());
        CpuTime cpuUsed = services.cpuTime().since(cpuBefore);
        return new Measured(published, deliveries.size(), publishing, published.size() / seconds(endToEnd), cpuUsed,
                check(prefix, deliveries));
    }

    private static List<ExecutionEvent> workload(Workload workload, String idFormat, int events,
                                                 Map<String, List<ExecutionEvent>> byExecution) {
        List<ExecutionEvent> published = new ArrayList<>(events + 16);
        for (int i = 0; published.size() < events; i++) {
            String executionId = idFormat.formatted(i);
            List<ExecutionEvent> delivered = workload.execution(executionId);
            byExecution.put(executionId, delivered);
            published.addAll(delivered);
        }
        return published;
    }

    /**
     * Polls until the read model holds the rows. Counting millions of rows takes the database a
     * while, so the rows are counted only once the projection has caught up with the ledger (a look
     * at its tokens), and it waits ten times as long as the last look took (at least 500 ms): looking
     * costs the ledger a tenth of a core at most, at ten million events as at one.
     */
    private void awaitReadModel(long rows) throws Exception {
        while (true) {
            long start = System.nanoTime();
            boolean visible = database.projectionCaughtUp() && database.count("SELECT count(*) FROM executions") >= rows;
            if (visible) {
                return;
            }
            Thread.sleep(Math.max(500, (System.nanoTime() - start) / 100_000));
        }
    }

    private void publish(List<ExecutionEvent> events) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        EnvelopeWriter writer = new EnvelopeWriter();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (ExecutionEvent event : events) {
                producer.send(new ProducerRecord<>(topic, event.header().executionId(), writer.write(event)));
            }
            producer.flush();
        }
    }

    /** Every row against the contract's fold of what was delivered: the speed must not come from a dropped guarantee. */
    private long check(String prefix, Map<String, List<ExecutionEvent>> deliveries) throws Exception {
        long mismatches = 0;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(5_000);
                ResultSet rs = statement.executeQuery("""
                        SELECT id, status, payment_status, status_reason, run_id, order_id, created_at, started_at,
                               finished_at, updated_at, organization_id FROM executions WHERE id LIKE '""" + prefix + "\\_%'");
                while (rs.next()) {
                    List<ExecutionEvent> delivered = deliveries.get(rs.getString(1));
                    Set<String> seen = new HashSet<>();
                    List<ExecutionEvent> arrived = delivered.stream().filter(event -> seen.add(event.header().eventId())).toList();
                    ExecutionState expected = ExecutionLifecycle.derive(arrived).orElseThrow();
                    boolean same = expected.status().wireName().equals(rs.getString(2))
                            && Objects.equals(expected.paymentStatus(), rs.getString(3))
                            && Objects.equals(expected.statusReason(), rs.getString(4))
                            && Objects.equals(expected.runId(), rs.getString(5))
                            && Objects.equals(expected.orderId(), rs.getString(6))
                            && Objects.equals(expected.createdAt(), instant(rs.getTimestamp(7)))
                            && Objects.equals(expected.startedAt(), instant(rs.getTimestamp(8)))
                            && Objects.equals(expected.finishedAt(), instant(rs.getTimestamp(9)))
                            && Objects.equals(expected.updatedAt(), instant(rs.getTimestamp(10)))
                            && expected.organizationId().equals(rs.getString(11));
                    if (!same) {
                        mismatches++;
                    }
                }
            }
        }
        return mismatches;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * The same number of events, as rows shaped like the event store's, appended in batches of 500
     * per commit: the warm-up events first, then the measured ones, timed.
     */
    private double databaseAloneAppends(List<ExecutionEvent> warmUp, List<ExecutionEvent> events) throws Exception {
        database.execute("DROP TABLE IF EXISTS bench_append");
        database.execute("CREATE TABLE bench_append (LIKE domain_event_entry INCLUDING ALL)");
        EnvelopeWriter writer = new EnvelopeWriter();
        Map<String, Long> sequences = new HashMap<>();
        Instant start = null;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO bench_append (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                        payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, 'Execution', ?, ?, '1', ?, ?)""")) {
                int inBatch = 0;
                List<ExecutionEvent> all = new ArrayList<>(warmUp);
                all.addAll(events);
                for (int i = 0; i < all.size(); i++) {
                    if (i == warmUp.size()) {
                        insert.executeBatch();
                        connection.commit();
                        inBatch = 0;
                        start = Instant.now();
                    }
                    ExecutionEvent event = all.get(i);
                    String executionId = event.header().executionId();
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, executionId);
                    insert.setLong(3, sequences.merge(executionId, 1L, Long::sum));
                    insert.setString(4, Instant.now().toString());
                    insert.setString(5, event.getClass().getName());
                    insert.setBytes(6, writer.write(event));
                    insert.setBytes(7, "{\"effect\":\"changed status\",\"chainHash\":\"0000000000000000000000000000000000000000000000000000000000000000\"}".getBytes());
                    insert.addBatch();
                    if (++inBatch == 500) {
                        insert.executeBatch();
                        connection.commit();
                        inBatch = 0;
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
        }
        double rate = events.size() / seconds(Duration.between(start, Instant.now()));
        database.execute("DROP TABLE bench_append");
        return rate;
    }

    /**
     * What a team might build instead: consume, parse, upsert a status row per execution, commit
     * per poll; the warm-up records first, then the measured ones, timed.
     */
    private double plainConsumer(int warmUp, int expected) throws Exception {
        database.execute("DROP TABLE IF EXISTS bench_plain");
        database.execute("CREATE TABLE bench_plain (id VARCHAR(255) PRIMARY KEY, status VARCHAR(32), updated_at TIMESTAMPTZ)");
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        EnvelopeReader reader = new EnvelopeReader();
        int consumed = 0;
        Instant start = warmUp == 0 ? Instant.now() : null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
             Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            consumer.subscribe(List.of(topic));
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO bench_plain (id, status, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at""")) {
                while (consumed < warmUp + expected) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        if (++consumed == warmUp + 1) {
                            start = Instant.now();
                        }
                        if (reader.read(record.value()) instanceof ReadResult.Accepted accepted) {
                            upsert.setString(1, accepted.event().header().executionId());
                            upsert.setString(2, accepted.event().type().wireName());
                            upsert.setTimestamp(3, Timestamp.from(accepted.event().header().occurredAt()));
                            upsert.addBatch();
                        }
                    }
                    upsert.executeBatch();
                    connection.commit();
                    consumer.commitSync();
                }
            }
        }
        double rate = expected / seconds(Duration.between(start, Instant.now()));
        database.execute("DROP TABLE bench_plain");
        return rate;
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
