package com.executionledger.command.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.command.CommandSideApplication;
import com.executionledger.command.execution.RecordExecutionEvents;
import com.executionledger.command.execution.RecordFirstExecutionEvents;
import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.TestEvents;
import com.executionledger.infra.TestDatabaseAndBroker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Envelopes delivered through a real Kafka broker and over HTTP land in the event store on a real PostgreSQL. */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + CommandSideApplication.CONFIG_NAME,
                "ledger.ingest.http.sources.payments=" + IngestIntegrationTest.SECRET,
                "ledger.admin.token=" + IngestIntegrationTest.ADMIN})
class IngestIntegrationTest {

    static final String SECRET = "whsec_test";
    static final String ADMIN = "admin_test_token";
    private static final TestDatabaseAndBroker INFRA = TestDatabaseAndBroker.fresh("ingest");
    private static final TestEvents ACME = TestEvents.of("exe_ingest", "org_acme");
    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    CommandBus commandBus;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    private static void publish(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(INFRA.topic(), key, value)).get();
    }

    private static void publish(ExecutionEvent event) throws Exception {
        publish(event.header().executionId(), new EnvelopeWriter().write(event));
    }

    private List<Map<String, Object>> storedEvents(String executionId) {
        return jdbc.queryForList("""
                SELECT sequence_number, payload_type, payload_revision, payload FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY global_index""", executionId);
    }

    @Test
    void envelopesLandAsDomainEventsInArrivalOrderAndDuplicatesLandNowhere() throws Exception {
        publish(ACME.paymentConfirmed("evt_paid", 2));
        publish(ACME.created("evt_created", 1));
        publish(ACME.paymentConfirmed("evt_paid", 2));
        publish(ACME.queued("evt_queued", 3));
        publish(ACME.created("evt_created", 1));
        publish(ACME.running("evt_last", 4)); // one partition keeps the order: once it is stored, the redeliveries were taken

        await().atMost(Duration.ofSeconds(30)).until(() -> storedEvents("exe_ingest").size() >= 4);
        List<Map<String, Object>> stored = storedEvents("exe_ingest");

        assertThat(stored).extracting(row -> row.get("payload_type")).containsExactly(
                "com.executionledger.events.PaymentConfirmed",
                "com.executionledger.events.ExecutionCreated",
                "com.executionledger.events.WorkflowQueued",
                "com.executionledger.events.WorkflowRunning");
        assertThat(stored).extracting(row -> row.get("sequence_number")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(stored).extracting(row -> row.get("payload_revision")).containsOnly("1");
        JsonNode paid = json.readTree((byte[]) stored.get(0).get("payload"));
        assertThat(paid.at("/header/eventId").asText()).isEqualTo("evt_paid");
        assertThat(paid.at("/header/occurredAt").asText()).isEqualTo("2026-11-28T10:00:02Z");
        assertThat(paid.at("/paymentStatus").asText()).isEqualTo("paid");
        assertThat(paid.at("/orderId").asText()).isEqualTo("ord_evt_paid");
    }

    /**
     * The payload is stored in the canonical form its link was computed from (written once for
     * both), so an auditor checks a chain with the stored bytes and SHA-256 alone.
     */
    @Test
    void eachLinkCoversThePayloadBytesAsStored() throws Exception {
        TestEvents chained = TestEvents.of("exe_stored_bytes", "org_acme");
        publish(chained.created("evt_sb_created", 1));
        publish(chained.paymentConfirmed("evt_sb_paid", 2));
        publish(chained.queued("evt_sb_queued", 3));

        await().atMost(Duration.ofSeconds(30)).until(() -> storedEvents("exe_stored_bytes").size() >= 3);
        String previous = "0".repeat(64);
        for (Map<String, Object> row : jdbc.queryForList("""
                SELECT payload, meta_data FROM domain_event_entry WHERE aggregate_identifier = 'exe_stored_bytes'
                ORDER BY sequence_number""")) {
            JsonNode metaData = json.readTree((byte[]) row.get("meta_data"));
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((previous + "\n").getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte[]) row.get("payload"));
            sha256.update(("\n" + metaData.get("effect").asText() + "\n" + metaData.get("arrivedAt").asText())
                    .getBytes(StandardCharsets.UTF_8));
            String link = HexFormat.of().formatHex(sha256.digest());
            assertThat(metaData.get("chainHash").asText()).isEqualTo(link);
            previous = link;
        }
    }

    @Test
    void malformedAndForeignRecordsGoToTheDeadLetterTopicWithTheirReasonAndOriginalBytes() throws Exception {
        byte[] malformed = "{\"eventId\": \"evt_bad\", ".getBytes(StandardCharsets.UTF_8);
        byte[] unknownType = new String(new EnvelopeWriter().write(TestEvents.of("exe_dlt", "org_acme").queued("evt_q", 1)),
                StandardCharsets.UTF_8).replace("workflow_queued", "workflow_teleported").getBytes(StandardCharsets.UTF_8);
        TestEvents owner = TestEvents.of("exe_dlt", "org_acme");
        publish("exe_bad", malformed);
        publish("exe_dlt", unknownType);
        publish(owner.created("evt_owner", 0));
        publish(owner.inOrganization("org_intruder").paymentConfirmed("evt_intruder", 1));
        publish(owner.running("evt_after_poison", 2));

        List<ConsumerRecord<String, byte[]>> deadLetters = readDeadLetterTopic(3);

        assertThat(deadLetters).extracting(ConsumerRecord::value)
                .anySatisfy(value -> assertThat(value).isEqualTo(malformed))
                .anySatisfy(value -> assertThat(value).isEqualTo(unknownType));
        assertThat(deadLetters).extracting(record -> reason(record)).containsExactlyInAnyOrder(
                "malformed JSON: Unexpected end-of-input within/between Object entries (line 1, column 24)",
                "type 'workflow_teleported' is unknown; expected one of: execution_created, payment_failed, "
                        + "payment_confirmed, workflow_queued, workflow_running, workflow_waiting, workflow_succeeded, "
                        + "workflow_failed, workflow_cancelled, payment_refunded",
                "organizationId 'org_intruder' does not own execution 'exe_dlt'");
        await().atMost(Duration.ofSeconds(30)).until(() -> storedEvents("exe_dlt").size() == 2);
        assertThat(storedEvents("exe_dlt")).extracting(row -> row.get("payload_type")).containsExactly(
                "com.executionledger.events.ExecutionCreated", "com.executionledger.events.WorkflowRunning");
        assertThat(jdbc.queryForList("SELECT reason FROM dead_letter WHERE source LIKE 'kafka %'", String.class)).hasSize(3);
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(KafkaIngestListener.REASON_HEADER).value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, byte[]>> readDeadLetterTopic(int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(INFRA.topic() + ".DLT"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Rule 6: an eventId is unique across the ledger; other content or another execution is a conflict kept with a pointer. */
    @Test
    void aReusedEventIdIsAConflictKeptWithAPointerToTheOriginal() throws Exception {
        TestEvents first = TestEvents.of("exe_id_first", "org_acme");
        TestEvents second = TestEvents.of("exe_id_second", "org_acme");
        assertThat(deliver(envelope(first.created("evt_shared", 1))).statusCode()).isEqualTo(200);

        JsonNode otherContent = json.readTree(deliver(envelope(first.created("evt_shared", 2))).body());
        JsonNode otherExecution = json.readTree(deliver(envelope(second.created("evt_shared", 1))).body());
        JsonNode sameBatch = json.readTree(deliver("[" + envelope(second.created("evt_twice", 1)) + ","
                + envelope(TestEvents.of("exe_id_third", "org_acme").created("evt_twice", 1)) + "]").body());
        JsonNode redelivery = json.readTree(deliver(envelope(first.created("evt_shared", 1))).body());

        assertThat(otherContent.at("/data/events/0/reason").asText())
                .isEqualTo("eventId 'evt_shared' is already in the ledger with other content");
        assertThat(otherExecution.at("/data/events/0/reason").asText())
                .isEqualTo("eventId 'evt_shared' is already in the ledger for execution 'exe_id_first', sequence 0");
        assertThat(sameBatch.at("/data/events/0/outcome").asText()).isEqualTo("appended");
        assertThat(sameBatch.at("/data/events/1/reason").asText())
                .isEqualTo("eventId 'evt_twice' is given for execution 'exe_id_second' earlier in this delivery");
        assertThat(redelivery.at("/data/events/0/outcome").asText()).isEqualTo("duplicate");
        assertThat(jdbc.queryForList("SELECT execution_id, original_execution_id, original_sequence FROM dead_letter"
                + " WHERE event_id = 'evt_shared' ORDER BY id")).containsExactly(
                Map.of("execution_id", "exe_id_first", "original_execution_id", "exe_id_first", "original_sequence", 0L),
                Map.of("execution_id", "exe_id_second", "original_execution_id", "exe_id_first", "original_sequence", 0L));
        assertThat(storedEvents("exe_id_second")).hasSize(1);
        assertThat(storedEvents("exe_id_third")).isEmpty();
    }

    /**
     * A 300 MiB chunked body without credentials is refused from its headers, before it is read:
     * the answer comes at once, the service stops reading after a little, and its heap stays where it was.
     */
    @Test
    void aHugeUnauthenticatedBodyIsRefusedBeforeItIsRead() throws Exception {
        long heapBefore = usedHeapAfterCollection();
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    var out = socket.getOutputStream();
                    out.write(("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = ("100000\r\n" + "x".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < 300; i++) { // 300 MiB
                        out.write(chunk);
                        written.addAndGet(0x100000);
                    }
                } catch (java.io.IOException refused) {
                    // the service closed the connection: what this test expects
                }
            });
            writer.start();
            long started = System.nanoTime();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            long answeredMillis = (System.nanoTime() - started) / 1_000_000;
            writer.join(60_000);

            assertThat(statusLine).isEqualTo("HTTP/1.1 401 ");
            assertThat(answeredMillis).as("answered before the body was read").isLessThan(10_000);
            assertThat(written.get()).as("bytes the service took before closing").isLessThan(64L * 1024 * 1024);
        }
        assertThat(usedHeapAfterCollection() - heapBefore).as("heap growth").isLessThan(64L * 1024 * 1024);

        // a known source declaring 300 MiB is answered 413 from its headers, without sending a byte of the body
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Ledger-Source: payments\r\nX-Ledger-Timestamp: " + Instant.now().getEpochSecond() + "\r\n"
                    + "X-Ledger-Signature: v1=00\r\nContent-Length: 314572800\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine()).isEqualTo("HTTP/1.1 413 ");
        }
    }

    /**
     * 64 sockets promise 100,000 bytes of body without credentials, then trickle: each is answered
     * 401 from its headers and closed at once, without waiting for the body, and a signed delivery
     * goes through meanwhile. No trickler holds a request thread.
     */
    @Test
    void tricklingUnauthenticatedBodiesAreAnsweredAndClosedWithoutWaiting() throws Exception {
        List<java.net.Socket> tricklers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                java.net.Socket socket = new java.net.Socket("localhost", port);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                        + "\r\nContent-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                tricklers.add(socket);
            }
            assertThat(deliver("[]").statusCode()).as("a signed delivery among the tricklers").isEqualTo(400);
            for (java.net.Socket socket : tricklers) {
                long started = System.nanoTime();
                byte[] answer = socket.getInputStream().readAllBytes(); // to the end: the service closes the connection
                assertThat(new String(answer, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 401 ");
                assertThat((System.nanoTime() - started) / 1_000_000).as("closed without waiting for the body").isLessThan(5_000);
            }
        } finally {
            for (java.net.Socket socket : tricklers) {
                socket.close();
            }
        }
    }

    @Test
    void everyAnswerCarriesItsRequestIdAndTheSecurityHeadersAndIsJsonWhateverIsAccepted() throws Exception {
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/admin/dead-letters")).header("Accept", "text/html")
                .header("X-Request-Id", "trace-42").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("X-Request-Id")).contains("trace-42");
        assertThat(refused.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(refused.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"execution-ledger\"");
        assertThat(json.readTree(refused.body()).get("code").asInt()).isEqualTo(401);
    }

    @Test
    void theAdminCredentialTakesAnyCaseOfBearerButExactlyOneHeader() throws Exception {
        HttpRequest.Builder lowercase = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/dead-letters"))
                .header("Authorization", "bearer " + ADMIN);
        HttpRequest.Builder twice = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/dead-letters"))
                .header("Authorization", "Bearer " + ADMIN).header("Authorization", "Bearer " + ADMIN);

        assertThat(HttpClient.newHttpClient().send(lowercase.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        HttpResponse<String> refused = HttpClient.newHttpClient().send(twice.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json.readTree(refused.body()).get("message").asText())
                .isEqualTo("more than one Authorization header: send exactly one");
    }

    private static long usedHeapAfterCollection() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> deliver(String body) throws Exception {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = "v1=" + com.executionledger.events.WebhookSigning.sign(SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8));
        return post("/v1/events", body, Map.of("Content-Type", "application/json", "X-Ledger-Source", "payments",
                "X-Ledger-Timestamp", timestamp, "X-Ledger-Signature", signature));
    }

    private JsonNode admin(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + ADMIN).build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return json.readTree(answer.body());
    }

    private static String envelope(ExecutionEvent event) {
        return new String(new EnvelopeWriter().write(event), StandardCharsets.UTF_8);
    }

    @Test
    void httpDeliveryIsDurableBeforeItIsAnsweredAndDuplicatesAreSaidToBe() throws Exception {
        TestEvents hooks = TestEvents.of("exe_http", "org_acme");
        String batch = "[" + envelope(hooks.created("h1", 0)) + "," + envelope(hooks.paymentConfirmed("h2", 1)) + ","
                + envelope(hooks.created("h1", 0)) + "," + envelope(hooks.queued("h3", 2)).replace("workflow_queued", "workflow_qeued") + "]";

        HttpResponse<String> answer = deliver(batch);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode data = json.readTree(answer.body()).get("data");
        assertThat(data.get("appended").asInt()).isEqualTo(2);
        assertThat(data.get("duplicates").asInt()).isEqualTo(1);
        assertThat(data.get("rejected").asInt()).isEqualTo(1);
        assertThat(data.at("/events/3/reason").asText()).startsWith("type 'workflow_qeued' is unknown");
        assertThat(storedEvents("exe_http")).hasSize(2);

        HttpResponse<String> again = deliver(batch);
        assertThat(json.readTree(again.body()).at("/data/duplicates").asInt()).isEqualTo(3);
        assertThat(storedEvents("exe_http")).hasSize(2);
        // each redelivery noted for the history, after the ledger position its execution had reached
        assertThat(jdbc.queryForList("""
                SELECT event_id || '@' || after_sequence FROM duplicate_delivery WHERE execution_id = 'exe_http'
                ORDER BY 1""", String.class)).containsExactly("h1@1", "h1@1", "h1@1", "h2@1");
    }

    @Test
    void anOperatorListsDeadLettersAndRedrivesACorrectedOne() throws Exception {
        TestEvents hooks = TestEvents.of("exe_redrive", "org_acme");
        deliver(envelope(hooks.created("r1", 0)));
        String typo = envelope(hooks.running("r2", 1)).replace("workflow_running", "workflow_runing");
        deliver(typo);

        JsonNode open = admin("GET", "/admin/dead-letters", null).get("data");
        JsonNode letter = null;
        for (JsonNode candidate : open) {
            if ("r2".equals(candidate.get("eventId").asText())) {
                letter = candidate;
            }
        }
        assertThat(letter).isNotNull();
        assertThat(letter.has("payload")).as("listings leave the bytes out").isFalse();
        assertThat(letter.get("payloadBytes").asLong()).isEqualTo(typo.getBytes(StandardCharsets.UTF_8).length);
        assertThat(letter.get("reason").asText()).startsWith("type 'workflow_runing' is unknown");

        long id = letter.get("id").asLong();
        JsonNode one = admin("GET", "/admin/dead-letters/" + id, null);
        assertThat(one.at("/data/payload").asText()).isEqualTo(typo);
        assertThat(one.at("/data/payloadTruncated").asBoolean()).isFalse();
        assertThat(admin("GET", "/admin/dead-letters?limit=abc", null).get("message").asText())
                .isEqualTo("'limit' must be a number");
        assertThat(admin("POST", "/admin/dead-letters/abc/redrive", null).get("code").asInt()).isEqualTo(400);
        assertThat(admin("GET", "/admin/dead-letters/999999", null).get("code").asInt()).isEqualTo(404);
        String elsewhere = typo.replace("workflow_runing", "workflow_running").replace("org_acme", "org_globex");
        JsonNode refused = admin("POST", "/admin/dead-letters/" + id + "/redrive", elsewhere);
        JsonNode redriven = admin("POST", "/admin/dead-letters/" + id + "/redrive", typo.replace("workflow_runing", "workflow_running"));

        assertThat(refused.get("code").asInt()).isEqualTo(400);
        assertThat(refused.get("message").asText()).isEqualTo("a corrected body must keep the dead letter's organizationId 'org_acme'");
        assertThat(redriven.at("/data/outcome").asText()).isEqualTo("appended");
        JsonNode act = json.readTree((byte[]) jdbc.queryForMap("""
                SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = 'exe_redrive' AND sequence_number = 1""")
                .get("meta_data")).get("operatorAct");
        assertThat(act.get("act").asText()).isEqualTo("redrive with a corrected body");
        assertThat(act.get("deadLetterId").asLong()).isEqualTo(id);
        assertThat(act.get("by").asText()).matches("admin:[0-9a-f]{12}");
        assertThat(act.get("at").asText()).isNotBlank();
        assertThat(new String(java.util.Base64.getDecoder().decode(act.get("originalPayload").asText()), StandardCharsets.UTF_8))
                .isEqualTo(typo);
        assertThat(storedEvents("exe_redrive")).extracting(row -> row.get("payload_type"))
                .containsExactly("com.executionledger.events.ExecutionCreated", "com.executionledger.events.WorkflowRunning");
        assertThat(admin("GET", "/admin/dead-letters", null).get("data").findValuesAsText("id")).doesNotContain(String.valueOf(id));
        assertThat(admin("POST", "/admin/dead-letters/" + id + "/redrive", null).get("code").asInt()).isEqualTo(404);
    }

    @Test
    void aPoisonEventIsDeadLetteredAloneAndTheRestOfItsBatchIsRecorded() throws Exception {
        Registration bug = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            Object command = unitOfWork.getMessage().getPayload();
            List<ExecutionEvent> events = command instanceof RecordExecutionEvents recorded ? recorded.events()
                    : ((RecordFirstExecutionEvents) command).events();
            if (events.stream().anyMatch(event -> event.header().eventId().equals("poison"))) {
                throw new IllegalStateException("a bug that only this event triggers");
            }
            return chain.proceed();
        });
        try {
            TestEvents good = TestEvents.of("exe_beside_poison", "org_acme");
            TestEvents bad = TestEvents.of("exe_poisoned", "org_acme");
            HttpResponse<String> answer = deliver("[" + envelope(good.created("g1", 0)) + ","
                    + envelope(bad.created("poison", 0)) + "," + envelope(good.queued("g2", 1)) + "]");

            JsonNode events = json.readTree(answer.body()).at("/data/events");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(events.findValuesAsText("outcome")).containsExactly("appended", "rejected", "appended");
            assertThat(events.get(1).get("reason").asText())
                    .isEqualTo("internal error while recording the event (IllegalStateException)");
            assertThat(storedEvents("exe_beside_poison")).hasSize(2);
            assertThat(storedEvents("exe_poisoned")).isEmpty();
            assertThat(jdbc.queryForList("SELECT reason FROM dead_letter WHERE payload = ?", String.class,
                    envelope(bad.created("poison", 0)).getBytes(StandardCharsets.UTF_8)))
                    .containsExactly("internal error while recording the event (IllegalStateException)");
        } finally {
            bug.cancel();
        }
    }

    @Test
    void adminOperationsNeedTheAdminCredential() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/admin/dead-letters")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/admin/dead-letters")).header("Authorization", "Bearer nope").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
    }
}
