package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.command.CommandSideApplication;
import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.infra.JavaProcess;
import com.executionledger.infra.TestDatabaseAndBroker;
import com.executionledger.query.QuerySideApplication;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two command sides and two query sides, each its own JVM, on one PostgreSQL and one broker.
 * Events flow over Kafka and over HTTP to both command sides; mid-stream one command side and one
 * query side are killed (SIGKILL) and started again. The segments are spread over both query
 * sides before the kill and all held by the survivor within 5 s of it, the killed command side's
 * partitions move within 15 s, and in the end both query sides list exactly the contract model's
 * rows, with every accepted event stored once. Logs and the measured times: target/scale-out/.
 */
class ScaleOutTest {

    private static final int EXECUTIONS = 90;
    private static final int SEGMENTS = 2;
    private static final long SEED = 8_080_808L;
    private static final String ADMIN = "adm_scale_out";
    private static final String SOURCE = "scale";
    private static final String SECRET = "whsec_scale";
    private static final Duration SEGMENT_TAKEOVER = Duration.ofSeconds(5);
    private static final Duration PARTITION_TAKEOVER = Duration.ofSeconds(15);

    private final Map<String, Process> services = new LinkedHashMap<>();
    private Path workspace;
    private TestDatabaseAndBroker infra;
    private final Map<String, Integer> ports = new HashMap<>();

    @AfterEach
    void stopEverything() {
        services.values().forEach(Process::destroyForcibly);
    }

    @Test
    void twoOfEachSideShareTheWorkAndSurviveTheLossOfOneOfEach() throws Exception {
        workspace = Files.createDirectories(Path.of("target", "scale-out", String.valueOf(System.currentTimeMillis())))
                .toAbsolutePath();
        infra = TestDatabaseAndBroker.fresh("scaleout");
        JdbcTemplate database = new JdbcTemplate(new DriverManagerDataSource(infra.databaseUrl(), "postgres", ""));
        for (String name : List.of("command-a", "command-b", "query-a", "query-b")) {
            ports.put(name, freePort());
            start(name);
        }
        services.keySet().forEach(this::awaitHealthy);
        awaitSegmentsHeldBy(database, Map.of("query-a", SEGMENTS / 2, "query-b", SEGMENTS / 2), Duration.ofSeconds(60));

        Map<String, List<ExecutionEvent>> deliveries = new HashMap<>();
        List<List<ExecutionEvent>> streams = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Random random = new Random(SEED);
        for (int i = 0; i < EXECUTIONS; i++) {
            String executionId = "exe_scale_%03d".formatted(i);
            List<ExecutionEvent> delivered = RandomHistories.delivery(RandomHistories.history(SEED + i, executionId), random);
            deliveries.put(executionId, delivered);
            streams.get(i % 3).addAll(delivered); // executions interleave in a stream; each keeps its own order
        }
        // one stream over Kafka, one over HTTP to each command side (to the other while it is down)
        List<CompletableFuture<Void>> publishing = List.of(
                CompletableFuture.runAsync(() -> publishOverKafka(streams.get(0), 15_000)),
                CompletableFuture.runAsync(() -> postOverHttp(streams.get(1), "command-a", "command-b", 15_000)),
                CompletableFuture.runAsync(() -> postOverHttp(streams.get(2), "command-b", "command-a", 15_000)));
        CompletableFuture<Void> allPublished = CompletableFuture.allOf(publishing.toArray(CompletableFuture[]::new));

        long stored = awaitLedgerGrownPast(database, 40, allPublished);
        long killedAt = System.nanoTime();
        services.get("command-a").destroyForcibly();
        services.get("query-a").destroyForcibly();
        awaitSegmentsHeldBy(database, Map.of("query-b", SEGMENTS), Duration.ofSeconds(60));
        Duration segmentTakeover = Duration.ofNanos(System.nanoTime() - killedAt);
        Duration partitionTakeover = awaitPartitionsOnlyWith("command-b", killedAt);
        start("command-a");
        start("query-a");
        awaitLedgerGrownPast(database, stored, allPublished);
        allPublished.get(5, TimeUnit.MINUTES);
        List.of("command-a", "query-a").forEach(this::awaitHealthy);
        awaitSegmentsHeldBy(database, Map.of("query-a", SEGMENTS / 2, "query-b", SEGMENTS / 2), Duration.ofSeconds(60));

        List<String> tokens = new ArrayList<>();
        ApiClient adminApi = new ApiClient(ports.get("query-b"), ADMIN);
        for (String organization : List.of("org_prop_0", "org_prop_1", "org_prop_2")) {
            tokens.add(adminApi.admin("POST", "/admin/tokens", "{\"organizationId\":\"" + organization
                    + "\",\"name\":\"scale\"}").at("/data/token").asText());
        }
        Map<String, Map<String, Object>> expected = LedgerChecks.expectedItems(deliveries);
        for (String querySide : List.of("query-a", "query-b")) {
            Map<String, Map<String, Object>> actual = LedgerChecks.awaitListed(new ApiClient(ports.get(querySide), null),
                    tokens, expected, 180);
            assertThat(actual).as("rows listed by " + querySide).containsOnlyKeys(expected.keySet());
            for (String id : expected.keySet()) {
                assertThat(actual.get(id)).as(id + " on " + querySide + ", delivered as "
                        + LedgerChecks.describe(deliveries.get(id))).isEqualTo(expected.get(id));
            }
        }
        LedgerChecks.assertEachAcceptedEventStoredOnce(database, deliveries);

        String measured = String.format("Scale-out test: 2 command sides + 2 query sides (JVMs), %d executions, %d events"
                        + " delivered (duplicates included) over Kafka and HTTP; %d segments; after SIGKILL of one of each:"
                        + " segments all held by the survivor after %d ms, partitions all with the survivor after %d ms%n",
                EXECUTIONS, deliveries.values().stream().mapToInt(List::size).sum(), SEGMENTS,
                segmentTakeover.toMillis(), partitionTakeover.toMillis());
        System.out.print(measured);
        Files.writeString(workspace.resolve("measured.txt"), measured);
        assertThat(segmentTakeover).as("segments taken over after the SIGKILL").isLessThanOrEqualTo(SEGMENT_TAKEOVER);
        assertThat(partitionTakeover).as("partitions moved after the SIGKILL").isLessThanOrEqualTo(PARTITION_TAKEOVER);
    }

