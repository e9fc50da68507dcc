package com.executionledger.command.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.command.CommandSideApplication;
import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.TestEvents;
import com.executionledger.infra.TestDatabaseAndBroker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Envelopes published to a real Kafka broker land in the event store on a real PostgreSQL. */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.config.name=" + CommandSideApplication.CONFIG_NAME)
class KafkaIngestIntegrationTest {

    private static final TestDatabaseAndBroker INFRA = TestDatabaseAndBroker.fresh("ingest");
    private static final TestEvents ACME = TestEvents.of("exe_ingest", "org_acme");
    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

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

        await().atMost(Duration.ofSeconds(30)).until(() -> storedEvents("exe_ingest").size() >= 3);
        Thread.sleep(500); // any duplicate would have landed by now: the queued event came after both
        List<Map<String, Object>> stored = storedEvents("exe_ingest");

        assertThat(stored).extracting(row -> row.get("payload_type")).containsExactly(
                "com.executionledger.events.PaymentConfirmed",
                "com.executionledger.events.ExecutionCreated",
                "com.executionledger.events.WorkflowQueued");
        assertThat(stored).extracting(row -> row.get("sequence_number")).containsExactly(0L, 1L, 2L);
        assertThat(stored).extracting(row -> row.get("payload_revision")).containsOnly("1");
        JsonNode paid = json.readTree((byte[]) stored.get(0).get("payload"));
        assertThat(paid.at("/header/eventId").asText()).isEqualTo("evt_paid");
        assertThat(paid.at("/header/occurredAt").asText()).isEqualTo("2026-11-28T10:00:02Z");
        assertThat(paid.at("/paymentStatus").asText()).isEqualTo("paid");
        assertThat(paid.at("/orderId").asText()).isEqualTo("ord_evt_paid");
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
        assertThat(jdbc.queryForList("SELECT reason FROM dead_letter ORDER BY id", String.class)).hasSize(3);
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
}
