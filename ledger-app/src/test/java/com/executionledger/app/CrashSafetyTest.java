package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.command.CommandSideApplication;
import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.infra.JavaProcess;
import com.executionledger.infra.KafkaBrokerProcess;
import com.executionledger.infra.RestartablePostgres;
import com.executionledger.query.QuerySideApplication;
import com.executionledger.query.auth.ApiTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * While events flow: the command side is killed (SIGKILL, not a graceful stop) and restarted,
 * PostgreSQL is restarted, the Kafka broker is killed and restarted. Afterwards every event
 * published is in the ledger exactly once and the read model equals the contract model.
 */
class CrashSafetyTest {

    static final int EXECUTIONS = 60;
    private static final long SEED = 424242L;

    /** Under target/, so that a failure's logs (command-side.log, postgres/, kafka/) are still there to read. */
    private Path workspace;

    private RestartablePostgres postgres;
    private KafkaBrokerProcess kafka;
    private Process commandSide;
    private ConfigurableApplicationContext querySide;

    @BeforeEach
    void workspaceUnderTarget() throws Exception {
        workspace = Files.createDirectories(Path.of("target", "crash-safety", String.valueOf(System.currentTimeMillis())))
                .toAbsolutePath();
    }

    @AfterEach
    void stopEverything() {
        if (commandSide != null) {
            commandSide.destroyForcibly();
        }
        if (querySide != null) {
            querySide.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyPublishedEventIsInTheLedgerExactlyOnceAfterKillsAndRestarts() throws Exception {
        postgres = RestartablePostgres.start(workspace.resolve("postgres"));
        String databaseUrl = createDatabase(postgres.jdbcUrl(), "ledger");
        kafka = KafkaBrokerProcess.start(workspace.resolve("kafka"));
        Map<String, String> properties = Map.of(
                "spring.datasource.url", databaseUrl,
                "spring.datasource.username", "postgres",
                "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "ledger.ingest.topic", CommandSideApplication.DEFAULT_TOPIC,
                "ledger.ingest.partitions", "4");
        int commandPort = freePort();
        commandSide = startCommandSide(properties, commandPort);
        awaitHealthy(commandPort);
        List<String> queryArguments = new ArrayList<>();
        properties.forEach((key, value) -> queryArguments.add("--" + key + "=" + value));
        queryArguments.add("--server.port=0");
        querySide = QuerySideApplication.start(queryArguments.toArray(String[]::new));
        int apiPort = ((org.springframework.boot.web.context.WebServerApplicationContext) querySide).getWebServer().getPort();

        Map<String, List<ExecutionEvent>> deliveries = new HashMap<>();
        List<ExecutionEvent> published = new ArrayList<>();
        Random random = new Random(SEED);
        for (int i = 0; i < EXECUTIONS; i++) {
            String executionId = "exe_crash_%03d".formatted(i);
            List<ExecutionEvent> delivered = RandomHistories.delivery(RandomHistories.history(SEED + i, executionId), random);
            deliveries.put(executionId, delivered);
            published.addAll(delivered);
        }
        CompletableFuture<List<Future<RecordMetadata>>> publishing =
                CompletableFuture.supplyAsync(() -> publishSlowly(kafka.bootstrapServers(), published, 12_000));

        // each fault comes once the ledger has grown since the last: mid-stream, however slow the machine
        JdbcTemplate ledgerDatabase = new JdbcTemplate(new DriverManagerDataSource(databaseUrl, "postgres", ""));
        long stored = awaitLedgerGrownPast(ledgerDatabase, 0, publishing);
        commandSide.destroyForcibly().waitFor();
        commandSide = startCommandSide(properties, commandPort);
        // up before the next fault: a service that cannot reach its database while it starts exits
        // (its supervisor starts it again), and this test is not that supervisor
        awaitHealthy(commandPort);
        stored = awaitLedgerGrownPast(ledgerDatabase, stored, publishing);
        postgres.restart();
        awaitLedgerGrownPast(ledgerDatabase, stored, publishing);
        kafka.restart();
        for (Future<RecordMetadata> sent : publishing.get()) {
            sent.get(); // every record was acknowledged by the broker
        }

        ApiTokens tokens = querySide.getBean(ApiTokens.class);
        List<String> allOrganizations = new ArrayList<>();
        for (String organization : List.of("org_prop_0", "org_prop_1", "org_prop_2")) {
            allOrganizations.add(tokens.create(organization, "crash").token());
        }
        Map<String, Map<String, Object>> expected = LedgerChecks.expectedItems(deliveries);
        assertThat(commandSide.isAlive()).as("command side is running; see " + workspace.resolve("command-side.log")).isTrue();
        Map<String, Map<String, Object>> actual = LedgerChecks.awaitListed(new ApiClient(apiPort, null), allOrganizations, expected, 180);

        assertThat(published.size()).isGreaterThan(EXECUTIONS * 5);
        assertThat(actual).containsOnlyKeys(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(actual.get(id)).as(id + " delivered as " + LedgerChecks.describe(deliveries.get(id)))
                    .isEqualTo(expected.get(id));
        }
        LedgerChecks.assertEachAcceptedEventStoredOnce(ledgerDatabase, deliveries);
        String commandLog = Files.readString(workspace.resolve("command-side.log"));
        assertThat(commandLog.split("Started CommandSideApplication", -1)).as("the command side started twice").hasSize(3);
        System.out.printf("Crash test: %d executions, %d events published (duplicates included), %d rows listed%n",
                EXECUTIONS, published.size(), actual.size());
    }

    private static List<Future<RecordMetadata>> publishSlowly(String bootstrap, List<ExecutionEvent> events, long millis) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "180000");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "180000");
        EnvelopeWriter writer = new EnvelopeWriter();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            long pause = millis / events.size();
            for (ExecutionEvent event : events) {
                sent.add(producer.send(new ProducerRecord<>(CommandSideApplication.DEFAULT_TOPIC, event.header().executionId(), writer.write(event))));
                Thread.sleep(pause);
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sent;
    }

    private Process startCommandSide(Map<String, String> properties, int port) {
        List<String> arguments = new ArrayList<>();
        arguments.add("com.executionledger.command.CommandSideApplication");
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        arguments.add("--server.port=" + port);
        arguments.add("--spring.kafka.consumer.group-id=crash-test");
        return JavaProcess.launch("-Xmx512m", arguments, workspace.resolve("command-side.log"));
    }

    /**
     * Waits until the event store holds more than {@code before} events (the database may be
     * restarting meanwhile), or the stream has been published whole; answers how many it holds.
     */
    private static long awaitLedgerGrownPast(JdbcTemplate ledgerDatabase, long before, CompletableFuture<?> publishing) {
        AtomicLong stored = new AtomicLong(before);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            stored.set(ledgerDatabase.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class));
            return stored.get() > before || publishing.isDone();
        });
        return stored.get();
    }

    private void awaitHealthy(int port) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(300)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    assertThat(commandSide.isAlive()).as("command side is running; see " + workspace.resolve("command-side.log"))
                            .isTrue();
                    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).body().contains("\"UP\"");
                });
    }

    private static String createDatabase(String serverUrl, String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(serverUrl, "postgres", "")) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        }
        return serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + name;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