    private void start(String name) {
        Map<String, String> properties = new LinkedHashMap<>(infra.springProperties());
        properties.put("ledger.ingest.partitions", "4");
        properties.put("ledger.admin.token", ADMIN);
        properties.put("ledger.ingest.http.sources." + SOURCE, SECRET);
        properties.put("spring.kafka.consumer.client-id", name);
        properties.put("server.port", String.valueOf(ports.get(name)));
        List<String> arguments = new ArrayList<>();
        arguments.add((name.startsWith("command") ? CommandSideApplication.class : QuerySideApplication.class).getName());
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        services.put(name, JavaProcess.launch("-Xmx384m", arguments, workspace.resolve(name + ".log")));
    }

    private void awaitHealthy(String name) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(300)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    assertThat(services.get(name).isAlive()).as(name + " is running; see " + workspace.resolve(name + ".log"))
                            .isTrue();
                    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ports.get(name)
                            + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                });
    }

    /** Waits until the query sides named hold exactly these numbers of the projection's segments. */
    private void awaitSegmentsHeldBy(JdbcTemplate database, Map<String, Integer> expected, Duration bound) {
        Map<String, Integer> wanted = new HashMap<>();
        expected.forEach((name, count) -> wanted.put(services.get(name).pid() + "@", count));
        await().atMost(bound).pollInterval(Duration.ofMillis(50)).until(() -> {
            Map<String, Integer> held = new HashMap<>();
            database.query("SELECT owner, count(*) AS held FROM token_entry WHERE processor_name = 'executions'"
                    + " AND owner IS NOT NULL GROUP BY owner", row -> {
                        held.put(row.getString("owner").substring(0, row.getString("owner").indexOf('@') + 1), row.getInt("held"));
                    });
            return held.equals(wanted);
        });
    }

    /** Waits until every partition of the topic is assigned, and only to the named command side's consumers. */
    private Duration awaitPartitionsOnlyWith(String survivor, long since) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            String group = infra.springProperties().get("spring.kafka.consumer.group-id");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                List<MemberDescription> members = new ArrayList<>(description.members());
                long assigned = members.stream().mapToLong(member -> member.assignment().topicPartitions().size()).sum();
                return assigned == 4 && members.stream().filter(member -> !member.assignment().topicPartitions().isEmpty())
                        .allMatch(member -> member.clientId().startsWith(survivor));
            });
        }
        return Duration.ofNanos(System.nanoTime() - since);
    }

    private void publishOverKafka(List<ExecutionEvent> events, long millis) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        EnvelopeWriter writer = new EnvelopeWriter();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (ExecutionEvent event : events) {
                producer.send(new ProducerRecord<>(infra.topic(), event.header().executionId(), writer.write(event))).get();
                Thread.sleep(millis / events.size());
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }

    /** Batches of 5, one at a time (so each execution's events arrive in their order), to the first command side while it answers. */
    private void postOverHttp(List<ExecutionEvent> events, String first, String second, long millis) {
        WebhookSender sender = new WebhookSender(SOURCE, SECRET);
        EnvelopeWriter writer = new EnvelopeWriter();
        try {
            for (int from = 0; from < events.size(); from += 5) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                body.write('[');
                for (int i = from; i < Math.min(from + 5, events.size()); i++) {
                    body.write(i > from ? ",".getBytes() : new byte[0]);
                    body.write(writer.write(events.get(i)));
                }
                body.write(']');
                JsonNode answer = deliverToEither(sender, body.toByteArray(), first, second);
                assertThat(answer.at("/code").asInt()).as(answer.toString()).isEqualTo(200);
                Thread.sleep(millis * 5 / events.size());
            }
        } catch (Exception e) {
            throw new IllegalStateException("posting failed", e);
        }
    }

    private JsonNode deliverToEither(WebhookSender sender, byte[] body, String first, String second) throws Exception {
        for (int attempt = 0; ; attempt++) {
            String target = attempt % 2 == 0 ? first : second;
            try {
                return sender.deliver(ports.get(target), body);
            } catch (IOException down) {
                Thread.sleep(100); // a load balancer would send it to the other one: so do we
            }
        }
    }

    private static long awaitLedgerGrownPast(JdbcTemplate database, long before, CompletableFuture<?> publishing) {
        AtomicLong stored = new AtomicLong(before);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
            stored.set(database.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class));
            return stored.get() > before || publishing.isDone();
        });
        return stored.get();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
